package dev.quotacli.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last run of each subcommand ({@code <root>/state/<subcommand>.json}): when it ran, how it
 * went, and when it last fully succeeded, which the self-metrics carry across partial failures.
 */
public final class RunStateStore {
  /**
   * @param lastRun when the last run started
   * @param durationSeconds how long it took
   * @param ok targets collected
   * @param failed targets failed
   * @param degraded targets skipped as degraded
   * @param lastSuccess when the last run that finished and wrote its file ended, or null
   * @param targets when each work item (by {@code account[/region][/service]}) last succeeded;
   *     carried over while it fails
   */
  public record RunState(
      Instant lastRun,
      double durationSeconds,
      long ok,
      long failed,
      long degraded,
      Instant lastSuccess,
      Map<String, Instant> targets) {
    public RunState {
      targets = targets == null ? Map.of() : new TreeMap<>(targets);
    }

    /** A state with no per-target record (older files). */
    public RunState(
        Instant lastRun,
        double durationSeconds,
        long ok,
        long failed,
        long degraded,
        Instant lastSuccess) {
      this(lastRun, durationSeconds, ok, failed, degraded, lastSuccess, Map.of());
    }
  }

  private final Path root;
  private final JsonStore store;

  public RunStateStore(Path root, Clock clock) {
    this.root = root;
    this.store = new JsonStore(clock);
  }

  public Path path(String subcommand) {
    return root.resolve("state").resolve(subcommand + ".json");
  }

  /** The last recorded state, or null when there is none or it cannot be read. */
  public RunState read(String subcommand) {
    Lookup<RunState> l = store.read(path(subcommand), RunState.class, Duration.ofDays(36500));
    if (l instanceof Lookup.Fresh<RunState> f) {
      return f.data();
    }
    if (l instanceof Lookup.Stale<RunState> s) {
      return s.data();
    }
    return null;
  }

  public void write(String subcommand, RunState state) throws IOException {
    store.write(path(subcommand), state, store.clock().instant());
  }
}
