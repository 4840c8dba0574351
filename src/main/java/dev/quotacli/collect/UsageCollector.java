package dev.quotacli.collect;

import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.UsageMetric;
import dev.quotacli.quota.UsageOrigin;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one target's usage: limits first (cache, else Service Quotas), then usage from a fresh
 * usage-cache entry with no API call, else from the service's counter, then from CloudWatch for
 * quotas with a usage metric and no counter. Unknown usage stays unknown, with its reason.
 * Thread-safe.
 */
public final class UsageCollector {
  private static final Logger LOG = LoggerFactory.getLogger(UsageCollector.class);

  private final LimitCollector limits;
  private final UsageCache cache;
  private final UsageCounters counters;
  private final UsageMetrics cloudwatch;
  private final CallGuards guard;
  private final Clock clock;
  private final boolean force;

  public UsageCollector(
      LimitCollector limits,
      UsageCache cache,
      UsageCounters counters,
      UsageMetrics cloudwatch,
      CallGuards guard,
      Clock clock,
      boolean force) {
    this.limits = limits;
    this.cache = cache;
    this.counters = counters;
    this.cloudwatch = cloudwatch;
    this.guard = guard;
    this.clock = clock;
    this.force = force;
  }

  public TargetResult collect(Target target, ServiceConfig service) {
    TargetResult limitResult = limits.collect(target, service);
    if (!(limitResult instanceof TargetResult.Collected collected)) {
      return limitResult;
    }
    var lookup = cache.read(target.accountId(), target.region(), target.service());
    if (!force && lookup instanceof Lookup.Fresh<UsageCache.Entry> fresh) {
      LOG.debug("{}: usage from cache fetched at {}", target.describe(), fresh.fetchedAt());
      return collected.withUsage(fresh.data().usage(), fresh.data().unknown(), true);
    }
    if (lookup instanceof Lookup.Corrupt<UsageCache.Entry> corrupt) {
      LOG.warn("corrupt usage cache, refetching: {}", corrupt.reason());
    }
    Instant fetchedAt = clock.instant();
    CallGuard callGuard = guard.forTarget(target.accountId(), target.region().apiRegion().name());
    Optional<UsageCounter> counter =
        counters.open(target.account(), target.region().apiRegion(), target.service(), callGuard);
    Map<String, Double> counted = counter.map(c -> c.count(collected.limits())).orElse(Map.of());
    Measured measured =
        measure(
            collected.limits(),
            counted,
            metrics ->
                metrics.isEmpty()
                    ? Map.of()
                    : cloudwatch.latest(
                        target.account(), target.region().apiRegion(), metrics, callGuard));
    try {
      cache.write(
          target.accountId(),
          target.region(),
          target.service(),
          new UsageCache.Entry(measured.usage(), measured.unknown()),
          fetchedAt);
    } catch (IOException e) {
      LOG.warn(
          "cannot write usage cache {}: {}",
          cache.path(target.accountId(), target.region(), target.service()),
          e.getMessage());
    }
    return collected.withUsage(measured.usage(), measured.unknown(), false);
  }

  /**
   * @param usage known usage
   * @param unknown quotas without a usage, with the reason
   */
  record Measured(List<QuotaUsage> usage, List<String> unknown) {}

  /**
   * Counter values first; CloudWatch for quotas with a usage metric and no counter value; the rest
   * unknown. Pure but for the CloudWatch function it is given.
   */
  static Measured measure(
      List<QuotaLimit> limits,
      Map<String, Double> counted,
      java.util.function.Function<List<UsageMetric>, Map<UsageMetric, Double>> cloudwatch) {
    List<QuotaUsage> usage = new ArrayList<>();
    Map<String, UsageMetric> wanted = new LinkedHashMap<>();
    for (QuotaLimit limit : limits) {
      Double value = counted.get(limit.code());
      if (value != null && !value.isNaN()) {
        usage.add(new QuotaUsage(limit.code(), value, UsageOrigin.COUNTER));
      } else if (limit.usageMetric() != null) {
        wanted.put(limit.code(), limit.usageMetric());
      }
    }
    Map<UsageMetric, Double> fromCloudWatch =
        cloudwatch.apply(List.copyOf(new java.util.LinkedHashSet<>(wanted.values())));
    List<String> unknown = new ArrayList<>();
    for (QuotaLimit limit : limits) {
      if (counted.containsKey(limit.code()) && !counted.get(limit.code()).isNaN()) {
        continue;
      }
      UsageMetric metric = wanted.get(limit.code());
      Double value = metric == null ? null : fromCloudWatch.get(metric);
      if (value != null) {
        usage.add(new QuotaUsage(limit.code(), value, UsageOrigin.CLOUDWATCH));
      } else if (metric != null) {
        unknown.add(limit.code() + ": no datapoint for its usage metric in the last hour");
      } else {
        unknown.add(limit.code() + ": no counter and no usage metric");
      }
    }
    return new Measured(usage, unknown);
  }
}
