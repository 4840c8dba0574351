package dev.quotacli.collect;

import static dev.quotacli.testing.InMemoryCostExplorer.GET_COST_AND_USAGE;
import static dev.quotacli.testing.InMemoryCostExplorer.GET_COST_FORECAST;
import static dev.quotacli.testing.InMemoryCostExplorer.GET_RIGHTSIZING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.cache.CostCache;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.CostPart;
import dev.quotacli.cost.CostSnapshot;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.Period;
import dev.quotacli.cost.RequestBudget;
import dev.quotacli.cost.RightsizingResult;
import dev.quotacli.cost.RightsizingSaving;
import dev.quotacli.cost.TagCostLine;
import dev.quotacli.testing.DirectCallGuards;
import dev.quotacli.testing.InMemoryCostExplorer;
import dev.quotacli.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CostCollector} over in-memory Cost Explorers ({@link InMemoryCostExplorer}), behind the
 * request budget, with a real {@link CostCache} on a temporary directory.
 */
class CostCollectorTest {
  private static final Instant T0 = Instant.parse("2025-06-15T10:00:00Z");
  private static final Duration TTL = Duration.ofHours(6);
  private static final String SCOPE = "999999999999";
  private static final String LINKED_A = "111111111111";
  private static final String LINKED_B = "222222222222";
  private static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
  private static final String S3 = "Amazon Simple Storage Service";

  private static final Period MONTH_TO_DATE =
      new Period(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-15"));
  private static final Period LAST_DAY =
      new Period(LocalDate.parse("2025-06-14"), LocalDate.parse("2025-06-15"));
  private static final Period REST_OF_MONTH =
      new Period(LocalDate.parse("2025-06-15"), LocalDate.parse("2025-07-01"));

  private static final CostLine MTD_A = new CostLine(LINKED_A, EC2, 1200.5, "USD", true);
  private static final CostLine MTD_B = new CostLine(LINKED_B, S3, 80.25, "USD", true);
  private static final CostLine DAY_A = new CostLine(LINKED_A, EC2, 85.0, "USD", true);
  private static final RightsizingSaving SAVING =
      new RightsizingSaving(LINKED_A, "MODIFY", 42.5, 2);

  /** Everything: tags by team, interval, rightsizing, up to 20 linked accounts forecast. */
  private static final CostCollector.Request REQUEST =
      new CostCollector.Request(CostMetric.AMORTIZED, List.of("team"), true, true, 20);

  @TempDir Path root;

  private MutableClock clock;
  private CostCache cache;
  private InMemoryCostExplorer ce;
  private DirectCallGuards guards;
  private RequestBudget budget;
  private final List<String> planLog = new ArrayList<>();

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    cache = new CostCache(root, TTL, clock);
    ce = new InMemoryCostExplorer(SCOPE);
    guards = new DirectCallGuards();
    budget = new RequestBudget(100);
    ce.cost(MONTH_TO_DATE, MTD_A, MTD_B)
        .cost(LAST_DAY, DAY_A)
        .tagCost(
            "team",
            new TagCostLine("team", "payments", EC2, 500, true),
            new TagCostLine("team", "search", EC2, 300, true),
            new TagCostLine("team", "", EC2, 7, true))
        .forecast(SCOPE, 2000, 1800.0, 2200.0)
        .forecast(LINKED_A, 1500, 1400.0, 1600.0)
        .forecast(LINKED_B, 400, 350.0, 450.0)
        .rightsizing(RightsizingResult.enabled(List.of(SAVING)));
  }

  private CostCollector collector(boolean force) {
    return new CostCollector(cache, clock, force, () -> false, planLog::add);
  }

  private CostCollector.Scope payer() {
    return CostCollector.Scope.payer(
        SCOPE, ce, guards.forTarget(SCOPE, "us-east-1"), List.of(LINKED_B, LINKED_A));
  }

  private CostCollector.ScopeResult collect(boolean force, CostCollector.Request request) {
    return collector(force).collect(List.of(payer()), request, budget).scopes().get(0);
  }

  private CostCollector.ScopeResult collect() {
    return collect(false, REQUEST);
  }

  private long requests() {
    return guards.stats().calls(InMemoryCostExplorer.SERVICE);
  }

  @Test
  void aColdPayerAsksForEverythingOnceAndCachesEachPart() {
    var result = collect();

    assertThat(result.complete()).isTrue();
    assertThat(result.fetched()).isEqualTo(7);
    CostSnapshot s = result.snapshot();
    assertThat(s.scopeAccountId()).isEqualTo(SCOPE);
    assertThat(s.monthToDate()).containsExactly(MTD_A, MTD_B);
    assertThat(s.lastDay()).containsExactly(DAY_A);
    // The payer's own forecast is the organization's; the linked accounts are asked one by one.
    assertThat(s.organizationForecast()).isEqualTo(new Forecast(SCOPE, 2000, 1800.0, 2200.0));
    assertThat(s.forecasts())
        .containsExactlyInAnyOrder(
            new Forecast(LINKED_A, 1500, 1400.0, 1600.0),
            new Forecast(LINKED_B, 400, 350.0, 450.0));
    // Every tag value as Cost Explorer answered: the renderer bounds them over the organization.
    assertThat(s.byTag())
        .containsExactly(
            new TagCostLine("team", "payments", EC2, 500, true),
            new TagCostLine("team", "search", EC2, 300, true),
            new TagCostLine("team", "", EC2, 7, true));
    assertThat(s.rightsizing()).containsExactly(SAVING);
    assertThat(s.rightsizingDisabled()).isNull();

    // Month to date, last day, one tag key; three forecasts; rightsizing: seven requests, each
    // through the guard and the budget.
    assertThat(guards.calls("ce", GET_COST_AND_USAGE)).isEqualTo(3);
    assertThat(guards.calls("ce", GET_COST_FORECAST)).isEqualTo(3);
    assertThat(guards.calls("ce", GET_RIGHTSIZING)).isEqualTo(1);
    assertThat(budget.used()).isEqualTo(7);

    assertThat(cache.path(SCOPE)).isEqualTo(root.resolve("cost").resolve(SCOPE + ".json")).exists();
    var entry = cache.read(SCOPE);
    assertThat(entry.parts().keySet())
        .containsExactlyInAnyOrder(
            "month_to_date",
            "last_day",
            "forecast",
            "forecast:" + LINKED_A,
            "forecast:" + LINKED_B,
            "tags:team",
            "rightsizing");
    assertThat(entry.parts().values()).allSatisfy(p -> assertThat(p.fetchedAt()).isEqualTo(T0));
    assertThat(entry.parts().get("month_to_date").asked())
        .isEqualTo("GetCostAndUsage SERVICE,LINKED_ACCOUNT AmortizedCost MONTHLY 2025-06");
  }

  @Test
  void previewPlansWhatARunBuysWithoutARequestAndMatchesTheRunAfterwards() {
    var cold = collector(false).preview(List.of(payer()), REQUEST, 100);

    assertThat(cold).hasSize(2);
    assertThat(cold.get(0).requests()).isEqualTo(2); // month to date, last day
    assertThat(cold.get(1).requests()).isEqualTo(5); // 3 forecasts, 1 tag key, rightsizing
    assertThat(requests()).isZero();

    collect();
    assertThat(requests()).isEqualTo(cold.get(0).requests() + cold.get(1).requests());
    var warm = collector(false).preview(List.of(payer()), REQUEST, 100);
    assertThat(warm).allSatisfy(p -> assertThat(p.requestsDue()).isZero());
    var forced = collector(true).preview(List.of(payer()), REQUEST, 3);
    assertThat(forced.get(0).requests()).isEqualTo(2);
    assertThat(forced.get(1).requests()).isEqualTo(1);
    assertThat(forced.get(1).skipped()).hasSize(4);
  }

  @Test
  void theRequestsAskForTheRightPeriodsMetricAndAccounts() {
    collect();

    assertThat(ce.asked(GET_COST_AND_USAGE))
        .containsExactly(
            new InMemoryCostExplorer.Asked(
                GET_COST_AND_USAGE, MONTH_TO_DATE, CostMetric.AMORTIZED, null, false),
            new InMemoryCostExplorer.Asked(
                GET_COST_AND_USAGE, LAST_DAY, CostMetric.AMORTIZED, null, false),
            new InMemoryCostExplorer.Asked(
                GET_COST_AND_USAGE, MONTH_TO_DATE, CostMetric.AMORTIZED, "team", false));
    // The organization's first, then the linked accounts by descending spend.
    assertThat(ce.asked(GET_COST_FORECAST))
        .containsExactly(
            new InMemoryCostExplorer.Asked(
                GET_COST_FORECAST, REST_OF_MONTH, CostMetric.AMORTIZED, null, true),
            new InMemoryCostExplorer.Asked(
                GET_COST_FORECAST, REST_OF_MONTH, CostMetric.AMORTIZED, LINKED_A, true),
            new InMemoryCostExplorer.Asked(
                GET_COST_FORECAST, REST_OF_MONTH, CostMetric.AMORTIZED, LINKED_B, true));
  }

  @Test
  void aFreshCacheAnswersWithoutAnyRequest() {
    var first = collect();
    ce.cost(MONTH_TO_DATE, new CostLine(LINKED_A, EC2, 9999, "USD", true));
    clock.advance(TTL.minusMinutes(1));
    // Not one request may be sent: a budget of 0 would refuse it.
    budget = new RequestBudget(0);

    var second = collect();

    assertThat(second.complete()).isTrue();
    assertThat(second.fetched()).isZero();
    assertThat(second.snapshot()).isEqualTo(first.snapshot());
    assertThat(requests()).isEqualTo(7);
    assertThat(planLog).contains("Cost Explorer plan (spend): nothing due, every answer is cached");
  }

  @Test
  void anAnswerToAnotherQuestionIsNeverExportedAsThisOne() {
    // A tester's case: UNBLENDED, then AMORTIZED within the TTL exported the unblended numbers.
    CostLine unblended = new CostLine(LINKED_A, EC2, 100, "USD", false);
    CostLine amortized = new CostLine(LINKED_A, EC2, 130, "USD", false);
    ce.cost(MONTH_TO_DATE, CostMetric.UNBLENDED, unblended)
        .cost(MONTH_TO_DATE, CostMetric.AMORTIZED, amortized);
    var unblendedRequest =
        new CostCollector.Request(CostMetric.UNBLENDED, List.of("team"), true, true, 20);
    assertThat(collect(false, unblendedRequest).snapshot().monthToDate())
        .containsExactly(unblended);
    clock.advance(Duration.ofMinutes(5));

    var result = collect(false, REQUEST);

    assertThat(result.snapshot().monthToDate()).containsExactly(amortized);
    // Every part depends on the cost basis but rightsizing: asked again, rightsizing not.
    assertThat(result.fetched()).isEqualTo(6);
    assertThat(requests()).isEqualTo(13);
    assertThat(cache.read(SCOPE).parts().get("month_to_date").asked()).contains("AmortizedCost");
  }

  @Test
  void otherTagKeysBoundsAccountsAndRightsizingAreOtherQuestionsToo() {
    collect();
    ce.tagCost("project", new TagCostLine("project", "atlas", EC2, 50, false));

    // Another tag key, no bounds, one linked account forecast, no rightsizing.
    var other =
        new CostCollector.Request(CostMetric.AMORTIZED, List.of("project"), false, false, 1);
    var result = collect(false, other);

    assertThat(result.snapshot().byTag())
        .containsExactly(new TagCostLine("project", "atlas", EC2, 50, false));
    assertThat(result.snapshot().forecasts())
        .containsExactly(new Forecast(LINKED_A, 1500, 1400.0, 1600.0));
    assertThat(result.snapshot().rightsizing()).isEmpty();
    // Spend is the same question: cached. The tag key and the two forecasts (without bounds now)
    // are asked.
    assertThat(result.fetched()).isEqualTo(3);
    assertThat(ce.asked(GET_COST_FORECAST).subList(3, 5))
        .extracting(InMemoryCostExplorer.Asked::detail, InMemoryCostExplorer.Asked::interval)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, false),
            org.assertj.core.groups.Tuple.tuple(LINKED_A, false));
  }

  @Test
  void aStaleCacheIsAskedAgain() {
    collect();
    CostLine raised = new CostLine(LINKED_A, EC2, 1300, "USD", false);
    ce.cost(MONTH_TO_DATE, raised);
    clock.advance(TTL.plusMinutes(1));

    var result = collect();

    assertThat(result.fetched()).isEqualTo(7);
    assertThat(result.snapshot().monthToDate()).containsExactly(raised);
    assertThat(requests()).isEqualTo(14);
    assertThat(cache.read(SCOPE).parts().get("month_to_date").fetchedAt())
        .isEqualTo(T0.plus(TTL.plusMinutes(1)));
  }

  @Test
  void forceAsksAgainDespiteAFreshCache() {
    collect();
    CostLine raised = new CostLine(LINKED_A, EC2, 1300, "USD", false);
    ce.cost(MONTH_TO_DATE, raised);

    var result = collect(true, REQUEST);

    assertThat(result.fetched()).isEqualTo(7);
    assertThat(result.snapshot().monthToDate()).containsExactly(raised);
    assertThat(requests()).isEqualTo(14);
    assertThat(cache.read(SCOPE).parts().get("month_to_date").lines()).containsExactly(raised);
  }

  @Test
  void forceUnderASmallBudgetStillExportsTheFreshAnswersItCouldNotRenew() {
    collect();
    budget = new RequestBudget(2);

    var result = collect(true, REQUEST);

    assertThat(result.fetched()).isEqualTo(2);
    assertThat(result.complete()).isTrue();
    assertThat(result.snapshot().forecasts()).hasSize(2);
    assertThat(result.snapshot().byTag()).hasSize(3);
  }

  @Test
  void aForecastCostExplorerCannotMakeIsAnAnswerNotAFailure() {
    ce = new InMemoryCostExplorer(SCOPE);
    ce.cost(MONTH_TO_DATE, MTD_A).forecast(LINKED_B, 400, null, null);
    // Neither the scope nor LINKED_A has a forecast: NOT_FOUND (DataUnavailableException).

    var result = collect();

    assertThat(result.complete()).isTrue();
    assertThat(result.snapshot().organizationForecast()).isNull();
    assertThat(result.snapshot().forecasts())
        .containsExactly(new Forecast(LINKED_B, 400, null, null));
    assertThat(guards.calls("ce", GET_COST_FORECAST)).isEqualTo(3);
    // Cached as "no forecast": not asked again within the TTL.
    collect();
    assertThat(guards.calls("ce", GET_COST_FORECAST)).isEqualTo(3);
  }

  @Test
  void anotherFailureMissesItsPartOnlyAndTheRestIsKept() {
    ce.forecastFails(LINKED_B, FailureKind.THROTTLED);

    var result = collect();

    assertThat(result.complete()).isFalse();
    assertThat(result.missing())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.part()).isEqualTo(new CostPart(SCOPE, CostPart.Kind.FORECAST, LINKED_B));
              assertThat(m.kind()).isEqualTo(FailureKind.THROTTLED);
            });
    assertThat(result.snapshot().monthToDate()).containsExactly(MTD_A, MTD_B);
    assertThat(result.snapshot().forecasts())
        .containsExactly(new Forecast(LINKED_A, 1500, 1400.0, 1600.0));
    assertThat(cache.read(SCOPE).parts()).hasSize(6).doesNotContainKey("forecast:" + LINKED_B);
  }

  @Test
  void refusedCredentialsEndTheScopesRequests() {
    ce.forecastFails(SCOPE, FailureKind.ACCESS_DENIED);

    var result = collect();

    // Spend first; then the organization forecast is refused: nothing else is sent.
    assertThat(requests()).isEqualTo(3);
    assertThat(result.missing())
        .extracting(m -> m.part().slot() + "=" + m.kind().label())
        .containsExactly(
            "forecast=access_denied",
            "forecast:" + LINKED_A + "=access_denied",
            "forecast:" + LINKED_B + "=access_denied",
            "tags:team=access_denied",
            "rightsizing=access_denied");
    assertThat(result.snapshot().monthToDate()).containsExactly(MTD_A, MTD_B);
  }

  @Test
  void aSmallBudgetBuysWhatMattersFirstKeepsItAndTheNextRunBuysTheRest() {
    budget = new RequestBudget(4);

    var first = collect();

    // Spend (2), the organization's forecast, then the linked account with the most spend.
    assertThat(requests()).isEqualTo(4);
    assertThat(first.snapshot().monthToDate()).containsExactly(MTD_A, MTD_B);
    assertThat(first.snapshot().lastDay()).containsExactly(DAY_A);
    assertThat(first.snapshot().organizationForecast().mean()).isEqualTo(2000);
    assertThat(first.snapshot().forecasts())
        .containsExactly(new Forecast(LINKED_A, 1500, 1400.0, 1600.0));
    assertThat(first.missing())
        .extracting(m -> m.part().slot() + "=" + m.kind().label())
        .containsExactly(
            "forecast:" + LINKED_B + "=budget", "tags:team=budget", "rightsizing=budget");
    assertThat(cache.read(SCOPE).parts()).hasSize(4);
    assertThat(planLog)
        .anyMatch(l -> l.startsWith("Cost Explorer plan (forecasts, tags, rightsizing): 5 parts"))
        .anyMatch(l -> l.equals("  skip 1 forecast (budget)"));

    clock.advance(Duration.ofMinutes(15));
    budget = new RequestBudget(100);
    var second = collect();

    assertThat(second.complete()).isTrue();
    assertThat(second.fetched()).isEqualTo(3);
    assertThat(requests()).isEqualTo(7);
    assertThat(second.snapshot().forecasts()).hasSize(2);
    assertThat(second.snapshot().byTag()).hasSize(3);
  }

  @Test
  void aLastDayIsExpectedToTakeThePagesTheMonthToDateTookAndIsNotStartedBeyondTheBudget() {
    ce.costPages(3);
    budget = new RequestBudget(5);

    var result = collect();

    // Month to date takes 3 pages (estimated 1); the last day would take as many: not sent; the
    // 2 requests left buy the organization's forecast and the first linked account's.
    assertThat(requests()).isEqualTo(5);
    assertThat(guards.calls("ce", GET_COST_AND_USAGE)).isEqualTo(3);
    assertThat(result.snapshot().monthToDate()).containsExactly(MTD_A, MTD_B);
    assertThat(result.snapshot().organizationForecast()).isNotNull();
    assertThat(result.missing())
        .extracting(m -> m.part().slot() + "=" + m.kind().label())
        .containsExactly(
            "last_day=budget",
            "forecast:" + LINKED_B + "=budget",
            "tags:team=budget",
            "rightsizing=budget");
  }

  @Test
  void aPartTheBudgetCutsMidwayIsNotKeptAndItsPagesEstimateTheNextPlan() {
    ce.costPages(5);
    budget = new RequestBudget(4);

    var first = collect();

    // Month to date takes 5 pages (estimated 1): the budget runs out after 4; nothing is kept.
    assertThat(requests()).isEqualTo(4);
    assertThat(first.snapshot().monthToDate()).isEmpty();
    assertThat(first.missing())
        .filteredOn(m -> m.part().kind() == CostPart.Kind.MONTH_TO_DATE)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.kind()).isEqualTo(FailureKind.BUDGET);
              assertThat(m.message()).contains("ran out after 4 of its pages");
            });
    assertThat(cache.read(SCOPE).parts()).isEmpty();
    assertThat(cache.read(SCOPE).pagesOf("month_to_date")).isEqualTo(5);

    // The next plan expects 5 requests: with 4 it starts none of them.
    planLog.clear();
    budget = new RequestBudget(4);
    collect();
    assertThat(planLog)
        .anyMatch(l -> l.equals("  skip 1 month_to_date (budget)"))
        .anyMatch(l -> l.contains(SCOPE + " forecast ") && l.contains("~1 request,"));
  }

  @Test
  void forecastTopBoundsTheLinkedAccountsByDescendingSpend() {
    var top1 = new CostCollector.Request(CostMetric.AMORTIZED, List.of(), false, false, 1);

    var result = collect(false, top1);

    assertThat(ce.asked(GET_COST_FORECAST))
        .extracting(InMemoryCostExplorer.Asked::detail)
        .containsExactly(null, LINKED_A);
    assertThat(result.snapshot().forecasts())
        .extracting(Forecast::accountId)
        .containsExactly(LINKED_A);
  }

  @Test
  void onTheFirstOfTheMonthThereIsNoMonthToDateRequest() {
    clock.set(Instant.parse("2025-07-01T03:00:00Z"));
    Period june30 = new Period(LocalDate.parse("2025-06-30"), LocalDate.parse("2025-07-01"));
    CostLine lastOfJune = new CostLine(LINKED_A, EC2, 90, "USD", true);
    ce.cost(june30, lastOfJune);

    var result = collect();

    assertThat(result.complete()).isTrue();
    assertThat(result.snapshot().monthToDate()).isEmpty();
    assertThat(result.snapshot().byTag()).isEmpty();
    assertThat(result.snapshot().lastDay()).containsExactly(lastOfJune);
    // Only the last day is asked (no month to date, no tags); forecasts cover July.
    assertThat(ce.asked(GET_COST_AND_USAGE))
        .extracting(InMemoryCostExplorer.Asked::period)
        .containsExactly(june30);
    assertThat(ce.asked(GET_COST_FORECAST))
        .extracting(InMemoryCostExplorer.Asked::period)
        .containsOnly(new Period(LocalDate.parse("2025-07-01"), LocalDate.parse("2025-08-01")));
    assertThat(budget.used()).isEqualTo(5);
  }

  @Test
  void aMonthsAnswerIsNotExportedForTheNextMonth() {
    cache = new CostCache(root, Duration.ofDays(2), clock);
    clock.set(Instant.parse("2025-06-30T22:00:00Z"));
    collect();
    Period july1 = new Period(LocalDate.parse("2025-07-01"), LocalDate.parse("2025-07-02"));
    ce.cost(july1, new CostLine(LINKED_A, EC2, 70, "USD", false));
    clock.set(Instant.parse("2025-07-02T01:00:00Z")); // within the TTL of 2 days

    var result = collect();

    assertThat(result.snapshot().lastDay())
        .containsExactly(new CostLine(LINKED_A, EC2, 70, "USD", false));
    assertThat(result.fetched()).isEqualTo(6); // all but rightsizing
  }

  @Test
  void periodsFollowTheUtcDateNotTheClocksZone() {
    // Already July 1st in Berlin, still June 30th in UTC: June is month to date.
    clock = new MutableClock(Instant.parse("2025-06-30T23:30:00Z"), ZoneId.of("Europe/Berlin"));
    cache = new CostCache(root, TTL, clock);

    collect();

    assertThat(ce.asked(GET_COST_AND_USAGE))
        .extracting(InMemoryCostExplorer.Asked::period)
        .containsExactly(
            new Period(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-30")),
            new Period(LocalDate.parse("2025-06-29"), LocalDate.parse("2025-06-30")),
            new Period(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-30")));
  }

  @Test
  void rightsizingThatIsOffIsReportedNotFailed() {
    ce.rightsizing(
        RightsizingResult.disabled("Rightsizing EC2 recommendation is an opt-in only feature"));

    var result = collect();

    assertThat(result.complete()).isTrue();
    assertThat(result.snapshot().rightsizing()).isEmpty();
    assertThat(result.snapshot().rightsizingDisabled())
        .isEqualTo("Rightsizing EC2 recommendation is an opt-in only feature");
  }

  @Test
  void aCorruptCacheFileIsAskedAgainAndRewritten() throws Exception {
    Files.createDirectories(cache.path(SCOPE).getParent());
    Files.writeString(cache.path(SCOPE), "{\"schemaVersion\":1}");

    var result = collect();

    assertThat(result.fetched()).isEqualTo(7);
    assertThat(requests()).isEqualTo(7);
    assertThat(cache.read(SCOPE).parts()).hasSize(7);
  }

  // ------------------------------------------------------------ accounts on their own

  /** Accounts asked on their own, each with one EC2 line of its id's last digits as spend. */
  private List<CostCollector.Scope> accounts(int n, Map<String, InMemoryCostExplorer> ces) {
    List<CostCollector.Scope> scopes = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String id = String.format("%012d", i);
      var own = new InMemoryCostExplorer(id);
      own.cost(MONTH_TO_DATE, new CostLine(id, EC2, i, "USD", false))
          .cost(LAST_DAY, new CostLine(id, EC2, i / 10.0, "USD", false))
          .forecast(id, 2 * i, null, null);
      ces.put(id, own);
      scopes.add(CostCollector.Scope.account(id, own, guards.forTarget(id, "us-east-1")));
    }
    return scopes;
  }

  @Test
  void withoutAPayerEveryScopesSpendComesBeforeAnyForecast() {
    Map<String, InMemoryCostExplorer> ces = new TreeMap<>();
    var scopes = accounts(10, ces);
    budget = new RequestBudget(25);
    var request = new CostCollector.Request(CostMetric.UNBLENDED, List.of(), false, false, 20);

    var outcome = collector(false).collect(scopes, request, budget);

    assertThat(outcome.requests()).isEqualTo(25);
    assertThat(outcome.scopes())
        .allSatisfy(r -> assertThat(r.snapshot().monthToDate()).hasSize(1))
        .allSatisfy(r -> assertThat(r.snapshot().lastDay()).hasSize(1));
    // 5 forecasts bought: the accounts with the most spend.
    assertThat(outcome.scopes())
        .filteredOn(r -> !r.snapshot().forecasts().isEmpty())
        .extracting(CostCollector.ScopeResult::accountId)
        .containsExactlyInAnyOrder(
            "000000000010", "000000000009", "000000000008", "000000000007", "000000000006");
    assertThat(outcome.missingByKind())
        .containsEntry("forecast", 5)
        .containsEntry("month_to_date", 0)
        .containsEntry("tags", 0);
  }

  @Test
  void runsWhoseBudgetCannotCoverTheFleetGoRoundItOldestFirstWithinTheTtl() {
    Map<String, InMemoryCostExplorer> ces = new TreeMap<>();
    var scopes = accounts(30, ces);
    var request = new CostCollector.Request(CostMetric.UNBLENDED, List.of(), false, false, 20);
    Set<String> seen = new HashSet<>();
    int runs = 0;
    // 90 parts, 20 requests a run, a run every 15 minutes.
    while (runs < 10) {
      budget = new RequestBudget(20);
      var outcome = collector(false).collect(scopes, request, budget);
      runs++;
      assertThat(outcome.requests()).isLessThanOrEqualTo(20);
      outcome.scopes().stream()
          .filter(CostCollector.ScopeResult::complete)
          .forEach(r -> seen.add(r.accountId()));
      if (outcome.missing().isEmpty()) {
        break;
      }
      clock.advance(Duration.ofMinutes(15));
    }
    assertThat(runs).isEqualTo(5);
    assertThat(seen).hasSize(30);

    // Within the TTL of the first run nothing is due; past it, the oldest answers come first.
    budget = new RequestBudget(20);
    assertThat(collector(false).collect(scopes, request, budget).requests()).isZero();
    clock.set(T0.plus(TTL));
    budget = new RequestBudget(20);
    var renewal = collector(false).collect(scopes, request, budget);
    assertThat(renewal.requests()).isEqualTo(20);
    // The first run bought every scope's spend; each scope's spend is renewed first, all of them.
    assertThat(renewal.scopes())
        .filteredOn(r -> r.fetched() > 0)
        .allSatisfy(r -> assertThat(r.missing()).isEmpty());
  }

  @Test
  void aManagementAccountAskedOnItsOwnExportsItsOwnSpendAndSaysSo() {
    var own = new InMemoryCostExplorer(SCOPE);
    own.cost(MONTH_TO_DATE, new CostLine(SCOPE, EC2, 10, "USD", false), MTD_A)
        .cost(LAST_DAY, DAY_A)
        .forecast(SCOPE, 20, null, null);

    var result =
        collector(false)
            .collect(
                List.of(CostCollector.Scope.account(SCOPE, own, guards.forTarget(SCOPE, "x"))),
                new CostCollector.Request(CostMetric.UNBLENDED, List.of(), false, false, 20),
                budget)
            .scopes()
            .get(0);

    assertThat(result.snapshot().monthToDate())
        .containsExactly(new CostLine(SCOPE, EC2, 10, "USD", false));
    assertThat(result.snapshot().lastDay()).isEmpty();
    assertThat(result.snapshot().forecasts()).containsExactly(new Forecast(SCOPE, 20, null, null));
    assertThat(result.snapshot().organizationForecast()).isNull();
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("answered for 1 other account(s) too: it is a management account")
        .contains("--payer " + SCOPE);
  }
}
