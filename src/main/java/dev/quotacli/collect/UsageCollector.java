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
 *
 * <p>A failed call loses only the quotas that need it: the rest of the target's usage is exported,
 * the lost quotas are unknown with the failure as reason (never 0), one warning says so, and the
 * usage is not cached, so the next pass counts again. The target fails only when refused
 * credentials end the count, or when the failures leave no usage at all (as when the one call a
 * target needs fails). Thread-safe.
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
    UsageCounter.Counted counted =
        counter.map(c -> c.countEach(collected.limits())).orElse(UsageCounter.Counted.of(Map.of()));
    Measured measured =
        measure(
            collected.limits(),
            counted,
            metrics ->
                metrics.isEmpty()
                    ? Map.of()
                    : cloudwatch.latest(
                        target.account(), target.region().apiRegion(), metrics, callGuard));
    if (!measured.failures().isEmpty()) {
      if (measured.usage().isEmpty()) {
        // Nothing left to export: the target fails with the failure, as it did before.
        throw measured.failures().values().iterator().next();
      }
      LOG.warn(
          "{}: usage of {} of {} quotas unknown, a call failed: {}",
          target.describe(),
          measured.failures().size(),
          collected.limits().size(),
          measured.failures().values().stream()
              .map(e -> e.kind().label() + ": " + e.getMessage())
              .distinct()
              .collect(java.util.stream.Collectors.joining("; ")));
      return collected.withUsage(measured.usage(), measured.unknown(), false);
    }
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
   * @param failures by quota code, the failed call that left the quota without a usage
   */
  record Measured(
      List<QuotaUsage> usage, List<String> unknown, Map<String, ApiException> failures) {
    Measured {
      failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    Measured(List<QuotaUsage> usage, List<String> unknown) {
      this(usage, unknown, Map.of());
    }
  }

  /** {@link #measure(List, UsageCounter.Counted, java.util.function.Function)} with no failure. */
  static Measured measure(
      List<QuotaLimit> limits,
      Map<String, Double> counted,
      java.util.function.Function<List<UsageMetric>, Map<UsageMetric, Double>> cloudwatch) {
    return measure(limits, UsageCounter.Counted.of(counted), cloudwatch);
  }

  /**
   * Counter values first; CloudWatch for quotas with a usage metric and no counter value; the rest
   * unknown, with the failure as reason where a call failed (a quota whose counter call failed is
   * not asked of CloudWatch: the counter is its source). A failed CloudWatch call loses only the
   * quotas that wanted it; refused credentials are thrown. Pure but for the CloudWatch function it
   * is given.
   */
  static Measured measure(
      List<QuotaLimit> limits,
      UsageCounter.Counted counted,
      java.util.function.Function<List<UsageMetric>, Map<UsageMetric, Double>> cloudwatch) {
    List<QuotaUsage> usage = new ArrayList<>();
    Map<String, UsageMetric> wanted = new LinkedHashMap<>();
    for (QuotaLimit limit : limits) {
      Double value = counted.usage().get(limit.code());
      if (value != null && !value.isNaN()) {
        usage.add(new QuotaUsage(limit.code(), value, UsageOrigin.COUNTER));
      } else if (limit.usageMetric() != null && !counted.failed().containsKey(limit.code())) {
        wanted.put(limit.code(), limit.usageMetric());
      }
    }
    Map<UsageMetric, Double> fromCloudWatch;
    ApiException cloudwatchFailure = null;
    try {
      fromCloudWatch =
          cloudwatch.apply(List.copyOf(new java.util.LinkedHashSet<>(wanted.values())));
    } catch (ApiException e) {
      if (UsageCounter.Tally.failsTheCount(e)) {
        throw e;
      }
      fromCloudWatch = Map.of();
      cloudwatchFailure = e;
    }
    List<String> unknown = new ArrayList<>();
    Map<String, ApiException> failures = new LinkedHashMap<>();
    for (QuotaLimit limit : limits) {
      Double counterValue = counted.usage().get(limit.code());
      if (counterValue != null && !counterValue.isNaN()) {
        continue;
      }
      UsageMetric metric = wanted.get(limit.code());
      Double value = metric == null ? null : fromCloudWatch.get(metric);
      ApiException failure = counted.failed().get(limit.code());
      if (failure == null && metric != null) {
        failure = cloudwatchFailure;
      }
      if (value != null) {
        usage.add(new QuotaUsage(limit.code(), value, UsageOrigin.CLOUDWATCH));
      } else if (failure != null) {
        unknown.add(limit.code() + ": " + failure.kind().label() + ": " + failure.getMessage());
        failures.put(limit.code(), failure);
      } else if (metric != null) {
        unknown.add(limit.code() + ": no datapoint for its usage metric in the last hour");
      } else {
        unknown.add(limit.code() + ": no counter and no usage metric");
      }
    }
    return new Measured(usage, unknown, failures);
  }
}
