package dev.quotacli.cache;

import dev.quotacli.fs.AtomicFiles;
import dev.quotacli.quota.TimeBudget;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The time-budget states of every target ({@code <root>/budgets.json}, keyed {@code
 * account/region}). Updates are read-modify-write under an exclusive file lock, so passes of
 * different subcommands (or shards) that end together never lose each other's charges.
 */
public final class BudgetStore {
  /**
   * @param targets bucket state by {@code account/region}
   */
  public record Entry(Map<String, TimeBudget.State> targets) {
    public Entry {
      targets = new TreeMap<>(targets);
    }
  }

  private final Path root;
  private final JsonStore store;

  public BudgetStore(Path root, Clock clock) {
    this.root = root;
    this.store = new JsonStore(clock);
  }

  public Path path() {
    return root.resolve("budgets.json");
  }

  /**
   * Every target's state; empty when there is none or the file is unreadable (reported by caller).
   */
  public Map<String, TimeBudget.State> read() {
    Lookup<Entry> l = store.read(path(), Entry.class, Duration.ofDays(36500));
    if (l instanceof Lookup.Fresh<Entry> f) {
      return f.data().targets();
    }
    if (l instanceof Lookup.Stale<Entry> s) {
      return s.data().targets();
    }
    return Map.of();
  }

  /** Applies {@code change} to the latest states under the lock and writes the result. */
  public void update(UnaryOperator<Map<String, TimeBudget.State>> change) throws IOException {
    synchronized (BudgetStore.class) { // a FileLock is per process: threads of one JVM queue here
      updateLocked(change);
    }
  }

  private void updateLocked(UnaryOperator<Map<String, TimeBudget.State>> change)
      throws IOException {
    Path locks = root.resolve("locks");
    AtomicFiles.createDirectories(locks, AtomicFiles.DIR_PRIVATE);
    try (FileChannel ch =
            FileChannel.open(
                locks.resolve("budgets.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      Map<String, TimeBudget.State> latest = new TreeMap<>(read());
      store.write(path(), new Entry(change.apply(latest)), store.clock().instant());
    }
  }
}
