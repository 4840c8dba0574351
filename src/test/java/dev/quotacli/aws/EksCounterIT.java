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
import software.amazon.awssdk.services.eks.model.FargateProfileSelector;

/** EksCounter against moto: clusters with node groups and Fargate profiles seeded over the SDK. */
class EksCounterIT {
  /** No other test uses these regions, so moto's counts there are ours alone. */
  private static final Region REGION = new Region("il-central-1");

  private static final Region EMPTY_REGION = new Region("ap-east-1");
  private static final Account ACCOUNT = Fixtures.anAccount(MotoServer.DEFAULT_ACCOUNT);
  private static final String ROLE = "arn:aws:iam::123456789012:role/eks";
  private static final String CLUSTERS = "L-1194D53C";
  private static final String NODEGROUPS = "L-6D54EA21";
  private static final String FARGATE_PROFILES = "L-33415657";

  private final ApiStats stats = new ApiStats();
  private final AwsClientFactory factory = factory(stats);

  private static AwsClientFactory factory(ApiStats stats) {
    return TestClients.onMoto(stats);
  }

  /** Cluster "big" has 3 node groups and 1 Fargate profile, "small" 1 node group and 2 profiles. */
  @BeforeAll
  static void seed() {
    try (AwsClientFactory seeding = factory(new ApiStats())) {
      String subnet =
          TestClients.network(seeding.ec2(ACCOUNT, REGION), REGION.name(), "10.42", "a")
              .subnetIds()
              .get(0);
      var eks = seeding.eks(ACCOUNT, REGION);
      Map<String, int[]> clusters = Map.of("big", new int[] {3, 1}, "small", new int[] {1, 2});
      clusters.forEach(
          (cluster, counts) -> {
            eks.createCluster(
                b -> b.name(cluster).roleArn(ROLE).resourcesVpcConfig(v -> v.subnetIds(subnet)));
            for (int i = 0; i < counts[0]; i++) {
              String name = cluster + "-ng-" + i;
              eks.createNodegroup(
                  b -> b.clusterName(cluster).nodegroupName(name).nodeRole(ROLE).subnets(subnet));
            }
            for (int i = 0; i < counts[1]; i++) {
              String name = cluster + "-fp-" + i;
              eks.createFargateProfile(
                  b ->
                      b.clusterName(cluster)
                          .fargateProfileName(name)
                          .podExecutionRoleArn(ROLE)
                          .subnets(subnet)
                          .selectors(FargateProfileSelector.builder().namespace(name).build()));
            }
          });
    }
  }

  @AfterEach
  void close() {
    factory.close();
  }

  private EksCounter counter(Region region) {
    var guard = TestClients.guard(stats, ACCOUNT.id().value(), region.name());
    return new EksCounter(factory.eks(ACCOUNT, region), guard);
  }

  private static List<QuotaLimit> quotas(String... codes) {
    return Arrays.stream(codes).map(c -> aLimit(c, 30, LimitSource.DEFAULT)).toList();
  }

  private Map<String, Long> calls() {
    return stats.snapshot().entrySet().stream()
        .collect(
            Collectors.toMap(
                e -> e.getKey().service() + ":" + e.getKey().operation(),
                e -> e.getValue().calls()));
  }

  @Test
  void countsClustersAndTheLargestClustersNodeGroupsAndFargateProfiles() {
    var usage =
        counter(REGION)
            .count(
                quotas(
                    CLUSTERS,
                    NODEGROUPS,
                    FARGATE_PROFILES,
                    "L-BD136A63",
                    "L-D78D8AF8",
                    "L-FDFA5F81"));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CLUSTERS, 2.0, NODEGROUPS, 3.0, FARGATE_PROFILES, 2.0));
    assertThat(calls())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "eks:ListClusters", 1L, "eks:ListNodegroups", 2L, "eks:ListFargateProfiles", 2L));
  }

  @Test
  void theClustersQuotaAloneListsNothingPerCluster() {
    assertThat(counter(REGION).count(quotas(CLUSTERS)))
        .containsExactlyEntriesOf(Map.of(CLUSTERS, 2.0));
    assertThat(calls()).containsExactlyEntriesOf(Map.of("eks:ListClusters", 1L));
  }

  @Test
  void fargateProfilesAreListedOnlyWhenTheirQuotaIsWanted() {
    assertThat(counter(REGION).count(quotas(NODEGROUPS)))
        .containsExactlyEntriesOf(Map.of(NODEGROUPS, 3.0));
    assertThat(calls())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("eks:ListClusters", 1L, "eks:ListNodegroups", 2L));
  }

  @Test
  void quotasItDoesNotCountMakeNoCalls() {
    assertThat(counter(REGION).count(quotas("L-BD136A63", "L-FDFA5F81"))).isEmpty();
    assertThat(stats.snapshot()).isEmpty();
  }

  @Test
  void aRegionWithoutClustersCountsRealZeros() {
    assertThat(counter(EMPTY_REGION).count(quotas(CLUSTERS, NODEGROUPS, FARGATE_PROFILES)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CLUSTERS, 0.0, NODEGROUPS, 0.0, FARGATE_PROFILES, 0.0));
  }
}
