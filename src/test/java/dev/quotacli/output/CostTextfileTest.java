package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostSnapshot;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.RightsizingSaving;
import dev.quotacli.cost.RunRate;
import dev.quotacli.cost.TagCostLine;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import dev.quotacli.testing.PromText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostTextfileTest {
  static final String PAYER = "111111111111";
  static final String LINKED = "222222222222";

  /** Linked to the payer's organisation but not in the account source: no account_name. */
  static final String UNLISTED = "333333333333";

  static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
  static final String S3 = "Amazon Simple Storage Service";

  /**
   * The pass's work and self-metrics: a Cost Explorer scope is an account, each priced region an
   * account in a region; no service label is invented for either.
   */
  static RunSummary aRun() {
    var payer = anAccount(PAYER, "eu-west-1");
    var linked =
        new Account(new AccountId(LINKED), "team \"blue\"\\ops", payer.credentials(), List.of());
    var eu = new Region("eu-west-1");
    List<WorkStatus> work =
        List.of(
            new WorkStatus(payer, null, null, WorkStatus.State.OK, null, null, false, 0),
            new WorkStatus(payer, eu, null, WorkStatus.State.OK, null, null, false, 0),
            WorkStatus.failed(
                linked,
                eu,
                FailureKind.ACCESS_DENIED,
                "DescribeNatGateways: UnauthorizedOperation: You are not authorized to perform this operation."),
            new WorkStatus(
                linked, Region.US_EAST_1, null, WorkStatus.State.OK, null, null, false, 0));
    Map<ApiStats.Key, ApiStats.Counts> api =
        Map.of(
            new ApiStats.Key("ce", "GetCostAndUsage"), new ApiStats.Counts(4, 0, 0),
            new ApiStats.Key("ce", "GetCostForecast"), new ApiStats.Counts(2, 0, 0),
            new ApiStats.Key("ce", "GetRightsizingRecommendation"), new ApiStats.Counts(1, 0, 0),
            new ApiStats.Key("ec2", "DescribeInstances"), new ApiStats.Counts(3, 0, 0),
            new ApiStats.Key("pricing", "GetProducts"), new ApiStats.Counts(3, 2, 0));
    return new RunSummary(
        "cost",
        Instant.parse("2026-11-22T06:00:00Z"),
        Duration.ofMillis(12_750),
        work,
        api,
        List.of(),
        null,
        Shard.ALL,
        null);
  }

  /**
   * One payer scope (estimated and final month-to-date lines, two lines of one account and service,
   * the organization's forecast with bounds and a linked account's without, tag lines that the top
   * 1 per key bounds so that 'other' and 'untagged' appear, rightsizing), run-rates of two accounts
   * from fallback prices.
   */
  static CostTextfile.Figures figures() {
    var snapshot =
        new CostSnapshot(
            PAYER,
            List.of(
                new CostLine(PAYER, EC2, 1234.5, "USD", true),
                new CostLine(PAYER, EC2, 10.25, "USD", false),
                new CostLine(PAYER, S3, 87.0, "USD", false),
                new CostLine(LINKED, EC2, 310.0, "USD", false),
                new CostLine(UNLISTED, "AWS Lambda", 0.42, "USD", false)),
            List.of(
                new CostLine(PAYER, EC2, 41.5, "USD", true),
                new CostLine(LINKED, EC2, 10.0, "USD", false)),
            List.of(new Forecast(LINKED, 640.0, null, null)),
            new Forecast(PAYER, 2500.0, 2310.5, 2689.5),
            List.of(
                new TagCostLine("Team", "platform", EC2, 800.0, true),
                new TagCostLine("Team", "data", EC2, 300.0, false),
                new TagCostLine("Team", "data", S3, 50.0, false),
                new TagCostLine("Team", "search", EC2, 120.0, false),
                new TagCostLine("Team", "", EC2, 444.5, true),
                new TagCostLine("Team", "", S3, 37.0, false)),
            List.of(
                new RightsizingSaving(PAYER, "MODIFY", 120.5, 3),
                new RightsizingSaving(PAYER, "TERMINATE", 40.0, 1)),
            null);
    Map<String, List<RunRate.Line>> runRates = new LinkedHashMap<>();
    runRates.put(
        PAYER,
        List.of(
            new RunRate.Line("eu-west-1", "ebs", "gp3", 4, 0.0438),
            new RunRate.Line("eu-west-1", "ec2", "m5.large", 2, 0.214),
            new RunRate.Line("eu-west-1", "vpc", "nat_gateway", 1, 0.048),
            new RunRate.Line("eu-west-1", "vpc", "public_ipv4_idle", 1, 0.005)));
    runRates.put(LINKED, List.of(new RunRate.Line("us-east-1", "ec2", "t3.micro", 1, 0.0104)));
    return new CostTextfile.Figures(
        List.of(snapshot),
        runRates,
        2,
        "fallback",
        7,
        Map.of(PAYER, "acct-1111", LINKED, "team \"blue\"\\ops"),
        1,
        Map.of(
            new CostTextfile.Skipped("forecast", "budget"), 3,
            new CostTextfile.Skipped("tags", "throttled"), 1));
  }

  @Test
  void rendersTheGoldenFileByteForByte() throws Exception {
    Goldens.COST.assertMatchesFile();
  }

  @Test
  void holdsTheTextfileInvariants() {
    Goldens.COST.assertInvariants();
  }

  @Test
  void linesOfOneAccountAndServiceAreSummedAndAnyEstimatedLineMarksTheAccount() {
    var samples = PromText.parse(Goldens.COST.render().get());

    assertThat(
            PromText.value(
                samples, "cloud_cost_month_to_date_usd", "account_id", PAYER, "service", EC2))
        .isEqualTo(1244.75);
    assertThat(PromText.value(samples, "cloud_cost_estimated", "account_id", PAYER)).isEqualTo(1.0);
    assertThat(PromText.value(samples, "cloud_cost_estimated", "account_id", LINKED))
        .isEqualTo(0.0);
  }

  @Test
  void forecastBoundsOnlyWhereCostExplorerGaveThem() {
    var samples = PromText.parse(Goldens.COST.render().get());

    assertThat(PromText.value(samples, "cloud_cost_forecast_month_end_usd", "account_id", LINKED))
        .isEqualTo(640.0);
    assertThat(PromText.select(samples, "cloud_cost_forecast_month_end_lower_usd")).isEmpty();
    assertThat(PromText.select(samples, "cloud_cost_forecast_month_end_upper_usd")).isEmpty();
  }

  @Test
  void thePayersOwnForecastIsTheOrganizationsNotAnAccounts() {
    var samples = PromText.parse(Goldens.COST.render().get());

    // Per-account forecasts add up to no more than the organization's: the payer's unfiltered
    // forecast is not one of them.
    assertThat(PromText.select(samples, "cloud_cost_forecast_month_end_usd"))
        .extracting(s -> s.label("account_id"))
        .containsExactly(LINKED);
    assertThat(
            PromText.value(
                samples, "cloud_cost_organization_forecast_month_end_usd", "account_id", PAYER))
        .isEqualTo(2500.0);
    assertThat(PromText.value(samples, "cloud_cost_organization_forecast_month_end_lower_usd"))
        .isEqualTo(2310.5);
    assertThat(PromText.value(samples, "cloud_cost_organization_forecast_month_end_upper_usd"))
        .isEqualTo(2689.5);
  }

  @Test
  void partsTheRunDoesNotExportAreCountedByPartAndReason() {
    var samples = PromText.parse(Goldens.COST.render().get());

    assertThat(PromText.select(samples, "quota_cli_cost_explorer_skipped"))
        .extracting(s -> s.label("part") + "/" + s.label("reason") + "=" + s.value())
        .containsExactly(
            "forecast/budget=3.0",
            "last_day/budget=0.0",
            "month_to_date/budget=0.0",
            "rightsizing/budget=0.0",
            "tags/budget=0.0",
            "tags/throttled=1.0");
  }

  @Test
  void costExplorerSpendIsACentPerRequest() {
    var samples = PromText.parse(Goldens.COST.render().get());

    assertThat(PromText.value(samples, "quota_cli_cost_explorer_requests")).isEqualTo(7.0);
    assertThat(PromText.value(samples, "quota_cli_cost_explorer_spend_usd")).isEqualTo(0.07);
  }

  @Test
  void tagSpendIsSummedOverScopesAndBoundedOverTheOrganization() {
    // Two accounts asked on their own (no payer): both spend on Team=payments and untagged; search
    // is the larger value only in the second scope, data only in the first.
    var first =
        new CostSnapshot(
            PAYER,
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new TagCostLine("Team", "payments", EC2, 100.0, false),
                new TagCostLine("Team", "data", EC2, 30.0, false),
                new TagCostLine("Team", "", S3, 1.5, false)),
            List.of(),
            null);
    var second =
        new CostSnapshot(
            LINKED,
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new TagCostLine("Team", "payments", EC2, 20.25, true),
                new TagCostLine("Team", "search", EC2, 40.0, false),
                new TagCostLine("Team", "", S3, 2.0, false)),
            List.of(),
            null);
    var figures =
        new CostTextfile.Figures(
            List.of(first, second), Map.of(), 0, null, 0, Map.of(), 2, Map.of());

    var samples = PromText.parse(CostTextfile.render(aRun(), figures, "1.2.3"));

    assertThat(PromText.select(samples, "cloud_cost_by_tag_month_to_date_usd"))
        .extracting(s -> s.label("tag_value") + "/" + s.label("service") + "=" + s.value())
        .containsExactly(
            "other/" + EC2 + "=30.0",
            "payments/" + EC2 + "=120.25",
            "search/" + EC2 + "=40.0",
            "untagged/" + S3 + "=3.5");
    assertThat(PromText.select(samples, "cloud_cost_by_tag_month_to_date_usd"))
        .allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("account_id"));
  }
}
