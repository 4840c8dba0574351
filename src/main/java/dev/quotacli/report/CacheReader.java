package dev.quotacli.report;

import dev.quotacli.cache.AccountListCache;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.output.StatusReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the cache directory into {@link ReportInputs}, through the cache classes. Read-only. */
public final class CacheReader {
  private static final Duration FOREVER = Duration.ofDays(36500);

  private CacheReader() {}

  /**
   * @param root the cache directory (it exists)
   * @param status the status view read from the same directory
   * @param subcommands the subcommands that record a run state
   */
  public static ReportInputs read(
      Path root,
      Clock clock,
      Duration limitTtl,
      Duration usageTtl,
      StatusReport status,
      List<String> subcommands)
      throws IOException {
    CachedLimits.Result limits = CachedLimits.read(root, limitTtl, clock);
    UsageCache usageCache = new UsageCache(root, usageTtl, clock);
    List<ReportInputs.UsageTarget> usage = new ArrayList<>();
    List<String> usageCorrupt = new ArrayList<>();
    for (CacheFiles.Entry e : CacheFiles.list(root, ".usage.json", null)) {
      Lookup<UsageCache.Entry> l = usageCache.read(e.accountId(), e.region(), e.service());
      if (l instanceof Lookup.Fresh<UsageCache.Entry> f) {
        usage.add(usageTarget(e, f.fetchedAt(), false, f.data()));
      } else if (l instanceof Lookup.Stale<UsageCache.Entry> s) {
        usage.add(usageTarget(e, s.fetchedAt(), true, s.data()));
      } else if (l instanceof Lookup.Corrupt<UsageCache.Entry> c) {
        usageCorrupt.add(c.reason());
      }
    }
    Map<String, String> names = new TreeMap<>();
    Instant namesAt = null;
    var accounts = new AccountListCache(root, clock).read(FOREVER);
    if (accounts.isPresent()) {
      accounts.get().entry().accounts().forEach(a -> names.put(a.accountId(), a.accountName()));
      namesAt = accounts.get().fetchedAt();
    }
    return new ReportInputs(
        status, subcommands, limits, usage, usageCorrupt, names, namesAt, costScopes(root, clock));
  }

  private static ReportInputs.UsageTarget usageTarget(
      CacheFiles.Entry e, Instant at, boolean stale, UsageCache.Entry data) {
    return new ReportInputs.UsageTarget(
        e.accountId(), e.region(), e.service(), at, stale, data.usage(), data.unknown());
  }

  /** {@code <root>/cost/<scope>.json}, the last-run reports apart. */
  private static List<ReportInputs.CostScope> costScopes(Path root, Clock clock)
      throws IOException {
    Path dir = root.resolve("cost");
    List<ReportInputs.CostScope> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    CostCache cache = new CostCache(root, FOREVER, clock);
    List<String> scopes;
    try (Stream<Path> files = Files.list(dir)) {
      scopes =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.matches("\\d{12}\\.json"))
              .map(n -> n.substring(0, 12))
              .sorted()
              .toList();
    }
    for (String scope : scopes) {
      CostCache.Entry entry = cache.read(scope);
      if (!entry.parts().isEmpty()) {
        out.add(new ReportInputs.CostScope(scope, entry));
      }
    }
    return out;
  }
}
