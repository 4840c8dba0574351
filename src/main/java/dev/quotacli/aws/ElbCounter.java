package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.quota.ElbUsage;
import dev.quotacli.quota.QuotaLimit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Counts load balancers (application, network, classic) and target groups in one account and
 * region; a failed call loses only the quotas that need it. Thread-safe if its CallGuard is.
 */
final class ElbCounter implements UsageCounter {
  /** Both APIs sign as, and are allowed by IAM as, {@code elasticloadbalancing}. */
  static final String SERVICE = "elasticloadbalancing";

  /** The APIs' largest page size. */
  static final int PAGE_SIZE = 400;

  private final ElasticLoadBalancingClient elb;
  private final ElasticLoadBalancingV2Client elbv2;
  private final CallGuard guard;

  ElbCounter(ElasticLoadBalancingClient elb, ElasticLoadBalancingV2Client elbv2, CallGuard guard) {
    this.elb = elb;
    this.elbv2 = elbv2;
    this.guard = guard;
  }

  @Override
  public Counted countEach(List<QuotaLimit> quotas) {
    Set<String> wanted = quotas.stream().map(QuotaLimit::code).collect(Collectors.toSet());
    Tally tally = new Tally();
    if (ElbUsage.needsLoadBalancers(wanted)) {
      Set<String> byType = new HashSet<>(wanted);
      byType.retainAll(
          Set.of(ElbUsage.APPLICATION_LOAD_BALANCERS, ElbUsage.NETWORK_LOAD_BALANCERS));
      tally.group(byType, () -> ElbUsage.loadBalancersByType(wanted, loadBalancerTypes()));
    }
    if (wanted.contains(ElbUsage.TARGET_GROUPS)) {
      tally.group(
          Set.of(ElbUsage.TARGET_GROUPS),
          () -> Map.of(ElbUsage.TARGET_GROUPS, (double) targetGroups()));
    }
    if (wanted.contains(ElbUsage.CLASSIC_LOAD_BALANCERS)) {
      tally.group(
          Set.of(ElbUsage.CLASSIC_LOAD_BALANCERS),
          () -> Map.of(ElbUsage.CLASSIC_LOAD_BALANCERS, (double) classicLoadBalancers()));
    }
    return tally.counted();
  }

  private List<String> loadBalancerTypes() {
    return GuardedPages.all(
            guard,
            SERVICE,
            "DescribeLoadBalancers",
            marker -> {
              var r = elbv2.describeLoadBalancers(b -> b.pageSize(PAGE_SIZE).marker(marker));
              return new GuardedPages.Page<>(r.loadBalancers(), r.nextMarker());
            })
        .stream()
        .map(LoadBalancer::typeAsString)
        .toList();
  }

  private int targetGroups() {
    return GuardedPages.all(
            guard,
            SERVICE,
            "DescribeTargetGroups",
            marker -> {
              var r = elbv2.describeTargetGroups(b -> b.pageSize(PAGE_SIZE).marker(marker));
              return new GuardedPages.Page<>(r.targetGroups(), r.nextMarker());
            })
        .size();
  }

  private int classicLoadBalancers() {
    return GuardedPages.all(
            guard,
            SERVICE,
            "DescribeLoadBalancers",
            marker -> {
              var r = elb.describeLoadBalancers(b -> b.pageSize(PAGE_SIZE).marker(marker));
              return new GuardedPages.Page<>(r.loadBalancerDescriptions(), r.nextMarker());
            })
        .size();
  }
}
