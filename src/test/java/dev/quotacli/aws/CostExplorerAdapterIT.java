package dev.quotacli.aws;

import static dev.quotacli.testing.CostExplorerStub.GET_COST_AND_USAGE;
import static dev.quotacli.testing.CostExplorerStub.GET_COST_FORECAST;
import static dev.quotacli.testing.CostExplorerStub.GET_RIGHTSIZING;
import static dev.quotacli.testing.CostExplorerStub.costAndUsagePage;
import static dev.quotacli.testing.CostExplorerStub.modify;
import static dev.quotacli.testing.CostExplorerStub.resultByTime;
import static dev.quotacli.testing.CostExplorerStub.rightsizingPage;
import static dev.quotacli.testing.CostExplorerStub.terminate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.BudgetedCallGuard;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.Period;
import dev.quotacli.cost.RequestBudget;
import dev.quotacli.cost.RightsizingResult;
import dev.quotacli.cost.RightsizingSaving;
import dev.quotacli.cost.TagCostLine;
import dev.quotacli.testing.CostExplorerStub;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.MotoAccounts;
import dev.quotacli.testing.MotoServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CostExplorerAdapter through the real SDK: GetCostAndUsage against moto (queued results), and what
 * moto lacks (forecast, rightsizing, errors, request counting) against {@link CostExplorerStub}.
 */
class CostExplorerAdapterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
  private static final String S3 = "Amazon Simple Storage Service";
  private static final String RDS = "Amazon Relational Database Service";
  private static final String A1 = "111111111111";
  private static final String A2 = "222222222222";
  private static final String A3 = "333333333333";

  private static CallGuard guard(ApiStats stats, String account) {
    return TestClients.guard(stats, account, "us-east-1");
  }

  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  private static CostExplorerStub stub;
  private final ApiStats stats = new ApiStats();
  private final String payer = randomAccountId();
  private final Account account = Fixtures.anAccount("123456789012");
  private AwsClientFactory motoFactory;
  private Account motoAccount;
  private AwsClientFactory factory;
  private CostExplorerAdapter adapter;

  @BeforeAll
  static void start() {
    stub = CostExplorerStub.start();
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @BeforeEach
  void setUp() {
    stub.reset();
    factory =
        new AwsClientFactory(
            new Endpoints(stub.endpoint(), Map.of()), AwsClientFactory.Timeouts.DEFAULT, stats);
    adapter = new CostExplorerAdapter(factory, account);
  }

  @AfterEach
  void close() {
    factory.close();
    if (motoFactory != null) {
      motoFactory.close();
    }
  }

  private CallGuard guard() {
    return guard(stats, account.id().value());
  }

  /**
   * moto 5.2.1 answers GetCostAndUsage from a queue filled by POST
   * /moto-api/static/ce/cost-and-usage-results: a request whose exact body it has not seen takes
   * the next queued result (and keeps it for that body). The queue is per account, so each test
   * runs in a fresh random account reached by AssumeRole: other tests' queued results and moto's
   * state cannot interfere, and no reset is needed.
   *
   * @return the adapter for the fresh account of this test
   */
  private CostExplorerAdapter motoAdapter() {
    motoFactory =
        new AwsClientFactory(
            new Endpoints(MotoServer.shared().endpoint(), Map.of()),
            AwsClientFactory.Timeouts.DEFAULT,
            stats);
    motoAccount =
        new Account(
            new AccountId(payer),
            "payer",
            new CredentialSource.AssumeRole(
                "arn:aws:iam::" + payer + ":role/quota-reader",
                Optional.empty(),
                Optional.of(
                    new CredentialSource.StaticKeys(
                        MotoAccounts.BASE_KEY, new Secret(MotoAccounts.BASE_SECRET)))),
            List.of());
    return new CostExplorerAdapter(motoFactory, motoAccount);
  }

  @Test
  void costByAccountAndServiceSumsEveryPageAndPeriod() throws Exception {
    String metric = CostMetric.UNBLENDED.usageName();
    ObjectNode page1 =
        costAndUsagePage(
                resultByTime(
                    "2024-05-01",
                    "2024-06-01",
                    false,
                    metric,
                    EC2,
                    A1,
                    "100.25",
                    S3,
                    A1,
                    "0.0101516483",
                    EC2,
                    A2,
                    "40"))
            .put("NextPageToken", "moto-page-2");
    ObjectNode page2 =
        costAndUsagePage(
            resultByTime("2024-05-01", "2024-06-01", false, metric, RDS, A3, "7"),
            resultByTime("2024-06-01", "2024-06-20", true, metric, EC2, A1, "50", RDS, A3, "3.5"));
    queue(page1, page2);

    List<CostLine> lines =
        motoAdapter()
            .costByAccountAndService(
                new Period(d("2024-05-01"), d("2024-06-20")),
                CostMetric.UNBLENDED,
                guard(stats, payer));

    assertThat(lines)
        .containsExactly(
            new CostLine(A1, EC2, 150.25, "USD", true),
            new CostLine(A1, S3, 0.0101516483, "USD", false),
            new CostLine(A2, EC2, 40, "USD", false),
            new CostLine(A3, RDS, 10.5, "USD", true));
    assertThat(stats.snapshot().get(new ApiStats.Key("ce", "GetCostAndUsage")).calls())
        .isEqualTo(2);
  }

  @Test
  void costByTagParsesKeyDollarValue() throws Exception {
    String metric = CostMetric.AMORTIZED.usageName();
    queue(
        costAndUsagePage(
            resultByTime(
                "2024-06-01",
                "2024-06-02",
                true,
                metric,
                "team$payments",
                EC2,
                "12",
                "team$",
                EC2,
                "3",
                "team$payments",
                S3,
                "1.5")));

    List<TagCostLine> lines =
        motoAdapter()
            .costByTagAndService(
                new Period(d("2024-06-01"), d("2024-06-02")),
                CostMetric.AMORTIZED,
                "team",
                guard(stats, payer));

    assertThat(lines)
        .containsExactly(
            new TagCostLine("team", "", EC2, 3, true),
            new TagCostLine("team", "payments", EC2, 12, true),
            new TagCostLine("team", "payments", S3, 1.5, true));
  }

  @Test
  void noSpendIsNoLines() {
    // Nothing queued for this fresh account: moto answers empty ResultsByTime.
    List<CostLine> lines =
        motoAdapter()
            .costByAccountAndService(
                new Period(d("2024-05-01"), d("2024-06-01")),
                CostMetric.UNBLENDED,
                guard(stats, payer));
    assertThat(lines).isEmpty();
  }

  private void queue(ObjectNode... results) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("account_id", payer);
    var array = body.putArray("results");
    for (ObjectNode r : results) {
      array.add(r);
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                MotoServer.shared()
                    .endpoint()
                    .resolve("/moto-api/static/ce/cost-and-usage-results"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static String randomAccountId() {
    return "9" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
  }

  private List<ObjectNode> threePages() {
    String m = CostMetric.UNBLENDED.usageName();
    return List.of(
        costAndUsagePage(resultByTime("2024-06-01", "2024-07-01", false, m, EC2, A1, "1")),
        costAndUsagePage(resultByTime("2024-06-01", "2024-07-01", false, m, EC2, A2, "2")),
        costAndUsagePage(resultByTime("2024-06-01", "2024-07-01", false, m, S3, A1, "4")));
  }

  @Test
  void requestShapeMonthlyWithTwoGroupBysAndEveryPageFollowed() {
    stub.pages(GET_COST_AND_USAGE, threePages());

    List<CostLine> lines =
        adapter.costByAccountAndService(
            new Period(d("2024-06-01"), d("2024-07-01")), CostMetric.UNBLENDED, guard());

    assertThat(lines).extracting(CostLine::amount).containsExactly(1.0, 4.0, 2.0);
    List<JsonNode> bodies = stub.requestBodies(GET_COST_AND_USAGE);
    assertThat(bodies).hasSize(3);
    JsonNode first = bodies.get(0);
    assertThat(first.at("/TimePeriod/Start").asText()).isEqualTo("2024-06-01");
    assertThat(first.at("/TimePeriod/End").asText()).isEqualTo("2024-07-01");
    assertThat(first.at("/Granularity").asText()).isEqualTo("MONTHLY");
    assertThat(first.at("/Metrics/0").asText()).isEqualTo("UnblendedCost");
    assertThat(first.at("/GroupBy").toString())
        .isEqualTo(
            "[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"},{\"Type\":\"DIMENSION\",\"Key\":\"LINKED_ACCOUNT\"}]");
    assertThat(first.has("NextPageToken")).isFalse();
    assertThat(bodies.get(2).at("/NextPageToken").asText()).isEqualTo("page-3");
  }

  @Test
  void aOneDayPeriodIsAskedDailyAndTagGroupingFirst() {
    stub.pages(
        GET_COST_AND_USAGE,
        List.of(
            costAndUsagePage(
                resultByTime(
                    "2024-06-30",
                    "2024-07-01",
                    true,
                    CostMetric.NET_UNBLENDED.usageName(),
                    "env$prod",
                    EC2,
                    "5"))));

    List<TagCostLine> lines =
        adapter.costByTagAndService(
            new Period(d("2024-06-30"), d("2024-07-01")), CostMetric.NET_UNBLENDED, "env", guard());

    assertThat(lines).containsExactly(new TagCostLine("env", "prod", EC2, 5, true));
    JsonNode body = stub.requestBodies(GET_COST_AND_USAGE).get(0);
    assertThat(body.at("/Granularity").asText()).isEqualTo("DAILY");
    assertThat(body.at("/Metrics/0").asText()).isEqualTo("NetUnblendedCost");
    assertThat(body.at("/GroupBy").toString())
        .isEqualTo(
            "[{\"Type\":\"TAG\",\"Key\":\"env\"},{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"}]");
  }

  @Test
  void theBudgetStopsBeforeTheThirdPageIsSent() {
    stub.pages(GET_COST_AND_USAGE, threePages());
    var budgeted = new BudgetedCallGuard(guard(), new RequestBudget(2));

    assertThatThrownBy(
            () ->
                adapter.costByAccountAndService(
                    new Period(d("2024-06-01"), d("2024-07-01")), CostMetric.UNBLENDED, budgeted))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.OTHER))
        .hasMessageStartingWith("Cost Explorer request budget of 2 reached");
    assertThat(stub.requests(GET_COST_AND_USAGE)).isEqualTo(2);
    assertThat(budgeted.budget().used()).isEqualTo(2);
  }

  @Test
  void rateLimitExceededIsRetried() {
    stub.pages(GET_COST_AND_USAGE, threePages().subList(0, 1));
    // The first request is throttled (LimitExceededException), the retry succeeds.
    stub.throttleFirst(GET_COST_AND_USAGE);

    List<CostLine> lines =
        adapter.costByAccountAndService(
            new Period(d("2024-06-01"), d("2024-07-01")), CostMetric.UNBLENDED, guard());

    assertThat(lines).hasSize(1);
    assertThat(stub.requests(GET_COST_AND_USAGE)).isEqualTo(2);
    assertThat(stats.snapshot().get(new ApiStats.Key("ce", "GetCostAndUsage")).throttles())
        .isEqualTo(1);
  }

  @Test
  void forecastWithIntervalForOneLinkedAccount() {
    stub.forecast("2024-06-10", "2024-07-01", "123.4", "100", "150");

    Forecast forecast =
        adapter.forecast(
            new Period(d("2024-06-10"), d("2024-07-01")), CostMetric.AMORTIZED, true, A2, guard());

    assertThat(forecast).isEqualTo(new Forecast(A2, 123.4, 100.0, 150.0));
    JsonNode body = stub.requestBodies(GET_COST_FORECAST).get(0);
    assertThat(body.at("/Metric").asText()).isEqualTo("AMORTIZED_COST");
    assertThat(body.at("/Granularity").asText()).isEqualTo("MONTHLY");
    assertThat(body.at("/PredictionIntervalLevel").asInt()).isEqualTo(80);
    assertThat(body.at("/TimePeriod/Start").asText()).isEqualTo("2024-06-10");
    assertThat(body.at("/Filter/Dimensions/Key").asText()).isEqualTo("LINKED_ACCOUNT");
    assertThat(body.at("/Filter/Dimensions/Values/0").asText()).isEqualTo(A2);
  }

  @Test
  void forecastWithoutIntervalForThePayer() {
    stub.forecast("2024-06-10", "2024-07-01", "99.5", null, null);

    Forecast forecast =
        adapter.forecast(
            new Period(d("2024-06-10"), d("2024-07-01")),
            CostMetric.UNBLENDED,
            false,
            null,
            guard());

    assertThat(forecast).isEqualTo(new Forecast("123456789012", 99.5, null, null));
    JsonNode body = stub.requestBodies(GET_COST_FORECAST).get(0);
    assertThat(body.has("PredictionIntervalLevel")).isFalse();
    assertThat(body.has("Filter")).isFalse();
    assertThat(body.at("/Metric").asText()).isEqualTo("UNBLENDED_COST");
  }

  @Test
  void dataUnavailableIsNotFound() {
    stub.error(
        GET_COST_FORECAST,
        400,
        "DataUnavailableException",
        "Insufficient amount of historical data");

    assertThatThrownBy(
            () ->
                adapter.forecast(
                    new Period(d("2024-06-10"), d("2024-07-01")),
                    CostMetric.UNBLENDED,
                    true,
                    null,
                    guard()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.NOT_FOUND);
              assertThat(e.retryable()).isFalse();
            })
        .hasMessageContaining("DataUnavailableException");
    assertThat(stub.requests(GET_COST_FORECAST)).isEqualTo(1);
  }

  @Test
  void rightsizingSumsEveryPagePerAccountAndType() {
    stub.pages(
        GET_RIGHTSIZING,
        List.of(
            rightsizingPage(modify(A1, "i-1", "12.5"), terminate(A1, "i-2", "30")),
            rightsizingPage(modify(A1, "i-3", "7.5"), modify(A2, "i-4", "1.25"))));

    RightsizingResult result = adapter.rightsizing(guard());

    assertThat(result.isEnabled()).isTrue();
    assertThat(result.savings())
        .containsExactly(
            new RightsizingSaving(A1, "MODIFY", 20, 2),
            new RightsizingSaving(A1, "TERMINATE", 30, 1),
            new RightsizingSaving(A2, "MODIFY", 1.25, 1));
    List<JsonNode> bodies = stub.requestBodies(GET_RIGHTSIZING);
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(0).at("/Service").asText()).isEqualTo("AmazonEC2");
    assertThat(bodies.get(1).at("/NextPageToken").asText()).isEqualTo("page-2");
  }

  @Test
  void rightsizingNotEnabledIsAnEmptyResultWithTheReason() {
    stub.error(
        GET_RIGHTSIZING,
        400,
        "AccessDeniedException",
        "Rightsizing EC2 recommendation is an opt-in only feature. You can enable this feature from the PAYER "
            + "account's Cost Explorer Preferences page.");

    RightsizingResult result = adapter.rightsizing(guard());

    assertThat(result.isEnabled()).isFalse();
    assertThat(result.savings()).isEmpty();
    assertThat(result.disabledReason()).contains("opt-in only feature");
  }

  @Test
  void rightsizingWithoutPermissionFails() {
    stub.error(
        GET_RIGHTSIZING,
        400,
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/x is not authorized to perform: ce:GetRightsizingRecommendation");

    assertThatThrownBy(() -> adapter.rightsizing(guard()))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.ACCESS_DENIED));
  }
}
