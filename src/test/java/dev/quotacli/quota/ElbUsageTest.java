package dev.quotacli.quota;

import static dev.quotacli.quota.ElbUsage.APPLICATION_LOAD_BALANCERS;
import static dev.quotacli.quota.ElbUsage.CLASSIC_LOAD_BALANCERS;
import static dev.quotacli.quota.ElbUsage.NETWORK_LOAD_BALANCERS;
import static dev.quotacli.quota.ElbUsage.TARGET_GROUPS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElbUsageTest {
  @Test
  void loadBalancersAreCountedByTypeAndGatewayLoadBalancersTowardNeither() {
    var usage =
        ElbUsage.loadBalancersByType(
            Set.of(APPLICATION_LOAD_BALANCERS, NETWORK_LOAD_BALANCERS),
            List.of("application", "network", "gateway", "application"));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(APPLICATION_LOAD_BALANCERS, 2.0, NETWORK_LOAD_BALANCERS, 1.0));
  }

  @Test
  void aWantedTypeWithoutLoadBalancersIsARealZero() {
    assertThat(ElbUsage.loadBalancersByType(Set.of(NETWORK_LOAD_BALANCERS), List.of("application")))
        .containsExactlyEntriesOf(Map.of(NETWORK_LOAD_BALANCERS, 0.0));
  }

  @Test
  void onlyWantedQuotasAreReported() {
    assertThat(ElbUsage.loadBalancersByType(Set.of(APPLICATION_LOAD_BALANCERS), List.of("network")))
        .containsOnlyKeys(APPLICATION_LOAD_BALANCERS);
  }

  @Test
  void describeLoadBalancersIsNeededOnlyForTheAlbOrNlbQuota() {
    assertThat(ElbUsage.needsLoadBalancers(Set.of(APPLICATION_LOAD_BALANCERS))).isTrue();
    assertThat(ElbUsage.needsLoadBalancers(Set.of(NETWORK_LOAD_BALANCERS))).isTrue();
    assertThat(ElbUsage.needsLoadBalancers(Set.of(TARGET_GROUPS, CLASSIC_LOAD_BALANCERS)))
        .isFalse();
  }
}
