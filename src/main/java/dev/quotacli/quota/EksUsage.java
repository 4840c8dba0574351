package dev.quotacli.quota;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Amazon EKS usage per account and region. The per-cluster quotas are reported as the largest count
 * of any one cluster: that cluster is the one nearest its limit. Pure.
 */
public final class EksUsage {
  /** Clusters: every cluster ListClusters names. */
  public static final String CLUSTERS = "L-1194D53C";

  /** Managed node groups per cluster. */
  public static final String NODEGROUPS_PER_CLUSTER = "L-6D54EA21";

  /** Fargate profiles per cluster. */
  public static final String FARGATE_PROFILES_PER_CLUSTER = "L-33415657";

  private EksUsage() {}

  /**
   * What one cluster holds. A count the counter did not list (its quota was not wanted) is 0.
   *
   * @param name the cluster name
   * @param nodegroups its managed node groups
   * @param fargateProfiles its Fargate profiles
   */
  public record Cluster(String name, int nodegroups, int fargateProfiles) {}

  /** Whether a wanted quota needs ListClusters (all three do). */
  public static boolean needsClusters(Set<String> wanted) {
    return wanted.contains(CLUSTERS)
        || wanted.contains(NODEGROUPS_PER_CLUSTER)
        || wanted.contains(FARGATE_PROFILES_PER_CLUSTER);
  }

  /**
   * @param wanted the quota codes asked for
   * @param clusters every cluster in the region
   * @return the EKS quotas among {@code wanted}; with no clusters every one is 0
   */
  public static Map<String, Double> usage(Set<String> wanted, List<Cluster> clusters) {
    Map<String, Double> usage = new TreeMap<>();
    if (wanted.contains(CLUSTERS)) {
      usage.put(CLUSTERS, (double) clusters.size());
    }
    if (wanted.contains(NODEGROUPS_PER_CLUSTER)) {
      usage.put(NODEGROUPS_PER_CLUSTER, largest(clusters, Cluster::nodegroups));
    }
    if (wanted.contains(FARGATE_PROFILES_PER_CLUSTER)) {
      usage.put(FARGATE_PROFILES_PER_CLUSTER, largest(clusters, Cluster::fargateProfiles));
    }
    return usage;
  }

  private static double largest(List<Cluster> clusters, ToIntFunction<Cluster> count) {
    return clusters.stream().mapToInt(count).max().orElse(0);
  }
}
