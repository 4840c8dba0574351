package dev.quotacli.aws;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.quota.LimitSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Route53CounterTest {
  @Test
  void eachAccountLimitQuotaAsksForItsOwnLimitType() {
    var types =
        Route53Counter.limitTypes(
            List.of(
                aLimit("L-ACB674F3", 200, LimitSource.DEFAULT),
                aLimit("L-4EA4796A", 500, LimitSource.APPLIED),
                aLimit("L-A72C7724", 100, LimitSource.DEFAULT),
                aLimit("L-FC688E7C", 50, LimitSource.DEFAULT),
                aLimit("L-628D5A56", 5, LimitSource.DEFAULT)));

    assertThat(types)
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of(
                    "L-4EA4796A", "MAX_HOSTED_ZONES_BY_OWNER",
                    "L-628D5A56", "MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER",
                    "L-A72C7724", "MAX_REUSABLE_DELEGATION_SETS_BY_OWNER",
                    "L-ACB674F3", "MAX_HEALTH_CHECKS_BY_OWNER",
                    "L-FC688E7C", "MAX_TRAFFIC_POLICIES_BY_OWNER")));
  }

  @Test
  void perZoneQuotasNeedNoAccountLimitCall() {
    assertThat(
            Route53Counter.limitTypes(
                List.of(
                    aLimit("L-E209CC9F", 10000, LimitSource.DEFAULT),
                    aLimit("L-84B40094", 300, LimitSource.DEFAULT))))
        .isEmpty();
  }
}
