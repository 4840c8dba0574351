package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.quota.EksUsage;
import dev.quotacli.quota.QuotaLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * Counts EKS clusters, and node groups and Fargate profiles per cluster, in one account and region.
 * Lists a cluster's node groups or profiles only when their quota is wanted. Thread-safe if its
 * CallGuard is.
 */
final class EksCounter implements UsageCounter {
  static final String SERVICE = "eks";

  /** The List APIs' largest page size. */
  static final int PAGE_SIZE = 100;

  private final EksClient client;
  private final CallGuard guard;

  EksCounter(EksClient client, CallGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  @Override
  public Map<String, Double> count(List<QuotaLimit> quotas) {
    Set<String> wanted = quotas.stream().map(QuotaLimit::code).collect(Collectors.toSet());
    if (!EksUsage.needsClusters(wanted)) {
      return Map.of();
    }
    boolean nodegroups = wanted.contains(EksUsage.NODEGROUPS_PER_CLUSTER);
    boolean profiles = wanted.contains(EksUsage.FARGATE_PROFILES_PER_CLUSTER);
    List<EksUsage.Cluster> clusters = new ArrayList<>();
    for (String name : clusterNames()) {
      clusters.add(
          new EksUsage.Cluster(
              name, nodegroups ? nodegroups(name) : 0, profiles ? fargateProfiles(name) : 0));
    }
    return EksUsage.usage(wanted, clusters);
  }

  private List<String> clusterNames() {
    return GuardedPages.all(
        guard,
        SERVICE,
        "ListClusters",
        token -> {
          var r = client.listClusters(b -> b.maxResults(PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(r.clusters(), r.nextToken());
        });
  }

  private int nodegroups(String cluster) {
    return GuardedPages.all(
            guard,
            SERVICE,
            "ListNodegroups",
            token -> {
              var r =
                  client.listNodegroups(
                      b -> b.clusterName(cluster).maxResults(PAGE_SIZE).nextToken(token));
              return new GuardedPages.Page<>(r.nodegroups(), r.nextToken());
            })
        .size();
  }

  private int fargateProfiles(String cluster) {
    return GuardedPages.all(
            guard,
            SERVICE,
            "ListFargateProfiles",
            token -> {
              var r =
                  client.listFargateProfiles(
                      b -> b.clusterName(cluster).maxResults(PAGE_SIZE).nextToken(token));
              return new GuardedPages.Page<>(r.fargateProfileNames(), r.nextToken());
            })
        .size();
  }
}
