package dev.quotacli.report;

import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one seam between the limit cache's layout and the report: every cached limit entry of the
 * cache directory, as one {@link Target} per account × region × service. When the limit cache's
 * on-disk format changes (per-account entries keeping only the quotas whose applied value differs
 * from the default, merged with the shared {@code DefaultQuotaCache}), this is the class to adapt:
 * the rest of the report sees effective limits only. Read-only.
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
    List<Target> targets = new ArrayList<>();
    List<String> corrupt = new ArrayList<>();
    for (CacheFiles.Entry e : CacheFiles.list(root, ".json", ".usage.json")) {
      Lookup<LimitCache.Entry> l = cache.read(e.accountId(), e.region(), e.service());
      if (l instanceof Lookup.Fresh<LimitCache.Entry> f) {
        targets.add(
            new Target(
                e.accountId(), e.region(), e.service(), f.fetchedAt(), false, f.data().quotas()));
      } else if (l instanceof Lookup.Stale<LimitCache.Entry> s) {
        targets.add(
            new Target(
                e.accountId(), e.region(), e.service(), s.fetchedAt(), true, s.data().quotas()));
      } else if (l instanceof Lookup.Corrupt<LimitCache.Entry> c) {
        corrupt.add(c.reason());
      }
    }
    return new Result(targets, corrupt);
  }
}
