package dev.quotacli.quota;

import static dev.quotacli.quota.EksUsage.CLUSTERS;
import static dev.quotacli.quota.EksUsage.FARGATE_PROFILES_PER_CLUSTER;
import static dev.quotacli.quota.EksUsage.NODEGROUPS_PER_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.quota.EksUsage.Cluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EksUsageTest {
  private static final Set<String> ALL =
      Set.of(CLUSTERS, NODEGROUPS_PER_CLUSTER, FARGATE_PROFILES_PER_CLUSTER);

  @Test
  void perClusterQuotasReportTheLargestClusterAndClustersAreCounted() {
    var usage = EksUsage.usage(ALL, List.of(new Cluster("a", 3, 0), new Cluster("b", 1, 2)));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CLUSTERS, 2.0, NODEGROUPS_PER_CLUSTER, 3.0, FARGATE_PROFILES_PER_CLUSTER, 2.0));
  }

  @Test
  void withoutClustersEveryQuotaIsARealZero() {
    assertThat(EksUsage.usage(ALL, List.of()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CLUSTERS, 0.0, NODEGROUPS_PER_CLUSTER, 0.0, FARGATE_PROFILES_PER_CLUSTER, 0.0));
  }

  @Test
  void onlyWantedQuotasAreReported() {
    assertThat(EksUsage.usage(Set.of(CLUSTERS), List.of(new Cluster("a", 0, 0))))
        .containsExactlyEntriesOf(Map.of(CLUSTERS, 1.0));
  }

  @Test
  void clustersAreListedForAnyOfTheThreeQuotasOnly() {
    assertThat(EksUsage.needsClusters(Set.of(FARGATE_PROFILES_PER_CLUSTER))).isTrue();
    assertThat(EksUsage.needsClusters(Set.of("L-BD136A63", "L-FDFA5F81"))).isFalse();
  }
}
