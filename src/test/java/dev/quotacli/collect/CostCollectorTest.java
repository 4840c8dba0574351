package dev.quotacli.collect;

import static dev.quotacli.testing.InMemoryCostExplorer.GET_COST_AND_USAGE;
import static dev.quotacli.testing.InMemoryCostExplorer.GET_COST_FORECAST;
import static dev.quotacli.testing.InMemoryCostExplorer.GET_RIGHTSIZING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostMetric;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CostCollector} over an in-memory Cost Explorer ({@link InMemoryCostExplorer}), behind the
 * request budget as the cost pass wraps it, with a real {@link CostCache} on a temporary directory.
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

  /** Everything: tags by team, interval, two linked accounts (and the scope), rightsizing. */
  private static final CostCollector.Request REQUEST =
      new CostCollector.Request(
          CostMetric.AMORTIZED, List.of("team"), true, List.of(LINKED_A, LINKED_B, SCOPE), true);

  @TempDir Path root;

  private MutableClock clock;
  private CostCache cache;
  private InMemoryCostExplorer ce;
  private DirectCallGuards guards;
  private RequestBudget budget;

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
            new TagCostLine("team", "infra", S3, 20, true),
            new TagCostLine("team", "", EC2, 7, true))
        .forecast(SCOPE, 2000, 1800.0, 2200.0)
        .forecast(LINKED_A, 1500, 1400.0, 1600.0)
        .forecast(LINKED_B, 400, 350.0, 450.0)
        .rightsizing(RightsizingResult.enabled(List.of(SAVING)));
  }

  private CostCollector.Result collect(boolean force, CostCollector.Request request) {
    var guard = new BudgetedCallGuard(guards.forTarget(SCOPE, "us-east-1"), budget);
    return new CostCollector(cache, clock, force).collect(SCOPE, ce, guard, request);
  }

  private CostCollector.Result collect() {
    return collect(false, REQUEST);
  }

  private long requests() {
    return guards.stats().calls(InMemoryCostExplorer.SERVICE);
  }

  @Test
  void aColdScopeAsksForEverythingOnceAndCachesTheSnapshot() {
    var result = collect();

    assertThat(result.fromCache()).isFalse();
    CostSnapshot s = result.snapshot();
    assertThat(s.scopeAccountId()).isEqualTo(SCOPE);
    assertThat(s.monthToDate()).containsExactly(MTD_A, MTD_B);
    assertThat(s.lastDay()).containsExactly(DAY_A);
    // The scope's own forecast, then each linked account's; the scope is not asked twice.
    assertThat(s.forecasts())
        .containsExactly(
            new Forecast(SCOPE, 2000, 1800.0, 2200.0),
            new Forecast(LINKED_A, 1500, 1400.0, 1600.0),
            new Forecast(LINKED_B, 400, 350.0, 450.0));
    // Every tag value as Cost Explorer answered: the renderer bounds them over the organization.
    assertThat(s.byTag())
        .containsExactly(
            new TagCostLine("team", "payments", EC2, 500, true),
            new TagCostLine("team", "search", EC2, 300, true),
            new TagCostLine("team", "infra", S3, 20, true),
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
    var lookup = cache.read(SCOPE);
    assertThat(lookup).isInstanceOf(Lookup.Fresh.class);
    assertThat(((Lookup.Fresh<CostSnapshot>) lookup).data()).isEqualTo(s);
    assertThat(((Lookup.Fresh<CostSnapshot>) lookup).fetchedAt()).isEqualTo(T0);
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

    assertThat(second.fromCache()).isTrue();
    assertThat(second.snapshot()).isEqualTo(first.snapshot());
    assertThat(requests()).isEqualTo(7);
    assertThat(ce.asked()).hasSize(7);
  }

  @Test
  void aStaleCacheIsAskedAgain() {
    collect();
    CostLine raised = new CostLine(LINKED_A, EC2, 1300, "USD", false);
    ce.cost(MONTH_TO_DATE, raised);
    clock.advance(TTL.plusMinutes(1));

    var result = collect();

    assertThat(result.fromCache()).isFalse();
    assertThat(result.snapshot().monthToDate()).containsExactly(raised);
    assertThat(requests()).isEqualTo(14);
    assertThat(((Lookup.Fresh<CostSnapshot>) cache.read(SCOPE)).fetchedAt())
        .isEqualTo(T0.plus(TTL.plusMinutes(1)));
  }

  @Test
  void forceAsksAgainDespiteAFreshCache() {
    collect();
    CostLine raised = new CostLine(LINKED_A, EC2, 1300, "USD", false);
    ce.cost(MONTH_TO_DATE, raised);

    var result = collect(true, REQUEST);

    assertThat(result.fromCache()).isFalse();
    assertThat(result.snapshot().monthToDate()).containsExactly(raised);
    assertThat(requests()).isEqualTo(14);
    assertThat(((Lookup.Fresh<CostSnapshot>) cache.read(SCOPE)).data().monthToDate())
        .containsExactly(raised);
  }

  @Test
  void aForecastCostExplorerCannotMakeIsSkippedNotFailed() {
    ce = new InMemoryCostExplorer(SCOPE);
    ce.cost(MONTH_TO_DATE, MTD_A).forecast(LINKED_B, 400, null, null);
    // Neither the scope nor LINKED_A has a forecast: NOT_FOUND (DataUnavailableException).

    var result = collect();

    assertThat(result.snapshot().forecasts())
        .containsExactly(new Forecast(LINKED_B, 400, null, null));
    assertThat(result.snapshot().monthToDate()).containsExactly(MTD_A);
    assertThat(guards.calls("ce", GET_COST_FORECAST)).isEqualTo(3);
    assertThat(cache.read(SCOPE)).isInstanceOf(Lookup.Fresh.class);
  }

  @Test
  void anyOtherForecastFailureFailsTheScopeAndCachesNothing() {
    ce.forecastFails(LINKED_B, FailureKind.ACCESS_DENIED);

    assertThatThrownBy(this::collect)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.ACCESS_DENIED));

    assertThat(cache.path(SCOPE)).doesNotExist();
  }

  @Test
  void aSpentBudgetFailsTheScopeAndCachesNothing() {
    budget = new RequestBudget(4);

    assertThatThrownBy(this::collect)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.OTHER))
        .hasMessageStartingWith("Cost Explorer request budget of 4 reached");

    assertThat(requests()).isEqualTo(4);
    assertThat(cache.path(SCOPE)).doesNotExist();
  }

  @Test
  void onTheFirstOfTheMonthThereIsNoMonthToDateRequest() {
    clock.set(Instant.parse("2025-07-01T03:00:00Z"));
    Period june30 = new Period(LocalDate.parse("2025-06-30"), LocalDate.parse("2025-07-01"));
    CostLine lastOfJune = new CostLine(LINKED_A, EC2, 90, "USD", true);
    ce.cost(june30, lastOfJune);

    var result = collect();

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

    assertThat(result.snapshot().rightsizing()).isEmpty();
    assertThat(result.snapshot().rightsizingDisabled())
        .isEqualTo("Rightsizing EC2 recommendation is an opt-in only feature");
  }

  @Test
  void aMinimalRequestAsksOnlyForSpendAndTheScopesForecast() {
    var minimal =
        new CostCollector.Request(CostMetric.UNBLENDED, List.of(), false, List.of(), false);

    var result = collect(false, minimal);

    assertThat(guards.calls("ce", GET_COST_AND_USAGE)).isEqualTo(2);
    assertThat(guards.calls("ce", GET_COST_FORECAST)).isEqualTo(1);
    assertThat(guards.calls("ce", GET_RIGHTSIZING)).isZero();
    assertThat(ce.asked(GET_COST_FORECAST))
        .containsExactly(
            new InMemoryCostExplorer.Asked(
                GET_COST_FORECAST, REST_OF_MONTH, CostMetric.UNBLENDED, null, false));
    assertThat(result.snapshot().byTag()).isEmpty();
    assertThat(result.snapshot().rightsizing()).isEmpty();
    assertThat(result.snapshot().rightsizingDisabled()).isNull();
  }

  @Test
  void aCorruptCacheFileIsAskedAgainAndRewritten() throws Exception {
    Files.createDirectories(cache.path(SCOPE).getParent());
    Files.writeString(cache.path(SCOPE), "{\"schemaVersion\":1}");

    var result = collect();

    assertThat(result.fromCache()).isFalse();
    assertThat(requests()).isEqualTo(7);
    assertThat(((Lookup.Fresh<CostSnapshot>) cache.read(SCOPE)).data())
        .isEqualTo(result.snapshot());
  }
}
