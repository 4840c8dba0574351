package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.quota.QuotaLimit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;

/**
 * Counts ElastiCache nodes and subnet groups in one account and region; a failed call loses only
 * the quota that needs it. Thread-safe if its CallGuard is.
 */
final class ElastiCacheCounter implements UsageCounter {
  static final String SERVICE = "elasticache";

  /** Nodes per Region: Σ NumCacheNodes over every cache cluster, whatever its state. */
  static final String NODES = "L-DFE45DF3";

  /** Subnet groups per Region: every cache subnet group. */
  static final String SUBNET_GROUPS = "L-3E7F7726";

  /** The Describe APIs' largest page size (MaxRecords 20..100). */
  static final int PAGE_SIZE = 100;

  private final ElastiCacheClient client;
  private final CallGuard guard;

  ElastiCacheCounter(ElastiCacheClient client, CallGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  @Override
  public Counted countEach(List<QuotaLimit> quotas) {
    Set<String> wanted = quotas.stream().map(QuotaLimit::code).collect(Collectors.toSet());
    Tally tally = new Tally();
    if (wanted.contains(NODES)) {
      tally.group(Set.of(NODES), () -> Map.of(NODES, (double) nodes(nodesPerCluster())));
    }
    if (wanted.contains(SUBNET_GROUPS)) {
      tally.group(Set.of(SUBNET_GROUPS), () -> Map.of(SUBNET_GROUPS, (double) subnetGroups()));
    }
    return tally.counted();
  }

  /** Σ of the clusters' NumCacheNodes; a cluster that reports none (still creating) adds 0. */
  static int nodes(List<Integer> nodesPerCluster) {
    return nodesPerCluster.stream().filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
  }

  /**
   * NumCacheNodes cluster by cluster; members of replication groups are listed too
   * (ShowCacheClustersNotInReplicationGroups is left unset).
   */
  private List<Integer> nodesPerCluster() {
    return GuardedPages.all(
            guard,
            SERVICE,
            "DescribeCacheClusters",
            marker -> {
              var r = client.describeCacheClusters(b -> b.maxRecords(PAGE_SIZE).marker(marker));
              return new GuardedPages.Page<>(r.cacheClusters(), r.marker());
            })
        .stream()
        .map(CacheCluster::numCacheNodes)
        .toList();
  }

  private int subnetGroups() {
    return GuardedPages.all(
            guard,
            SERVICE,
            "DescribeCacheSubnetGroups",
            marker -> {
              var r = client.describeCacheSubnetGroups(b -> b.maxRecords(PAGE_SIZE).marker(marker));
              return new GuardedPages.Page<>(r.cacheSubnetGroups(), r.marker());
            })
        .size();
  }
}
