package dev.quotacli.quota;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Elastic Load Balancing usage per account and region, from what the elbv2 and classic elb Describe
 * calls list. Pure.
 */
public final class ElbUsage {
  /** Application Load Balancers per Region: elbv2 load balancers of Type {@code application}. */
  public static final String APPLICATION_LOAD_BALANCERS = "L-53DA6B97";

  /** Network Load Balancers per Region: elbv2 load balancers of Type {@code network}. */
  public static final String NETWORK_LOAD_BALANCERS = "L-69A177A2";

  /** Classic Load Balancers per Region: every load balancer the classic API lists. */
  public static final String CLASSIC_LOAD_BALANCERS = "L-E9E9831D";

  /** Target Groups per Region: every elbv2 target group. */
  public static final String TARGET_GROUPS = "L-B22855CB";

  private ElbUsage() {}

  /** Whether a wanted quota needs elbv2 DescribeLoadBalancers. */
  public static boolean needsLoadBalancers(Set<String> wanted) {
    return wanted.contains(APPLICATION_LOAD_BALANCERS) || wanted.contains(NETWORK_LOAD_BALANCERS);
  }

  /**
   * Counts elbv2 load balancers by type. Gateway load balancers (and any type AWS adds later) count
   * toward neither quota.
   *
   * @param wanted the quota codes asked for
   * @param types the {@code Type} of every elbv2 load balancer in the region
   * @return the ALB and NLB quotas among {@code wanted}; a type with no load balancers is 0
   */
  public static Map<String, Double> loadBalancersByType(Set<String> wanted, List<String> types) {
    Map<String, Double> usage = new TreeMap<>();
    if (wanted.contains(APPLICATION_LOAD_BALANCERS)) {
      usage.put(APPLICATION_LOAD_BALANCERS, count(types, "application"));
    }
    if (wanted.contains(NETWORK_LOAD_BALANCERS)) {
      usage.put(NETWORK_LOAD_BALANCERS, count(types, "network"));
    }
    return usage;
  }

  private static double count(List<String> types, String type) {
    return types.stream().filter(type::equals).count();
  }
}
