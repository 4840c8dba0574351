package dev.quotacli.report;

import dev.quotacli.cache.DefaultQuotaCache;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.quota.LimitMerger;
import dev.quotacli.quota.Partition;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one seam between the limit cache's layout and the report: every cached limit entry of the
 * cache directory, as one {@link Target} per account × region × service, with its effective limits.
 * A compact entry (the account's own limits only) is read over its region's shared default list
 * ({@code DefaultQuotaCache}, fresh or stale), as the collector reads it; without that list it is
 * reported as unreadable. Read-only.
 */
public final class CachedLimits {
  /**
   * One target's cached limits.
   *
   * @param accountId the account
   * @param region the region, or {@code global}
   * @param service the service code
   * @param fetchedAt when the limits were fetched
   * @param stale older than the limit TTL
   * @param quotas the effective limits
   */
  public record Target(
      String accountId,
      Region region,
      String service,
      Instant fetchedAt,
      boolean stale,
      List<QuotaLimit> quotas) {
    public Target {
      quotas = List.copyOf(quotas);
    }
  }

  /**
   * @param targets sorted by account, region, service
   * @param corrupt one line per unreadable entry
   */
  public record Result(List<Target> targets, List<String> corrupt) {
    public Result {
      targets = List.copyOf(targets);
      corrupt = List.copyOf(corrupt);
    }
  }

  private CachedLimits() {}

  /** Every limit entry under {@code root}; stale ones are kept and marked. */
  public static Result read(Path root, Duration ttl, Clock clock) throws IOException {
    LimitCache cache = new LimitCache(root, ttl, clock);
    DefaultQuotaCache defaultsCache = new DefaultQuotaCache(root, ttl, clock);
    Map<String, Optional<List<QuotaLimit>>> defaults = new HashMap<>();
    List<CacheFiles.Entry> entries = CacheFiles.list(root, ".json", ".usage.json");
    Map<String, Partition> partitions = new HashMap<>();
    for (CacheFiles.Entry e : entries) {
      if (!e.region().isGlobal()) {
        partitions.putIfAbsent(e.accountId(), Partition.of(e.region()));
      }
    }
    List<Target> targets = new ArrayList<>();
    List<String> corrupt = new ArrayList<>();
    for (CacheFiles.Entry e : entries) {
      Lookup<LimitCache.Entry> l = cache.read(e.accountId(), e.region(), e.service());
      LimitCache.Entry entry;
      Instant fetchedAt;
      boolean stale;
      if (l instanceof Lookup.Fresh<LimitCache.Entry> f) {
        entry = f.data();
        fetchedAt = f.fetchedAt();
        stale = false;
      } else if (l instanceof Lookup.Stale<LimitCache.Entry> s) {
        entry = s.data();
        fetchedAt = s.fetchedAt();
        stale = true;
      } else {
        if (l instanceof Lookup.Corrupt<LimitCache.Entry> c) {
          corrupt.add(c.reason());
        }
        continue;
      }
      List<QuotaLimit> quotas = entry.quotas();
      if (entry.compact()) {
        // The account's own limits over its region's shared default list (as the collector reads).
        Region apiRegion =
            partitions.getOrDefault(e.accountId(), Partition.AWS).apiRegion(e.region().apiRegion());
        Optional<List<QuotaLimit>> d =
            defaults.computeIfAbsent(
                apiRegion.name() + "/" + e.service(),
                k -> defaultsCache.limits(apiRegion, e.service()));
        if (d.isEmpty()) {
          corrupt.add(
              cache.path(e.accountId(), e.region(), e.service())
                  + ": the default list it is read with ("
                  + defaultsCache.path(apiRegion, e.service())
                  + ") is missing or unreadable");
          continue;
        }
        quotas = LimitMerger.expand(d.get(), entry.quotas(), entry.withheld());
      }
      targets.add(new Target(e.accountId(), e.region(), e.service(), fetchedAt, stale, quotas));
    }
    return new Result(targets, corrupt);
  }
}
