package dev.quotacli.cache;

import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.RightsizingSaving;
import dev.quotacli.cost.TagCostLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cost Explorer answers per scope ({@code <root>/cost/<account>.json}), one entry per part (month
 * to date, last day, each forecast, each tag key, rightsizing), each with what was asked, when, and
 * how many pages (billed requests) it took. An answer is used while it is younger than the TTL (6 h
 * by default) and was asked exactly as now (cost basis, interval bounds, month, tag key, linked
 * account): Cost Explorer refreshes at most a few times a day and charges $0.01 a request, so a
 * fresh answer means no request at all; one asked differently is never exported as this one. The
 * pages of the last answer estimate the next request's. Also the last run's Cost Explorer report,
 * for {@code status} ({@code <root>/cost/last-run.json}).
 */
public final class CostCache {
  static final Duration FOREVER = Duration.ofDays(36500);

  /**
   * One part's answer.
   *
   * @param asked what was asked, e.g. {@code GetCostAndUsage SERVICE,LINKED_ACCOUNT UnblendedCost
   *     2025-06}: an answer is only used for the same question
   * @param fetchedAt when Cost Explorer answered
   * @param pages the requests (pages) it took
   * @param lines spend by account and service (month to date, last day)
   * @param tags spend by tag value and service, every value
   * @param forecast the forecast, or null (also when Cost Explorer had none)
   * @param savings rightsizing savings by account and type
   * @param rightsizingDisabled AWS's reason when rightsizing is not enabled, or null
   */
  public record Part(
      String asked,
      Instant fetchedAt,
      int pages,
      List<CostLine> lines,
      List<TagCostLine> tags,
      Forecast forecast,
      List<RightsizingSaving> savings,
      String rightsizingDisabled) {
    public Part {
      lines = lines == null ? List.of() : List.copyOf(lines);
      tags = tags == null ? List.of() : List.copyOf(tags);
      savings = savings == null ? List.of() : List.copyOf(savings);
    }
  }

  /**
   * A scope's file.
   *
   * @param parts by slot ({@code month_to_date}, {@code forecast:<account>}, {@code tags:<key>}..)
   * @param pages by slot, the requests the part took the last time it was asked, or at least took
   *     when the budget cut it: the next plan's estimate
   */
  public record Entry(Map<String, Part> parts, Map<String, Integer> pages) {
    public static final Entry EMPTY = new Entry(Map.of(), Map.of());

    public Entry {
      parts =
          parts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parts));
      pages =
          pages == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(pages));
    }

    /** The requests the slot is expected to take: what it took the last time, else 1. */
    public int pagesOf(String slot) {
      Integer n = pages.get(slot);
      if (n == null && parts.get(slot) != null) {
        n = parts.get(slot).pages();
      }
      return n == null ? 1 : Math.max(1, n);
    }
  }

  /**
   * The last run's Cost Explorer report.
   *
   * @param at when the run started
   * @param requests requests sent (each billed page)
   * @param budget {@code --max-ce-requests}
   * @param scopes Cost Explorer scopes of the run
   * @param incompleteScopes scopes with a part that is not exported
   * @param missing parts not exported, by kind label, each with its reason, e.g. {@code forecast}
   *     -> 12
   * @param examples a few of them, {@code scope slot: reason}
   */
  public record LastRun(
      Instant at,
      int requests,
      int budget,
      int scopes,
      int incompleteScopes,
      Map<String, Integer> missing,
      List<String> examples) {
    public LastRun {
      missing = missing == null ? Map.of() : new TreeMap<>(missing);
      examples = examples == null ? List.of() : List.copyOf(examples);
    }
  }

  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public CostCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path path(String scopeAccountId) {
    return root.resolve("cost").resolve(scopeAccountId + ".json");
  }

  /** A scope's parts, fresh or not (an unreadable file or one of an older layout holds none). */
  public Entry read(String scopeAccountId) {
    var lookup = store.read(path(scopeAccountId), Entry.class, FOREVER);
    if (lookup instanceof Lookup.Fresh<Entry> f) {
      return f.data();
    }
    if (lookup instanceof Lookup.Stale<Entry> s) {
      return s.data(); // written "in the future": each part's own time decides
    }
    return Entry.EMPTY;
  }

  /** Whether a part is younger than the TTL (and not from the future). */
  public boolean fresh(Part part) {
    Instant now = store.clock().instant();
    return part.fetchedAt() != null
        && !part.fetchedAt().isAfter(now.plusSeconds(300))
        && part.fetchedAt().plus(ttl).isAfter(now);
  }

  /** Rewrites a scope's file. */
  public void write(String scopeAccountId, Entry entry) throws IOException {
    store.write(path(scopeAccountId), entry, store.clock().instant());
  }

  public Path lastRunPath(String runName) {
    return root.resolve("cost").resolve("last-run" + runName + ".json");
  }

  /**
   * @param runName {@code ""}, or the shard's suffix
   */
  public void writeLastRun(String runName, LastRun run) throws IOException {
    store.write(lastRunPath(runName), run, run.at());
  }

  /** The last run's report, or null. */
  public LastRun readLastRun(String runName) {
    var lookup = store.read(lastRunPath(runName), LastRun.class, FOREVER);
    if (lookup instanceof Lookup.Fresh<LastRun> f) {
      return f.data();
    }
    return lookup instanceof Lookup.Stale<LastRun> s ? s.data() : null;
  }
}
