package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.ExportPolicy;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.UsageOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private static List<TargetResult> aUsageResults() {
    var acct = anAccount("111111111111", "eu-west-1");
    var target = new Target(acct, new Region("eu-west-1"), "ec2");
    var collected =
        new TargetResult.Collected(
            target,
            List.of(
                new QuotaLimit(
                    "L-1216C47A",
                    "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
                    64,
                    LimitSource.APPLIED,
                    "None",
                    null),
                new QuotaLimit(
                    "L-0263D0A3", "EC2-VPC Elastic IPs", 5, LimitSource.DEFAULT, "None", null),
                new QuotaLimit(
                    "L-74FC7D96",
                    "Running On-Demand F instances",
                    0,
                    LimitSource.DEFAULT,
                    "None",
                    null),
                new QuotaLimit(
                    "L-A2478D36",
                    "Transit gateways per account",
                    5,
                    LimitSource.DEFAULT,
                    "None",
                    null)),
            false,
            List.of(),
            List.of(
                new QuotaUsage("L-1216C47A", 48, UsageOrigin.COUNTER),
                new QuotaUsage("L-0263D0A3", 4, UsageOrigin.COUNTER),
                new QuotaUsage("L-74FC7D96", 0, UsageOrigin.COUNTER)),
            List.of("L-A2478D36: no counter and no usage metric"));
    return List.of(collected);
  }

  private static RunSummary aUsageRun() {
    return RunSummary.ofTargets(
        "usage",
        Instant.parse("2026-11-22T10:00:00Z"),
        Duration.ofSeconds(2),
        aUsageResults(),
        Map.of(),
        List.of(),
        null);
  }

  @Test
  void rowsAreSortedByPercentHighestFirstThenUnknownPercent() {
    var rows = Reports.rows(aUsageResults(), true, NOW);

    assertThat(rows)
        .extracting(ReportRow::quotaCode)
        .containsExactly("L-0263D0A3", "L-1216C47A", "L-74FC7D96", "L-A2478D36");
    assertThat(rows.get(0).percent()).isEqualTo(80.0);
    assertThat(rows.get(2).percent()).isNull(); // limit 0: no percent
    assertThat(rows.get(3).usage()).isNull(); // unknown, not 0
  }

  @Test
  void tableIsAlignedAndShowsWhereUsageCameFrom() {
    String table = Reports.table(Reports.rows(aUsageResults(), true, NOW), true);

    assertThat(table.lines().toList()).hasSize(5);
    assertThat(table.lines().findFirst().orElseThrow())
        .startsWith("ACCOUNT       NAME       REGION     SERVICE  CODE        QUOTA");
    assertThat(table).contains("EC2-VPC Elastic IPs").contains("80.0%").contains("counter");
    assertThat(table.lines().filter(l -> l.contains("L-A2478D36")).findFirst().orElseThrow())
        .contains("  -  ");
  }

  @Test
  void anAppliedValueShowsItsDefaultBesideIt() {
    var target = new Target(anAccount("111111111111", "eu-west-1"), new Region("eu-west-1"), "ec2");
    var raised =
        new QuotaLimit("L-1216C47A", "Running On-Demand", 2048, LimitSource.APPLIED, "None", null)
            .withDefault(1152);
    var unknownDefault =
        new QuotaLimit("L-0263D0A3", "EC2-VPC Elastic IPs", 20, LimitSource.APPLIED, "None", null);
    List<TargetResult> results =
        List.of(
            new TargetResult.Collected(target, List.of(raised, unknownDefault), false, List.of()));

    String limits = Reports.table(Reports.rows(results, false, NOW), false);
    String usage = Reports.table(Reports.rows(results, true, NOW), true);
    String json = Reports.json(Reports.rows(results, false, NOW), false);

    assertThat(limits.lines().filter(l -> l.contains("L-1216C47A")).findFirst().orElseThrow())
        .contains("2048   applied (default 1152)");
    assertThat(limits.lines().filter(l -> l.contains("L-0263D0A3")).findFirst().orElseThrow())
        .endsWith("20     applied                 -");
    assertThat(usage).contains("applied (default 1152)");
    assertThat(json)
        .contains("\"limit\": 2048, \"limit_source\": \"applied\", \"limit_default\": 1152")
        .contains("\"limit\": 20, \"limit_source\": \"applied\", \"limit_default\": null");
  }

  @Test
  void anOpenRequestShowsItsValueStatusAndAgeAndAnUnknownHistorySaysSo() {
    var target = new Target(anAccount("111111111111", "eu-west-1"), new Region("eu-west-1"), "ec2");
    var raised =
        new QuotaLimit("L-1216C47A", "Running On-Demand", 2048, LimitSource.APPLIED, "None", null)
            .withDefault(1152);
    var pending =
        new dev.quotacli.quota.IncreaseRequest(
            "r1",
            "ec2",
            "L-1216C47A",
            "Running On-Demand",
            4096,
            dev.quotacli.quota.IncreaseRequest.Status.PENDING,
            NOW.minus(Duration.ofDays(3)).minus(Duration.ofHours(2)),
            null);
    var collected = new TargetResult.Collected(target, List.of(raised), false, List.of());
    List<TargetResult> known =
        List.of(
            collected.withRequests(
                dev.quotacli.quota.RequestHistory.relevant(List.of(pending), NOW)));
    List<TargetResult> unknown =
        List.of(collected.withRequests(dev.quotacli.quota.RequestHistory.unknown("throttled")));

    String table = Reports.table(Reports.rows(known, true, NOW), true);
    String json = Reports.json(Reports.rows(known, false, NOW), false);

    assertThat(table.lines().findFirst().orElseThrow())
        .endsWith("SOURCE                  REQUESTED");
    assertThat(table).contains("2048   -        -     applied (default 1152)  4096 (pending, 3 d)");
    assertThat(json)
        .contains(
            "\"requested\": 4096, \"request_status\": \"pending\", \"request_created\": \"2026-11-19T08:00:00Z\"");
    assertThat(Reports.table(Reports.rows(unknown, false, NOW), false)).contains("unknown");
  }

  @Test
  void jsonHasTheSameRowsWithNullForUnknown() {
    String json = Reports.json(Reports.rows(aUsageResults(), true, NOW), true);

    assertThat(json)
        .startsWith("[\n  {\"account_id\": \"111111111111\"")
        .contains(
            "\"quota_code\": \"L-0263D0A3\", \"quota_name\": \"EC2-VPC Elastic IPs\", \"limit\": 5, \"limit_source\": \"default\", \"usage\": 4, \"percent\": 80, \"usage_origin\": \"counter\"")
        .contains(
            "\"quota_code\": \"L-A2478D36\", \"quota_name\": \"Transit gateways per account\", \"limit\": 5, \"limit_source\": \"default\", \"usage\": null, \"percent\": null, \"usage_origin\": null")
        .endsWith("}\n]\n");
  }

  @Test
  void usageTextfileOmitsUnknownUsageAndPercentOfZeroLimits() {
    String text =
        UsageTextfile.render(aUsageRun(), aUsageResults(), ExportPolicy.EVERYTHING, "1.0");

    assertThat(text)
        .contains(
            "cloud_service_quota_usage{cloud=\"aws\",account_id=\"111111111111\",account_name=\"acct-1111\",region=\"eu-west-1\",service=\"ec2\",quota_code=\"L-0263D0A3\",quota_name=\"EC2-VPC Elastic IPs\",} 4.0");
    assertThat(text)
        .contains(
            "cloud_quota_usage_percent{cloud=\"aws\",account_id=\"111111111111\",account_name=\"acct-1111\",region=\"eu-west-1\",service=\"ec2\",quota_code=\"L-0263D0A3\",quota_name=\"EC2-VPC Elastic IPs\",} 80.0");
    assertThat(text.lines().filter(l -> l.contains("L-A2478D36"))).isEmpty();
    assertThat(
            text.lines()
                .filter(
                    l -> l.startsWith("cloud_quota_usage_percent{") && l.contains("L-74FC7D96")))
        .isEmpty();
    assertThat(text)
        .contains(
            "quota_cli_usage_origin{subcommand=\"usage\",service=\"ec2\",quota_code=\"L-0263D0A3\",origin=\"counter\",} 1.0");
    assertThat(text)
        .contains(
            "quota_cli_usage_unknown{subcommand=\"usage\",account_id=\"111111111111\",account_name=\"acct-1111\",region=\"eu-west-1\",service=\"ec2\",} 1.0");
    assertThat(text).doesNotContain("cloud_service_quota_limit");
  }
}
