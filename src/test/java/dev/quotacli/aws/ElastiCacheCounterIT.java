package dev.quotacli.aws;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.MotoServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ElastiCacheCounter against moto: cache clusters and subnet groups seeded over the SDK. */
class ElastiCacheCounterIT {
  /** No other test uses these regions, so moto's counts there are ours alone. */
  private static final Region REGION = new Region("me-central-1");

  private static final Region EMPTY_REGION = new Region("me-south-1");
  private static final Account ACCOUNT = Fixtures.anAccount(MotoServer.DEFAULT_ACCOUNT);
  private static final String NODES = "L-DFE45DF3";
  private static final String SUBNET_GROUPS = "L-3E7F7726";

  private final ApiStats stats = new ApiStats();
  private final AwsClientFactory factory = factory(stats);

  private static AwsClientFactory factory(ApiStats stats) {
    return TestClients.onMoto(stats);
  }

  /** Memcached clusters of 3 and 2 nodes and a Redis cluster of 1: 6 nodes; 2 subnet groups. */
  @BeforeAll
  static void seed() {
    try (AwsClientFactory seeding = factory(new ApiStats())) {
      String subnet =
          TestClients.network(seeding.ec2(ACCOUNT, REGION), REGION.name(), "10.43", "a")
              .subnetIds()
              .get(0);
      var elasticache = seeding.elastiCache(ACCOUNT, REGION);
      for (String name : List.of("cache-subnets-a", "cache-subnets-b")) {
        elasticache.createCacheSubnetGroup(
            b -> b.cacheSubnetGroupName(name).cacheSubnetGroupDescription(name).subnetIds(subnet));
      }
      elasticache.createCacheCluster(
          b ->
              b.cacheClusterId("memcached-3")
                  .engine("memcached")
                  .cacheNodeType("cache.t3.micro")
                  .numCacheNodes(3));
      elasticache.createCacheCluster(
          b ->
              b.cacheClusterId("memcached-2")
                  .engine("memcached")
                  .cacheNodeType("cache.t3.micro")
                  .numCacheNodes(2));
      elasticache.createCacheCluster(
          b ->
              b.cacheClusterId("redis-1")
                  .engine("redis")
                  .cacheNodeType("cache.t3.micro")
                  .numCacheNodes(1));
    }
  }

  @AfterEach
  void close() {
    factory.close();
  }

  private ElastiCacheCounter counter(Region region) {
    var guard = TestClients.guard(stats, ACCOUNT.id().value(), region.name());
    return new ElastiCacheCounter(factory.elastiCache(ACCOUNT, region), guard);
  }

  private static List<QuotaLimit> quotas(String... codes) {
    return Arrays.stream(codes).map(c -> aLimit(c, 300, LimitSource.DEFAULT)).toList();
  }

  private Map<String, Long> calls() {
    return stats.snapshot().entrySet().stream()
        .collect(
            Collectors.toMap(
                e -> e.getKey().service() + ":" + e.getKey().operation(),
                e -> e.getValue().calls()));
  }

  @Test
  void countsTheNodesOfEveryClusterAndTheSubnetGroups() {
    var usage =
        counter(REGION)
            .count(quotas(NODES, SUBNET_GROUPS, "L-AF354865", "L-8C334AD1", "L-A87EE522"));

    assertThat(usage).containsExactlyInAnyOrderEntriesOf(Map.of(NODES, 6.0, SUBNET_GROUPS, 2.0));
    assertThat(calls())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "elasticache:DescribeCacheClusters",
                1L,
                "elasticache:DescribeCacheSubnetGroups",
                1L));
  }

  @Test
  void theSubnetGroupQuotaAloneDescribesNoClusters() {
    assertThat(counter(REGION).count(quotas(SUBNET_GROUPS)))
        .containsExactlyEntriesOf(Map.of(SUBNET_GROUPS, 2.0));
    assertThat(calls())
        .containsExactlyEntriesOf(Map.of("elasticache:DescribeCacheSubnetGroups", 1L));
  }

  @Test
  void quotasItDoesNotCountMakeNoCalls() {
    assertThat(counter(REGION).count(quotas("L-3F15A733", "L-D2FEF667"))).isEmpty();
    assertThat(stats.snapshot()).isEmpty();
  }

  @Test
  void aRegionWithoutClustersCountsRealZeros() {
    assertThat(counter(EMPTY_REGION).count(quotas(NODES, SUBNET_GROUPS)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(NODES, 0.0, SUBNET_GROUPS, 0.0));
  }
}
