package dev.quotacli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  static Plan plan(Calls calls, Range metrics, Range ce) {
    return new Plan(
        "usage",
        List.of("accounts: 1 selected of 1 from accounts file a.yaml"),
        new Estimator.Targets(3, 1, 1, 1),
        calls,
        metrics,
        ce,
        List.of(),
        8,
        List.of("a note"));
  }

  @Test
  void theTableLeadsWithTheCallCountAndListsOperationsTargetsAndDollars() {
    Calls calls =
        new Calls()
            .add(
                "111111111111", "eu-west-1", "servicequotas", "ListServiceQuotas", Range.exactly(2))
            .add("111111111111", "eu-west-1", "monitoring", "GetMetricData", Range.between(0, 1));

    String table = plan(calls, Range.exactly(2500), Range.exactly(7)).table();

    assertThat(table)
        .startsWith("quota-cli plan usage: 2–3 AWS calls (this plan made none)\n")
        .contains("  answered from cache (fresh within TTL)  1\n")
        .contains("  skipped (degraded by the time budget)   1\n")
        .contains("servicequotas  ListServiceQuotas  2\n")
        .contains("monitoring     GetMetricData      0–1\n")
        .contains("Cost Explorer  7 requests  $0.07")
        .contains("CloudWatch     2500 metrics requested  $0.03")
        .contains("  - a note\n");
  }

  @Test
  void nothingDueSaysZeroAwsCalls() {
    assertThat(plan(new Calls(), Range.ZERO, Range.ZERO).table())
        .startsWith("quota-cli plan usage: 0 AWS calls");
  }

  @Test
  void jsonGivesRangesWithNullForUnbounded() {
    Calls calls =
        new Calls()
            .add(
                "111111111111",
                "eu-west-1",
                "servicequotas",
                "ListServiceQuotas",
                Range.atLeast(1));

    String json = plan(calls, Range.ZERO, Range.ZERO).json();

    assertThat(json)
        .startsWith("{\"subcommand\":\"usage\",\"aws_calls\":{\"min\":1,\"max\":null}")
        .contains(
            "\"calls\":[{\"service\":\"servicequotas\",\"operation\":\"ListServiceQuotas\","
                + "\"min\":1,\"max\":null}]")
        .contains("\"targets\":{\"total\":3,\"answered_from_cache\":1,\"degraded\":1,\"due\":1}")
        .contains("\"shortest_seconds\":{\"min\":0,\"max\":null}")
        .endsWith("}\n");
  }

  @Test
  void rangesAddAndPrint() {
    assertThat(Range.exactly(2).plus(Range.between(0, 3))).isEqualTo(Range.between(2, 5));
    assertThat(Range.exactly(2).plus(Range.atLeast(1)).toString()).isEqualTo("3+");
    assertThat(Range.between(1, 4).toString()).isEqualTo("1–4");
    assertThat(Range.exactly(3).dollars(0.01, 1)).isEqualTo("$0.03");
    assertThat(Range.exactly(30).dollars(0.01, 1000)).isEqualTo("$0.00030");
  }
}
