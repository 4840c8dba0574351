package dev.quotacli.plan;

import dev.quotacli.collect.FetchStrategy;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.UsageMetric;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Estimates the AWS calls of a pass from {@link Facts}, deciding as the collectors decide: a fresh
 * limit cache answers; else {@link FetchStrategy} picks List or Get with the catalogue size the
 * caches know; AWS's default list is fetched once per region and service for the estate; a fresh
 * usage cache answers; else the service's counter ({@link UsageCalls}) and CloudWatch GetMetricData
 * (500 metrics a call) for quotas with a usage metric and no counter. Pure; not thread-safe (one
 * per plan).
 */
public final class Estimator {
  /** GetMetricData takes at most 500 queries a call. */
  static final int METRICS_PER_CALL = 500;

  /** Where the estate's shared default lists are fetched from (by whichever target comes first). */
  static final String SHARED = "(shared)";

  private final Calls calls = new Calls();
  private Range metrics = Range.ZERO;
  private final Set<String> accountsCalling = new TreeSet<>();
  private int total;
  private int answered;
  private int degraded;

  /**
   * @return the targets' counts
   * @param defaults by {@code apiRegion/service}; a missing key counts as unknown and not fresh
   */
  public Estimator quotaTargets(List<Facts.Target> targets, Map<String, Facts.Defaults> defaults) {
    Map<String, Range> defaultLists = new TreeMap<>();
    Set<String> listed = new TreeSet<>();
    for (Facts.Target t : targets) {
      if (!t.degraded() && !t.limits().answered() && strategy(t, defaults) == FetchStrategy.LIST) {
        listed.add(key(t));
      }
    }
    for (Facts.Target t : targets) {
      total++;
      if (t.degraded()) {
        degraded++;
        continue;
      }
      boolean calls = limits(t, defaults, defaultLists, listed.contains(key(t)));
      if (t.usage() != null && !t.usage().answered()) {
        usage(t);
        calls = true;
      }
      if (calls) {
        accountsCalling.add(t.account());
      } else {
        answered++;
      }
    }
    defaultLists.forEach(
        (key, pages) -> {
          String region = key.substring(0, key.indexOf('/'));
          this.calls.add(SHARED, region, "servicequotas", "ListAWSDefaultServiceQuotas", pages);
        });
    return this;
  }

  private static String key(Facts.Target t) {
    return t.apiRegion() + "/" + t.service();
  }

  private static Facts.Defaults defaultsOf(Facts.Target t, Map<String, Facts.Defaults> defaults) {
    return defaults.getOrDefault(key(t), new Facts.Defaults(false, 0));
  }

  /** As the limit collector chooses, with the catalogue size its caches know. */
  private static FetchStrategy strategy(Facts.Target t, Map<String, Facts.Defaults> defaults) {
    int knownTotal = Math.max(t.limits().knownTotal(), defaultsOf(t, defaults).knownSize());
    return FetchStrategy.choose(t.configured(), t.discovery(), knownTotal, true);
  }

  /**
   * The target's limit calls; false when its cache answers.
   *
   * @param listed whether a target of the same region and service lists the shared defaults in this
   *     pass (which may then answer this one's defaults)
   */
  private boolean limits(
      Facts.Target t,
      Map<String, Facts.Defaults> defaults,
      Map<String, Range> defaultLists,
      boolean listed) {
    Facts.Limits l = t.limits();
    if (l.answered()) {
      return false;
    }
    String key = key(t);
    Facts.Defaults d = defaultsOf(t, defaults);
    int knownTotal = Math.max(l.knownTotal(), d.knownSize());
    if (strategy(t, defaults) == FetchStrategy.LIST) {
      calls.add(t.account(), t.apiRegion(), "servicequotas", "ListServiceQuotas", l.appliedPages());
      if (!d.fresh()) {
        // Once for the estate: pages of the catalogue when a cache entry knows its size.
        defaultLists.putIfAbsent(
            key,
            knownTotal > 0 ? Range.exactly(FetchStrategy.pages(knownTotal)) : Range.atLeast(1));
      }
    } else {
      calls.add(
          t.account(),
          t.apiRegion(),
          "servicequotas",
          "GetServiceQuota",
          Range.exactly(t.configured()));
      if (!d.fresh()) {
        // None where another target of the region has listed the shared defaults first.
        calls.add(
            t.account(),
            t.apiRegion(),
            "servicequotas",
            "GetAWSDefaultServiceQuota",
            listed ? Range.between(0, l.defaultsByGet().max()) : l.defaultsByGet());
      }
    }
    return true;
  }

  private void usage(Facts.Target t) {
    Facts.Usage u = t.usage();
    UsageCalls.Count count = UsageCalls.of(t.service(), u.limits(), u.lastUsage());
    count.calls().forEach((op, n) -> calls.add(t.account(), t.apiRegion(), op, n));
    Range wanted;
    if (u.limitsKnown()) {
      Set<UsageMetric> distinct = new LinkedHashSet<>();
      for (QuotaLimit q : u.limits()) {
        if (q.usageMetric() != null && !count.counted().contains(q.code())) {
          distinct.add(q.usageMetric());
        }
      }
      wanted = Range.exactly(distinct.size());
    } else {
      // Which quotas have a usage metric is known once the limits are fetched.
      long uncounted = u.limits().stream().filter(q -> !count.counted().contains(q.code())).count();
      wanted = t.discovery() ? Range.atLeast(0) : Range.between(0, uncounted);
    }
    metrics = metrics.plus(wanted);
    Range getMetricData =
        new Range(
            ceil(wanted.min(), METRICS_PER_CALL),
            wanted.bounded() ? ceil(wanted.max(), METRICS_PER_CALL) : Range.UNBOUNDED);
    calls.add(t.account(), t.apiRegion(), "monitoring", "GetMetricData", getMetricData);
  }

  /**
   * Region discovery of an account: DescribeRegions, then probes in every enabled region (at least
   * one call in each; the regions active at the last discovery bound the count from below).
   */
  public Estimator discovery(List<Facts.Discovery> due) {
    for (Facts.Discovery d : due) {
      accountsCalling.add(d.account());
      calls.add(d.account(), "us-east-1", "ec2", "DescribeRegions", Range.exactly(1));
      boolean first = true;
      for (String kind : d.probeKinds()) {
        for (Op op : probeOps(kind)) {
          calls.add(
              d.account(),
              "(each enabled region)",
              op,
              first ? Range.atLeast(Math.max(1, d.knownActive())) : Range.atLeast(0));
          first = false;
        }
      }
    }
    return this;
  }

  /**
   * Each account and region's request history not answered by its cache: the pages its last fetch
   * read (100 requests a page), else at least one.
   */
  public void requestHistories(List<Facts.Requests> histories) {
    for (Facts.Requests h : histories) {
      if (!h.answered()) {
        calls.add(
            h.account(),
            h.apiRegion(),
            "servicequotas",
            "ListRequestedServiceQuotaChangeHistory",
            h.listed() == null
                ? Range.atLeast(1)
                : Range.exactly(Math.max(1, FetchStrategy.pages(h.listed()))));
      }
    }
  }

  /** STS AssumeRole once per role account that makes a call (credentials last the pass). */
  public Estimator assumeRoles(Set<String> roleAccounts) {
    for (String a : accountsCalling) {
      if (roleAccounts.contains(a)) {
        calls.add(a, "us-east-1", "sts", "AssumeRole", Range.exactly(1));
      }
    }
    return this;
  }

  /** Calls the estimate does not derive (ambient identity, Cost Explorer, run-rate). */
  public Estimator add(String account, String apiRegion, Op op, Range n) {
    calls.add(account, apiRegion, op, n);
    if (n.max() > 0 && !account.startsWith("(")) {
      accountsCalling.add(account);
    }
    return this;
  }

  public Estimator metrics(Range more) {
    metrics = metrics.plus(more);
    return this;
  }

  static List<Op> probeOps(String kind) {
    return switch (kind) {
      case "EC2_INSTANCES" -> List.of(new Op("ec2", "DescribeInstances"));
      case "EBS_VOLUMES" -> List.of(new Op("ec2", "DescribeVolumes"));
      case "LOAD_BALANCERS" -> List.of(new Op("elasticloadbalancing", "DescribeLoadBalancers"));
      case "EKS_CLUSTERS" -> List.of(new Op("eks", "ListClusters"));
      case "ELASTICACHE_CLUSTERS" -> List.of(new Op("elasticache", "DescribeCacheClusters"));
      case "SAGEMAKER" ->
          List.of(
              new Op("sagemaker", "ListNotebookInstances"),
              new Op("sagemaker", "ListEndpoints"),
              new Op("sagemaker", "ListTrainingJobs"));
      default -> throw new IllegalArgumentException("unknown probe " + kind);
    };
  }

  private static long ceil(long n, int per) {
    return (n + per - 1) / per;
  }

  public Calls calls() {
    return calls;
  }

  public Range metrics() {
    return metrics;
  }

  public Set<String> accountsCalling() {
    return Set.copyOf(accountsCalling);
  }

  /**
   * Targets.
   *
   * @param total account × region × service
   * @param answered answered from cache (no call)
   * @param degraded skipped: their time budget is used up
   * @param due the rest: they call AWS
   */
  public record Targets(int total, int answered, int degraded, int due) {}

  public Targets targets() {
    return new Targets(total, answered, degraded, total - answered - degraded);
  }
}
