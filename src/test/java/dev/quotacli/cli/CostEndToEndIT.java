package dev.quotacli.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.quotacli.testing.CostExplorerStub.GET_COST_AND_USAGE;
import static dev.quotacli.testing.CostExplorerStub.GET_COST_FORECAST;
import static dev.quotacli.testing.CostExplorerStub.GET_RIGHTSIZING;
import static dev.quotacli.testing.CostExplorerStub.costAndUsagePage;
import static dev.quotacli.testing.CostExplorerStub.resultByTime;
import static dev.quotacli.testing.PromText.select;
import static dev.quotacli.testing.PromText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.quotacli.cost.PriceKey;
import dev.quotacli.cost.PriceQueries;
import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.CostExplorerStub;
import dev.quotacli.testing.MotoAccounts;
import dev.quotacli.testing.MotoServer;
import dev.quotacli.testing.PricingStub;
import dev.quotacli.testing.Processes;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.PromText.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * {@code quota-cli cost} end to end against an emulated payer with two linked accounts: the
 * accounts are moto role accounts (their own backends, reached through moto STS), Cost Explorer is
 * {@link CostExplorerStub}, the Pricing API {@link PricingStub}, every other call goes to moto. The
 * linked account 650000000002 runs 2 t3.micro and a 100 GiB gp3 volume in eu-west-1 (a region the
 * bundled fallback price table covers, so the fallback run-rate is priced too; the account's own
 * moto backend keeps the resources ours alone). The clock is fixed mid-month (2025-06-15 UTC), so
 * month to date is always asked.
 */
class CostEndToEndIT {
  static final String PAYER = "650000000001";
  static final String LINKED_A = "650000000002";
  static final String LINKED_B = "650000000003";
  static final String R = "eu-west-1";
  static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
  static final String S3 = "Amazon Simple Storage Service";
  static final String METRIC = "UnblendedCost";

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
  static final String MTD_START = "2025-06-01";
  static final String TODAY = "2025-06-15";
  static final String YESTERDAY = "2025-06-14";
  static final String NEXT_MONTH = "2025-07-01";

  /** Prices the PricingStub serves, equal to the bundled fallback table's eu-west-1 prices. */
  static final double T3_MICRO_HOURLY = 0.0114;

  static final Map<String, Double> GIB_MONTH =
      Map.of("gp2", 0.11, "gp3", 0.088, "standard", 0.055, "io1", 0.138);

  /**
   * Month to date as served over two pages: account -> service -> USD (EC2 of LINKED_A is split
   * across pages).
   */
  static final Map<String, Map<String, Double>> MTD =
      Map.of(
          PAYER, Map.of(EC2, 100.25, S3, 12.5),
          LINKED_A, Map.of(EC2, 42.0, S3, 3.25),
          LINKED_B, Map.of(EC2, 7.0, S3, 0.75));

  static final Map<String, Map<String, Double>> LAST_DAY =
      Map.of(
          PAYER, Map.of(EC2, 6.5, S3, 0.8),
          LINKED_A, Map.of(EC2, 2.75, S3, 0.2),
          LINKED_B, Map.of(EC2, 0.5, S3, 0.05));

  /**
   * CE requests of one full pass: MTD 2 pages, last day 1, forecasts 4 (the organization's, and the
   * 3 listed accounts', the payer's own among them), tag 1, rightsizing 1.
   */
  static final int REQUESTS_PER_PASS = 9;

  static final ObjectMapper JSON = new ObjectMapper();

  static MotoServer moto;
  static CostExplorerStub ce;
  static PricingStub pricing;

  /** Sizes (GiB) of the volumes moto reports in LINKED_A, by type (root volumes included). */
  static Map<String, Integer> volumeGiB = new TreeMap<>();

  @TempDir static Path tmp;
  static Path accountsFile;

  @BeforeAll
  static void estate() throws Exception {
    moto = MotoServer.shared();
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.of(R))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(MotoAccounts.credentials(moto.endpoint(), LINKED_A))
            .build()) {
      String ami =
          ec2.describeImages(b -> b.owners("amazon")).images().stream()
              .filter(i -> i.platform() == null && "x86_64".equals(i.architectureAsString()))
              .findFirst()
              .orElseThrow()
              .imageId();
      ec2.runInstances(
          b -> b.imageId(ami).instanceType(InstanceType.T3_MICRO).minCount(2).maxCount(2));
      ec2.createVolume(b -> b.availabilityZone(R + "a").volumeType(VolumeType.GP3).size(100));
      ec2.describeVolumes()
          .volumes()
          .forEach(v -> volumeGiB.merge(v.volumeTypeAsString(), v.size(), Integer::sum));
    }
    accountsFile =
        Files.writeString(
            tmp.resolve("accounts.yaml"),
            "accounts:\n"
                + MotoAccounts.accountsFileEntry(PAYER, "payer", R)
                + MotoAccounts.accountsFileEntry(LINKED_A, "linked-a", R)
                + MotoAccounts.accountsFileEntry(LINKED_B, "linked-b", R));

    pricing = PricingStub.start();
    answer(
        PriceKey.instance(R, "t3.micro", "Linux", "Shared"),
        PricingStub.instance(
            "T3", R, "t3.micro", "Linux", "Shared", Double.toString(T3_MICRO_HOURLY)));
    GIB_MONTH.forEach(
        (type, usd) ->
            answer(
                PriceKey.ebsStorage(R, type),
                PricingStub.ebsStorage("S" + type, R, type, Double.toString(usd))));

    ce = CostExplorerStub.start();
    stubCostExplorer();
  }

  @AfterAll
  static void stop() {
    if (ce != null) {
      ce.close();
    }
    if (pricing != null) {
      pricing.close();
    }
  }

  private static void answer(PriceKey key, String... documents) {
    PriceQueries.Query q = PriceQueries.forKey(key);
    pricing.answer(q.serviceCode(), q.filters(), List.of(documents));
  }

  /**
   * MTD through the stub's paging (the default answer of GetCostAndUsage); the last day, the tag
   * breakdown and the linked accounts' forecasts through higher-priority mappings (registered on
   * the stub's WireMock admin API) that match on the request body.
   */
  private static void stubCostExplorer() throws Exception {
    ce.pages(
        GET_COST_AND_USAGE,
        List.of(
            costAndUsagePage(
                resultByTime(
                    MTD_START, TODAY, true, METRIC, EC2, PAYER, "100.25", EC2, LINKED_A, "40.5",
                    EC2, LINKED_B, "7")),
            costAndUsagePage(
                resultByTime(
                    MTD_START, TODAY, true, METRIC, S3, PAYER, "12.5", S3, LINKED_A, "3.25", S3,
                    LINKED_B, "0.75", EC2, LINKED_A, "1.5"))));
    WireMock admin = new WireMock(ce.endpoint().getHost(), ce.endpoint().getPort());
    admin.register(
        ceRequest(GET_COST_AND_USAGE)
            .withRequestBody(matchingJsonPath("$.TimePeriod.Start", equalTo(YESTERDAY)))
            .willReturn(
                ok(
                    costAndUsagePage(
                        resultByTime(
                            YESTERDAY, TODAY, false, METRIC, EC2, PAYER, "6.5", EC2, LINKED_A,
                            "2.75", EC2, LINKED_B, "0.5", S3, PAYER, "0.8", S3, LINKED_A, "0.2", S3,
                            LINKED_B, "0.05")))));
    admin.register(
        ceRequest(GET_COST_AND_USAGE)
            .withRequestBody(matchingJsonPath("$.GroupBy[0].Type", equalTo("TAG")))
            .withRequestBody(matchingJsonPath("$.GroupBy[0].Key", equalTo("Team")))
            .willReturn(
                ok(
                    costAndUsagePage(
                        resultByTime(
                            MTD_START,
                            TODAY,
                            true,
                            METRIC,
                            "Team$payments",
                            EC2,
                            "30",
                            "Team$search",
                            EC2,
                            "10",
                            "Team$",
                            EC2,
                            "5",
                            "Team$",
                            S3,
                            "2")))));

    ce.forecast(TODAY, NEXT_MONTH, "500.5", "450", "550");
    admin.register(
        ceRequest(GET_COST_FORECAST)
            .withRequestBody(matchingJsonPath("$.Filter.Dimensions.Values[0]", equalTo(PAYER)))
            .willReturn(ok(forecast("150", "140", "160"))));
    admin.register(
        ceRequest(GET_COST_FORECAST)
            .withRequestBody(matchingJsonPath("$.Filter.Dimensions.Values[0]", equalTo(LINKED_A)))
            .willReturn(ok(forecast("300", "280", "320"))));
    admin.register(
        ceRequest(GET_COST_FORECAST)
            .withRequestBody(matchingJsonPath("$.Filter.Dimensions.Values[0]", equalTo(LINKED_B)))
            .willReturn(ok(forecast("40", "35", "45"))));

    ce.pages(
        GET_RIGHTSIZING,
        List.of(
            CostExplorerStub.rightsizingPage(
                CostExplorerStub.modify(LINKED_A, "i-0000000000000000a", "25.5"),
                CostExplorerStub.terminate(LINKED_B, "i-0000000000000000b", "40"))));
  }

  private static MappingBuilder ceRequest(String operation) {
    return post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(CostExplorerStub.TARGET_PREFIX + operation))
        .atPriority(1);
  }

  private static ObjectNode forecast(String mean, String lower, String upper) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("Total").put("Amount", mean).put("Unit", "USD");
    ObjectNode r = body.putArray("ForecastResultsByTime").addObject();
    r.putObject("TimePeriod").put("Start", TODAY).put("End", NEXT_MONTH);
    r.put("MeanValue", mean)
        .put("PredictionIntervalLowerBound", lower)
        .put("PredictionIntervalUpperBound", upper);
    return body;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(
      ObjectNode body) throws Exception {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", CostExplorerStub.CONTENT_TYPE)
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody(JSON.writeValueAsString(body));
  }

  private static int ceRequests() {
    return ce.requests(GET_COST_AND_USAGE)
        + ce.requests(GET_COST_FORECAST)
        + ce.requests(GET_RIGHTSIZING);
  }

  private static CliRun cost(Path cache, Path textfiles, PricingStub prices, String... extra) {
    return cost(CLOCK, cache, textfiles, prices, extra);
  }

  private static CliRun cost(
      Clock clock, Path cache, Path textfiles, PricingStub prices, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "cost",
                "--accounts-file",
                accountsFile.toString(),
                "--payer",
                PAYER,
                "--tag-key",
                "Team",
                "--forecast-interval",
                "--cache-dir",
                cache.toString(),
                "--textfile-dir",
                textfiles.toString(),
                "--endpoint-url",
                moto.endpoint().toString(),
                "--service-endpoint",
                "ce=" + ce.endpoint(),
                "--service-endpoint",
                "pricing=" + prices.endpoint()));
    args.addAll(List.of(extra));
    return Cli.run(
        new dev.quotacli.pass.Environment(Map.of(), clock, Cli.FAST_RETRIES, null),
        args.toArray(String[]::new));
  }

  private static List<Sample> costSamples(List<Sample> all) {
    return all.stream().filter(s -> s.name().startsWith("cloud_cost_")).toList();
  }

  private static double expectedEbsHourly(String type) {
    return volumeGiB.get(type) * GIB_MONTH.get(type) / 730;
  }

  private static void assertRunRate(List<Sample> s) {
    assertThat(
            value(
                s,
                "cloud_cost_run_rate_hourly_usd",
                "account_id",
                LINKED_A,
                "region",
                R,
                "service",
                "ec2",
                "resource_type",
                "t3.micro"))
        .isCloseTo(2 * T3_MICRO_HOURLY, within(1e-9));
    assertThat(volumeGiB.get("gp3")).isGreaterThanOrEqualTo(100);
    assertThat(
            value(
                s,
                "cloud_cost_run_rate_hourly_usd",
                "account_id",
                LINKED_A,
                "region",
                R,
                "resource_type",
                "gp3"))
        .isCloseTo(expectedEbsHourly("gp3"), within(1e-9));
    volumeGiB
        .keySet()
        .forEach(
            type ->
                assertThat(
                        value(
                            s,
                            "cloud_cost_run_rate_hourly_usd",
                            "account_id",
                            LINKED_A,
                            "resource_type",
                            type))
                    .as(type)
                    .isCloseTo(expectedEbsHourly(type), within(1e-9)));
    assertThat(select(s, "cloud_cost_run_rate_hourly_usd"))
        .allMatch(x -> x.label("account_id").equals(LINKED_A))
        .hasSize(1 + volumeGiB.size());
    assertThat(value(s, "quota_cli_cost_unpriced_resources", "subcommand", "cost")).isZero();
  }

  @Test
  void costOfAPayerWithLinkedAccounts_cachedWithinTheTtl_andBoundByTheRequestBudget()
      throws Exception {
    Path cache = tmp.resolve("cache-main");
    Path textfiles = Files.createDirectories(tmp.resolve("textfiles-main"));
    Path file = textfiles.resolve("aws_cost.prom");
    int before = ceRequests();

    CliRun first = cost(cache, textfiles, pricing);

    assertThat(first.exitCode()).as(first.toString()).isZero();
    int sent = ceRequests() - before;
    assertThat(sent).isEqualTo(REQUESTS_PER_PASS);
    assertThat(ce.requestBodies(GET_COST_AND_USAGE))
        .anyMatch(b -> "page-2".equals(b.path("NextPageToken").asText()));
    String text = Files.readString(file);
    List<Sample> s = PromText.parse(text);

    // Month to date (both pages summed) and the last complete day, per account and service.
    Map<String, String> names = Map.of(PAYER, "payer", LINKED_A, "linked-a", LINKED_B, "linked-b");
    MTD.forEach(
        (account, byService) ->
            byService.forEach(
                (service, usd) ->
                    assertThat(
                            value(
                                s,
                                "cloud_cost_month_to_date_usd",
                                "cloud",
                                "aws",
                                "account_id",
                                account,
                                "account_name",
                                names.get(account),
                                "service",
                                service))
                        .as(account + " " + service)
                        .isEqualTo(usd)));
    assertThat(select(s, "cloud_cost_month_to_date_usd")).hasSize(6);
    LAST_DAY.forEach(
        (account, byService) ->
            byService.forEach(
                (service, usd) ->
                    assertThat(
                            value(
                                s,
                                "cloud_cost_last_day_usd",
                                "account_id",
                                account,
                                "service",
                                service))
                        .as(account + " " + service)
                        .isEqualTo(usd)));
    assertThat(select(s, "cloud_cost_last_day_usd")).hasSize(6);

    // Forecasts: the organization's (the payer's, unfiltered), then each account on its own.
    assertThat(
            value(
                s,
                "cloud_cost_organization_forecast_month_end_usd",
                "account_id",
                PAYER,
                "account_name",
                "payer"))
        .isEqualTo(500.5);
    assertThat(value(s, "cloud_cost_organization_forecast_month_end_lower_usd")).isEqualTo(450);
    assertThat(value(s, "cloud_cost_organization_forecast_month_end_upper_usd")).isEqualTo(550);
    assertThat(value(s, "cloud_cost_forecast_month_end_usd", "account_id", PAYER)).isEqualTo(150);
    assertThat(value(s, "cloud_cost_forecast_month_end_lower_usd", "account_id", PAYER))
        .isEqualTo(140);
    assertThat(value(s, "cloud_cost_forecast_month_end_upper_usd", "account_id", PAYER))
        .isEqualTo(160);
    assertThat(
            value(
                s,
                "cloud_cost_forecast_month_end_usd",
                "account_id",
                LINKED_A,
                "account_name",
                "linked-a"))
        .isEqualTo(300);
    assertThat(value(s, "cloud_cost_forecast_month_end_lower_usd", "account_id", LINKED_A))
        .isEqualTo(280);
    assertThat(value(s, "cloud_cost_forecast_month_end_upper_usd", "account_id", LINKED_A))
        .isEqualTo(320);
    assertThat(value(s, "cloud_cost_forecast_month_end_usd", "account_id", LINKED_B)).isEqualTo(40);
    assertThat(value(s, "cloud_cost_forecast_month_end_lower_usd", "account_id", LINKED_B))
        .isEqualTo(35);
    assertThat(value(s, "cloud_cost_forecast_month_end_upper_usd", "account_id", LINKED_B))
        .isEqualTo(45);
    assertThat(ce.requestBodies(GET_COST_FORECAST))
        .allSatisfy(
            b -> {
              assertThat(b.path("TimePeriod").path("Start").asText()).isEqualTo(TODAY);
              assertThat(b.path("TimePeriod").path("End").asText()).isEqualTo(NEXT_MONTH);
              assertThat(b.path("PredictionIntervalLevel").asInt()).isEqualTo(80);
            });

    // Spend by tag, untagged included.
    assertThat(
            value(
                s,
                "cloud_cost_by_tag_month_to_date_usd",
                "tag_key",
                "Team",
                "tag_value",
                "payments",
                "service",
                EC2))
        .isEqualTo(30);
    assertThat(
            value(
                s,
                "cloud_cost_by_tag_month_to_date_usd",
                "tag_key",
                "Team",
                "tag_value",
                "search",
                "service",
                EC2))
        .isEqualTo(10);
    assertThat(
            value(
                s,
                "cloud_cost_by_tag_month_to_date_usd",
                "tag_key",
                "Team",
                "tag_value",
                "untagged",
                "service",
                EC2))
        .isEqualTo(5);
    assertThat(
            value(
                s,
                "cloud_cost_by_tag_month_to_date_usd",
                "tag_key",
                "Team",
                "tag_value",
                "untagged",
                "service",
                S3))
        .isEqualTo(2);
    assertThat(select(s, "cloud_cost_by_tag_month_to_date_usd")).hasSize(4);

    // Rightsizing savings by type.
    assertThat(select(s, "cloud_cost_rightsizing_savings_monthly_usd"))
        .extracting(x -> x.label("account_id") + "/" + x.label("type") + "=" + x.value())
        .containsExactlyInAnyOrder(LINKED_A + "/MODIFY=25.5", LINKED_B + "/TERMINATE=40.0");

    // Run-rate from the Pricing API; the CE spend is what the stub saw.
    assertRunRate(s);
    assertThat(value(s, "quota_cli_cost_fallback_prices", "subcommand", "cost")).isZero();
    assertThat(value(s, "quota_cli_cost_explorer_requests", "subcommand", "cost")).isEqualTo(sent);
    assertThat(value(s, "quota_cli_cost_explorer_spend_usd", "subcommand", "cost"))
        .isCloseTo(sent * 0.01, within(1e-9));
    assertThat(first.err()).contains(sent + " Cost Explorer requests");

    // promtool accepts the file.
    Path promtool = Processes.require("QUOTA_CLI_TEST_PROMTOOL", "/usr/bin/promtool", "prometheus");
    var check = Processes.run(List.of(promtool.toString(), "check", "metrics"), text);
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).isEmpty();

    // Within the TTL: no Cost Explorer request, the same cost series.
    int beforeSecond = ceRequests();
    CliRun second = cost(cache, textfiles, pricing);
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(ceRequests()).isEqualTo(beforeSecond);
    List<Sample> s2 = PromText.parse(Files.readString(file));
    assertThat(costSamples(s2)).containsExactlyInAnyOrderElementsOf(costSamples(s));
    assertThat(value(s2, "quota_cli_cost_explorer_requests", "subcommand", "cost")).isZero();
    assertThat(value(s2, "quota_cli_cost_explorer_spend_usd", "subcommand", "cost")).isZero();

    // Past the TTL under a budget of 2 requests: the month to date (2 pages, as the last run
    // took) is bought, the rest is not exported; partial exit, the budget named.
    int beforeBudget = ceRequests();
    CliRun budget =
        cost(
            Clock.offset(CLOCK, java.time.Duration.ofHours(7)),
            cache,
            textfiles,
            pricing,
            "--max-ce-requests",
            "2");
    assertThat(budget.exitCode()).as(budget.toString()).isEqualTo(3);
    assertThat(ceRequests() - beforeBudget).isEqualTo(2);
    assertThat(budget.err()).contains("not within --max-ce-requests 2 and not exported");
    List<Sample> s3 = PromText.parse(Files.readString(file));
    assertThat(value(s3, "quota_cli_cost_explorer_requests", "subcommand", "cost"))
        .isEqualTo(ceRequests() - beforeBudget);
    // The partial run finished and wrote its file: the run's last success moves on; the scope
    // that failed keeps its own last success from the run before, and status lists the run.
    assertThat(value(s3, "quota_cli_last_success_timestamp_seconds", "subcommand", "cost"))
        .isGreaterThanOrEqualTo(
            value(s2, "quota_cli_last_success_timestamp_seconds", "subcommand", "cost"));
    List<Sample> failedScopes = select(s3, "quota_cli_target_failed");
    assertThat(failedScopes).isNotEmpty();
    for (Sample failed : failedScopes) {
      String account = failed.label("account_id");
      List<Sample> earlier =
          select(s2, "quota_cli_target_last_success_timestamp_seconds", "account_id", account)
              .stream()
              .filter(x -> x.label("region") == null)
              .toList();
      List<Sample> after =
          select(s3, "quota_cli_target_last_success_timestamp_seconds", "account_id", account)
              .stream()
              .filter(x -> x.label("region") == null)
              .toList();
      assertThat(after).hasSize(1);
      assertThat(after.get(0).value()).isEqualTo(earlier.get(0).value());
    }
    CliRun status =
        Cli.run(
            new dev.quotacli.pass.Environment(Map.of(), CLOCK, Cli.FAST_RETRIES, null),
            "status",
            "--cache-dir",
            cache.toString());
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).containsPattern("(?m)^\\s*cost\\s+.*failed [1-9]");
    assertThat(status.out())
        .containsPattern(
            "(?m)^  cost\\s+\\S+ ago: 2 requests \\(~\\$0\\.02\\) of a budget of 2; 1 of 1 scope\\(s\\)"
                + " incomplete, parts not exported: forecast 4, last_day 1, rightsizing 1, tags 1");
    // What the 2 requests bought is exported; what they did not is counted, never filled in.
    assertThat(select(s3, "cloud_cost_month_to_date_usd")).hasSize(6);
    assertThat(select(s3, "cloud_cost_last_day_usd")).isEmpty();
    assertThat(select(s3, "cloud_cost_forecast_month_end_usd")).isEmpty();
    assertThat(value(s3, "quota_cli_cost_explorer_skipped", "part", "last_day", "reason", "budget"))
        .isEqualTo(1);
    assertThat(value(s3, "quota_cli_cost_explorer_skipped", "part", "forecast", "reason", "budget"))
        .isEqualTo(4);
    assertThat(value(s3, "quota_cli_target_failed", "account_id", PAYER, "reason", "budget"))
        .isEqualTo(1);
    // No self-metric carries an invented service (the cost work is accounts and regions).
    assertThat(select(s3, "quota_cli_target_success"))
        .isNotEmpty()
        .allSatisfy(x -> assertThat(x.labels()).doesNotContainKey("service"));
  }

  @Test
  void aFailingPricingApiFallsBackToTheBundledTable() throws Exception {
    Path textfiles = Files.createDirectories(tmp.resolve("textfiles-fallback"));
    try (PricingStub failing = PricingStub.start()) {
      failing.fail(
          400, "AccessDeniedException", "User is not authorized to perform: pricing:GetProducts");

      CliRun run = cost(tmp.resolve("cache-fallback"), textfiles, failing, "--force");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(failing.getProductsCalls()).isPositive();
      assertThat(run.err())
          .contains("run-rate from the bundled fallback prices")
          .contains("AccessDeniedException");
      List<Sample> s = PromText.parse(Files.readString(textfiles.resolve("aws_cost.prom")));
      assertThat(value(s, "quota_cli_cost_fallback_prices", "subcommand", "cost")).isEqualTo(1);
      assertRunRate(s);
    }
  }

  @Test
  void aRegionOverItsTimeBudgetIsSkippedByTheRunRateAndReportedDegraded() throws Exception {
    Path cache = tmp.resolve("cache-budget");
    Path textfiles = Files.createDirectories(tmp.resolve("textfiles-budget"));
    // LINKED_A's region used a minute more than its budget just now: degraded for about an hour.
    new dev.quotacli.cache.BudgetStore(cache, CLOCK)
        .update(
            states -> {
              states.put(
                  LINKED_A + "/" + R,
                  new dev.quotacli.quota.TimeBudget.State(-60, CLOCK.instant()));
              return states;
            });

    CliRun run = cost(cache, textfiles, pricing);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<Sample> s = PromText.parse(Files.readString(textfiles.resolve("aws_cost.prom")));
    assertThat(
            value(
                s,
                "quota_cli_target_degraded",
                "subcommand",
                "cost",
                "account_id",
                LINKED_A,
                "region",
                R))
        .isEqualTo(1);
    assertThat(select(s, "cloud_cost_run_rate_hourly_usd", "account_id", LINKED_A)).isEmpty();
  }

  @Test
  void theHtmlReportShowsTheSpendAndForecastsOfTheTextfile() throws Exception {
    Path cache = tmp.resolve("cache-report");
    Path textfiles = Files.createDirectories(tmp.resolve("textfiles-report"));
    CliRun run = cost(cache, textfiles, pricing);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    Path html = tmp.resolve("cost-report.html");
    CliRun report =
        Cli.run(
            new dev.quotacli.pass.Environment(Map.of(), CLOCK, Cli.FAST_RETRIES, null),
            "report",
            "--cache-dir",
            cache.toString(),
            "--output",
            html.toString());
    assertThat(report.exitCode()).as(report.toString()).isZero();

    String page = Files.readString(html);
    List<Sample> s = PromText.parse(Files.readString(textfiles.resolve("aws_cost.prom")));
    Map<String, String> columns =
        Map.of(
            "cloud_cost_month_to_date_usd", "mtd",
            "cloud_cost_last_day_usd", "lastday",
            "cloud_cost_forecast_month_end_usd", "forecast");
    int compared = 0;
    for (var column : columns.entrySet()) {
      Map<String, Double> byAccount = new java.util.TreeMap<>();
      select(s, column.getKey())
          .forEach(x -> byAccount.merge(x.label("account_id"), x.value(), Double::sum));
      assertThat(byAccount).as(column.getKey()).isNotEmpty();
      for (var e : byAccount.entrySet()) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile(
                    "<tr data-account=\""
                        + e.getKey()
                        + "\">.*?<td class=\"num "
                        + column.getValue()
                        + "\">([^<]*)</td>",
                    java.util.regex.Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).as(e.getKey() + " " + column.getValue()).isTrue();
        assertThat(m.group(1))
            .as(e.getKey() + " " + column.getKey())
            .isEqualTo(String.format(java.util.Locale.ROOT, "%,.2f USD", e.getValue()));
        compared++;
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(6);
  }
}
