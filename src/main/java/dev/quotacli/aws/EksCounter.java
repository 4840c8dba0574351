package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.quota.EksUsage;
import dev.quotacli.quota.QuotaLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * Counts EKS clusters, and node groups and Fargate profiles per cluster, in one account and region.
 * Lists a cluster's node groups or profiles only when their quota is wanted; a failed call loses
 * only the quotas that need it (a failed ListNodegroups loses the node groups, not the clusters).
 * Thread-safe if its CallGuard is.
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
  public Counted countEach(List<QuotaLimit> quotas) {
    Set<String> wanted = quotas.stream().map(QuotaLimit::code).collect(Collectors.toSet());
    Tally tally = new Tally();
    if (!EksUsage.needsClusters(wanted)) {
      return tally.counted();
    }
    Set<String> eksCodes = new TreeSet<>(wanted);
    eksCodes.retainAll(
        Set.of(
            EksUsage.CLUSTERS,
            EksUsage.NODEGROUPS_PER_CLUSTER,
            EksUsage.FARGATE_PROFILES_PER_CLUSTER));
    // Every EKS quota needs the cluster list; each per-cluster quota needs its own List calls.
    List<String> names = tally.attempt(eksCodes, this::clusterNames).orElse(null);
    if (names == null) {
      return tally.counted();
    }
    if (wanted.contains(EksUsage.CLUSTERS)) {
      tally.group(
          Set.of(EksUsage.CLUSTERS),
          () -> EksUsage.usage(Set.of(EksUsage.CLUSTERS), clusters(names, n -> 0, n -> 0)));
    }
    if (wanted.contains(EksUsage.NODEGROUPS_PER_CLUSTER)) {
      tally.group(
          Set.of(EksUsage.NODEGROUPS_PER_CLUSTER),
          () ->
              EksUsage.usage(
                  Set.of(EksUsage.NODEGROUPS_PER_CLUSTER),
                  clusters(names, this::nodegroups, n -> 0)));
    }
    if (wanted.contains(EksUsage.FARGATE_PROFILES_PER_CLUSTER)) {
      tally.group(
          Set.of(EksUsage.FARGATE_PROFILES_PER_CLUSTER),
          () ->
              EksUsage.usage(
                  Set.of(EksUsage.FARGATE_PROFILES_PER_CLUSTER),
                  clusters(names, n -> 0, this::fargateProfiles)));
    }
    return tally.counted();
  }

  private static List<EksUsage.Cluster> clusters(
      List<String> names, ToIntFunction<String> nodegroups, ToIntFunction<String> profiles) {
    List<EksUsage.Cluster> clusters = new ArrayList<>();
    for (String name : names) {
      clusters.add(
          new EksUsage.Cluster(name, nodegroups.applyAsInt(name), profiles.applyAsInt(name)));
    }
    return clusters;
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
