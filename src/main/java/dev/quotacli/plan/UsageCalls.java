package dev.quotacli.plan;

import dev.quotacli.quota.EbsUsage;
import dev.quotacli.quota.Ec2Usage;
import dev.quotacli.quota.EksUsage;
import dev.quotacli.quota.ElbUsage;
import dev.quotacli.quota.InstanceClass;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.SageMakerUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The calls a service's usage counter makes for a set of quotas, as the counters in {@code aws}
 * make them (each {@code *Counter} asks only what its quotas need): one page per list unless the
 * last cached usage says more, per-resource Describe/List calls as a range. Pure.
 */
public final class UsageCalls {
  private UsageCalls() {}

  /** ElastiCache quota codes (mirrors {@code aws.ElastiCacheCounter}). */
  public static final String CACHE_NODES = "L-DFE45DF3";

  public static final String CACHE_SUBNET_GROUPS = "L-3E7F7726";

  /** CloudFront web distributions (mirrors {@code aws.CloudFrontCounter}). */
  public static final String DISTRIBUTIONS = "L-24B04930";

  /** The quotas Route 53's GetAccountLimit answers, one call each (mirrors Route53Counter). */
  public static final Set<String> ROUTE53_LIMIT_CODES =
      Set.of("L-4EA4796A", "L-ACB674F3", "L-A72C7724", "L-FC688E7C", "L-628D5A56");

  /**
   * What one target's count asks.
   *
   * @param calls by operation
   * @param counted the quota codes the counter answers (the rest go to CloudWatch if they have a
   *     usage metric)
   */
  public record Count(Map<Op, Range> calls, Set<String> counted) {}

  /**
   * @param service the Service Quotas code
   * @param quotas the quotas the counter is given (the target's selected limits)
   * @param lastUsage the target's last cached usage by code (any age), for page counts; empty when
   *     none
   */
  public static Count of(String service, List<QuotaLimit> quotas, Map<String, Double> lastUsage) {
    Set<String> codes = quotas.stream().map(QuotaLimit::code).collect(Collectors.toSet());
    Map<Op, Range> calls = new LinkedHashMap<>();
    Set<String> counted = new TreeSet<>();
    Pages pages = new Pages(lastUsage);
    switch (service) {
      case "ec2" -> {
        if (Ec2Usage.needsInstances(codes)) {
          Set<String> vcpu = new TreeSet<>(codes);
          vcpu.retainAll(InstanceClass.QUOTA_CODES);
          counted.addAll(vcpu);
          // Instances <= vCPUs: the vCPU sum bounds the pages.
          Double vcpus = pages.sum(vcpu);
          put(calls, "ec2", "DescribeInstances", pages.of(vcpus, 1000));
          // Types missing from instance-types.json: one call per 100, none without instances.
          put(
              calls,
              "ec2",
              "DescribeInstanceTypes",
              vcpus != null && vcpus == 0 ? Range.ZERO : Range.atLeast(0));
        }
        if (codes.contains(Ec2Usage.VPC_ELASTIC_IPS)) {
          counted.add(Ec2Usage.VPC_ELASTIC_IPS);
          put(calls, "ec2", "DescribeAddresses", Range.exactly(1)); // not paginated
        }
        if (codes.contains(Ec2Usage.TRANSIT_GATEWAYS)) {
          counted.add(Ec2Usage.TRANSIT_GATEWAYS);
          put(
              calls,
              "ec2",
              "DescribeTransitGateways",
              pages.of(lastUsage.get(Ec2Usage.TRANSIT_GATEWAYS), 1000));
        }
        if (codes.contains(Ec2Usage.AMIS)) {
          counted.add(Ec2Usage.AMIS);
          put(calls, "ec2", "DescribeImages", pages.of(lastUsage.get(Ec2Usage.AMIS), 1000));
        }
      }
      case "ebs" -> {
        if (EbsUsage.needsVolumes(codes)) {
          codes.stream()
              .filter(
                  c ->
                      EbsUsage.STORAGE_CODES.containsValue(c)
                          || EbsUsage.IOPS_CODES.containsValue(c))
              .forEach(counted::add);
          put(calls, "ec2", "DescribeVolumes", Range.exactly(1)); // sizes say nothing of counts
        }
        if (codes.contains(EbsUsage.SNAPSHOTS)) {
          counted.add(EbsUsage.SNAPSHOTS);
          put(calls, "ec2", "DescribeSnapshots", pages.of(lastUsage.get(EbsUsage.SNAPSHOTS), 1000));
        }
      }
      case "elasticloadbalancing" -> {
        Range describe = Range.ZERO;
        if (ElbUsage.needsLoadBalancers(codes)) {
          Set<String> v2 = new TreeSet<>(codes);
          v2.retainAll(
              Set.of(ElbUsage.APPLICATION_LOAD_BALANCERS, ElbUsage.NETWORK_LOAD_BALANCERS));
          counted.addAll(v2);
          describe = describe.plus(pages.of(pages.sum(v2), 400));
        }
        if (codes.contains(ElbUsage.CLASSIC_LOAD_BALANCERS)) {
          counted.add(ElbUsage.CLASSIC_LOAD_BALANCERS);
          describe = describe.plus(pages.of(lastUsage.get(ElbUsage.CLASSIC_LOAD_BALANCERS), 400));
        }
        put(calls, "elasticloadbalancing", "DescribeLoadBalancers", describe);
        if (codes.contains(ElbUsage.TARGET_GROUPS)) {
          counted.add(ElbUsage.TARGET_GROUPS);
          put(
              calls,
              "elasticloadbalancing",
              "DescribeTargetGroups",
              pages.of(lastUsage.get(ElbUsage.TARGET_GROUPS), 400));
        }
      }
      case "eks" -> {
        if (EksUsage.needsClusters(codes)) {
          Double clusters = lastUsage.get(EksUsage.CLUSTERS);
          put(calls, "eks", "ListClusters", pages.of(clusters, 100));
          // One list per cluster (a page each unless a cluster holds more than 100).
          Range perCluster =
              clusters == null ? Range.atLeast(0) : Range.exactly(Math.round(clusters));
          for (var e :
              Map.of(
                      EksUsage.NODEGROUPS_PER_CLUSTER, "ListNodegroups",
                      EksUsage.FARGATE_PROFILES_PER_CLUSTER, "ListFargateProfiles")
                  .entrySet()) {
            if (codes.contains(e.getKey())) {
              put(calls, "eks", e.getValue(), perCluster);
            }
          }
          codes.stream()
              .filter(
                  c ->
                      Set.of(
                              EksUsage.CLUSTERS,
                              EksUsage.NODEGROUPS_PER_CLUSTER,
                              EksUsage.FARGATE_PROFILES_PER_CLUSTER)
                          .contains(c))
              .forEach(counted::add);
        }
      }
      case "elasticache" -> {
        if (codes.contains(CACHE_NODES)) {
          counted.add(CACHE_NODES);
          // Clusters <= nodes.
          put(
              calls,
              "elasticache",
              "DescribeCacheClusters",
              pages.of(lastUsage.get(CACHE_NODES), 100));
        }
        if (codes.contains(CACHE_SUBNET_GROUPS)) {
          counted.add(CACHE_SUBNET_GROUPS);
          put(
              calls,
              "elasticache",
              "DescribeCacheSubnetGroups",
              pages.of(lastUsage.get(CACHE_SUBNET_GROUPS), 100));
        }
      }
      case "route53" -> {
        Set<String> limits = new TreeSet<>(codes);
        limits.retainAll(ROUTE53_LIMIT_CODES);
        counted.addAll(limits);
        put(calls, "route53", "GetAccountLimit", Range.exactly(limits.size()));
      }
      case "cloudfront" -> {
        if (codes.contains(DISTRIBUTIONS)) {
          counted.add(DISTRIBUTIONS);
          put(
              calls,
              "cloudfront",
              "ListDistributions",
              pages.of(lastUsage.get(DISTRIBUTIONS), 100));
        }
      }
      case "sagemaker" -> sageMaker(quotas, lastUsage, calls, counted, pages);
      default -> {
        // No counter: CloudWatch only.
      }
    }
    return new Count(calls, counted);
  }

  private static void sageMaker(
      List<QuotaLimit> quotas,
      Map<String, Double> lastUsage,
      Map<Op, Range> calls,
      Set<String> counted,
      Pages pages) {
    for (SageMakerUsage.Kind kind : SageMakerUsage.Kind.values()) {
      if (!SageMakerUsage.needs(quotas, kind)) {
        continue;
      }
      quotas.stream()
          .filter(
              q ->
                  q.code().equals(kind.totalCode())
                      || SageMakerUsage.typed(q).filter(t -> t.kind() == kind).isPresent())
          .forEach(q -> counted.add(q.code()));
      switch (kind) {
        case NOTEBOOK ->
            put(
                calls,
                "sagemaker",
                "ListNotebookInstances",
                pages.of(lastUsage.get(kind.totalCode()), 100));
        case ENDPOINT -> {
          put(calls, "sagemaker", "ListEndpoints", Range.exactly(1));
          put(calls, "sagemaker", "DescribeEndpoint", Range.atLeast(0)); // one per endpoint
          if (SageMakerUsage.needsTypes(quotas, kind)) {
            put(calls, "sagemaker", "DescribeEndpointConfig", Range.atLeast(0));
          }
        }
        case TRAINING, SPOT_TRAINING -> {
          // Both kinds come from the one list of jobs in progress.
          calls.putIfAbsent(new Op("sagemaker", "ListTrainingJobs"), Range.exactly(1));
          calls.putIfAbsent(new Op("sagemaker", "DescribeTrainingJob"), Range.atLeast(0));
        }
      }
    }
  }

  private static void put(Map<Op, Range> calls, String service, String operation, Range n) {
    if (n.max() > 0) {
      calls.merge(new Op(service, operation), n, Range::plus);
    }
  }

  /** Pages of a list from a cached count: one when the count is unknown or fits a page. */
  private record Pages(Map<String, Double> lastUsage) {
    Range of(Double count, int pageSize) {
      if (count == null || count.isNaN()) {
        return Range.exactly(1);
      }
      return Range.exactly(Math.max(1, (long) Math.ceil(count / pageSize)));
    }

    /** The sum of the cached usage of these codes, or null when one is not cached. */
    Double sum(Set<String> codes) {
      double sum = 0;
      for (String c : codes) {
        Double v = lastUsage.get(c);
        if (v == null) {
          return null;
        }
        sum += v;
      }
      return sum;
    }
  }
}
