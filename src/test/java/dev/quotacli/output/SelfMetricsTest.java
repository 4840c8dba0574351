package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import dev.quotacli.testing.PromText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfMetricsTest {
  @Test
  void anAccountAndRegionDegradedWithSeveralServicesIsOneSeries() {
    var account = anAccount("111111111111", "eu-west-1");
    var eu = new Region("eu-west-1");
    List<WorkStatus> work =
        List.of(
            new WorkStatus(account, eu, "ec2", WorkStatus.State.DEGRADED, null, null, false, 0),
            new WorkStatus(
                account,
                eu,
                "elasticloadbalancing",
                WorkStatus.State.DEGRADED,
                null,
                null,
                false,
                0));
    var run =
        new RunSummary(
            "usage",
            Instant.parse("2026-11-22T06:00:00Z"),
            Duration.ofSeconds(1),
            work,
            Map.of(),
            List.of(),
            null,
            Shard.ALL,
            null);
    Families f = new Families();

    SelfMetrics.add(f, run, "1.2.3");

    assertThat(PromText.select(PromText.parse(f.render()), "quota_cli_target_degraded"))
        .singleElement()
        .satisfies(s -> assertThat(s.label("region")).isEqualTo("eu-west-1"));
  }
}
