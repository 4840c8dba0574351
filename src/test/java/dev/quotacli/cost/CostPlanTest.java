package dev.quotacli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.cost.CostPart.Kind;
import dev.quotacli.cost.CostPlan.Candidate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostPlanTest {
  static final Instant T0 = Instant.parse("2025-06-15T10:00:00Z");

  static Candidate c(String scope, Kind kind, String detail, Instant at, double spend, int pages) {
    return new Candidate(new CostPart(scope, kind, detail), at, spend, pages);
  }

  static List<String> slots(List<Candidate> cs) {
    return cs.stream().map(x -> x.part().describe()).toList();
  }

  @Test
  void spendComesFirstThenForecastsByDescendingSpendThenTheRest() {
    var plan =
        CostPlan.of(
            List.of(
                c("a", Kind.RIGHTSIZING, null, null, 900, 1),
                c("a", Kind.TAGS, "Team", null, 900, 1),
                c("a", Kind.FORECAST, "small", null, 10, 1),
                c("a", Kind.FORECAST, "big", null, 500, 1),
                c("a", Kind.FORECAST, null, null, 900, 1),
                c("a", Kind.LAST_DAY, null, null, 900, 1),
                c("a", Kind.MONTH_TO_DATE, null, null, 900, 2)),
            100);

    assertThat(slots(plan.bought()))
        .containsExactly(
            "a month_to_date",
            "a last_day",
            "a forecast",
            "a forecast:big",
            "a forecast:small",
            "a tags:Team",
            "a rightsizing");
    assertThat(plan.requests()).isEqualTo(8);
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void withinATierTheOldestAnswerComesFirstAndNeverFetchedBeforeAny() {
    var plan =
        CostPlan.of(
            List.of(
                c("fresh-ish", Kind.MONTH_TO_DATE, null, T0.plusSeconds(60), 1000, 1),
                c("old", Kind.MONTH_TO_DATE, null, T0, 1, 1),
                c("new-small", Kind.MONTH_TO_DATE, null, null, 1, 1),
                c("new-big", Kind.MONTH_TO_DATE, null, null, 50, 1)),
            3);

    assertThat(slots(plan.bought()))
        .containsExactly("new-big month_to_date", "new-small month_to_date", "old month_to_date");
    assertThat(slots(plan.skipped())).containsExactly("fresh-ish month_to_date");
  }

  @Test
  void aPartThatDoesNotFitIsSkippedAndASmallerLaterOneMayStillBeBought() {
    var plan =
        CostPlan.of(
            List.of(
                c("a", Kind.MONTH_TO_DATE, null, null, 10, 4),
                c("a", Kind.LAST_DAY, null, null, 10, 1),
                c("a", Kind.FORECAST, null, null, 10, 1)),
            3);

    assertThat(slots(plan.bought())).containsExactly("a last_day", "a forecast");
    assertThat(slots(plan.skipped())).containsExactly("a month_to_date");
    assertThat(plan.requests()).isEqualTo(2);
    assertThat(plan.requestsDue()).isEqualTo(6);
  }

  @Test
  void thePlanDescribesWhatItBuysAndCountsWhatItSkips() {
    var plan =
        CostPlan.of(
            List.of(
                c("111111111111", Kind.MONTH_TO_DATE, null, T0.minusSeconds(7 * 3600), 10, 2),
                c("111111111111", Kind.TAGS, "Team", null, 10, 1),
                c("111111111111", Kind.TAGS, "Project", null, 10, 1)),
            2);

    assertThat(plan.describe("spend", T0))
        .containsExactly(
            "Cost Explorer plan (spend): 3 parts due, ~4 requests (~$0.04); 2 requests left:"
                + " buying 1 parts, ~2 requests (~$0.02), skipping 2",
            "  buy  111111111111 month_to_date               ~2 requests, fetched 7h0m ago",
            "  skip 2 tags (budget)");
  }

  @Test
  void aPartTakesAtLeastOneRequest() {
    assertThatThrownBy(() -> c("a", Kind.TAGS, "x", null, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
