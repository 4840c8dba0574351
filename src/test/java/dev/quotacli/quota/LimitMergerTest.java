package dev.quotacli.quota;

import static dev.quotacli.testing.Fixtures.anApiQuota;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LimitMergerTest {
  @Test
  void appliedValueWinsOverDefault() {
    var merged =
        LimitMerger.merge(
            List.of(anApiQuota("L-1", 1152)), List.of(anApiQuota("L-1", 5), anApiQuota("L-2", 0)));

    assertThat(merged.limits())
        .extracting(QuotaLimit::code, QuotaLimit::value, QuotaLimit::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("L-1", 1152.0, LimitSource.APPLIED),
            org.assertj.core.groups.Tuple.tuple("L-2", 0.0, LimitSource.DEFAULT));
    assertThat(merged.problems()).isEmpty();
  }

  @Test
  void quotaMissingFromAppliedListFallsBackToDefault() {
    var merged = LimitMerger.merge(List.of(), List.of(anApiQuota("L-9", 20)));

    assertThat(merged.limits())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.value()).isEqualTo(20.0);
              assertThat(l.source()).isEqualTo(LimitSource.DEFAULT);
            });
  }

  @Test
  void valueWithErrorReasonIsNotALimitAndIsReported() {
    ApiQuota broken =
        new ApiQuota(
            "L-E9E9831D",
            "Classic Load Balancers per Region",
            0.0,
            "None",
            null,
            "DEPENDENCY_ACCESS_DENIED_ERROR: missing elasticloadbalancing:DescribeAccountLimits");

    var merged = LimitMerger.merge(List.of(broken), List.of(anApiQuota("L-E9E9831D", 20)));

    assertThat(merged.limits()).isEmpty();
    assertThat(merged.problems())
        .singleElement()
        .asString()
        .startsWith(
            "L-E9E9831D (Classic Load Balancers per Region): DEPENDENCY_ACCESS_DENIED_ERROR");
  }

  @Test
  void quotaWithoutValueIsReportedNotZero() {
    ApiQuota noValue = new ApiQuota("L-X", "No value", null, "None", null, null);

    var merged = LimitMerger.merge(List.of(noValue), List.of());

    assertThat(merged.limits()).isEmpty();
    assertThat(merged.problems()).containsExactly("L-X (No value): no value in the answer");
  }

  @Test
  void limitsAreSortedByCode() {
    var merged =
        LimitMerger.merge(
            List.of(anApiQuota("L-C", 1), anApiQuota("L-A", 1)), List.of(anApiQuota("L-B", 1)));

    assertThat(merged.limits()).extracting(QuotaLimit::code).containsExactly("L-A", "L-B", "L-C");
  }

  @Test
  void anAppliedValueEqualToItsDefaultIsTheDefault() {
    var merged =
        LimitMerger.merge(
            List.of(anApiQuota("L-1", 1152), anApiQuota("L-2", 5), anApiQuota("L-3", 7)),
            List.of(anApiQuota("L-1", 5), anApiQuota("L-2", 5), anApiQuota("L-4", 0)));

    assertThat(merged.limits())
        .extracting(QuotaLimit::code, QuotaLimit::source, QuotaLimit::differsFromDefault)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("L-1", LimitSource.APPLIED, true), // raised
            org.assertj.core.groups.Tuple.tuple("L-2", LimitSource.DEFAULT, false), // not raised
            org.assertj.core.groups.Tuple.tuple(
                "L-3", LimitSource.APPLIED, true), // default unknown
            org.assertj.core.groups.Tuple.tuple("L-4", LimitSource.DEFAULT, false));
  }

  @Test
  void aRaisedOrLoweredValueCarriesItsDefaultWhereTheDefaultListHasIt() {
    var merged =
        LimitMerger.merge(
            List.of(anApiQuota("L-1", 2048), anApiQuota("L-2", 5), anApiQuota("L-3", 7)),
            List.of(anApiQuota("L-1", 1152), anApiQuota("L-2", 5)));

    assertThat(merged.limits())
        .extracting(QuotaLimit::code, QuotaLimit::defaultValue, QuotaLimit::changedFromDefault)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("L-1", 1152.0, 1152.0), // raised
            org.assertj.core.groups.Tuple.tuple("L-2", null, null), // the default itself
            org.assertj.core.groups.Tuple.tuple("L-3", null, null)); // default unknown
    assertThat(merged.overrides())
        .extracting(QuotaLimit::defaultValue)
        .containsExactly(1152.0, null);
  }

  @Test
  void appliedBelowItsDefaultDiffersToo() {
    var merged = LimitMerger.merge(List.of(anApiQuota("L-1", 0)), List.of(anApiQuota("L-1", 8)));

    assertThat(merged.limits().get(0).differsFromDefault()).isTrue();
  }

  @Test
  void theCompactFormIsTheAccountsOwnLimitsAndExpandsBackToTheMerge() {
    List<ApiQuota> defaults =
        List.of(
            anApiQuota("L-1", 5),
            anApiQuota("L-2", 5),
            anApiQuota("L-4", 0),
            anApiQuota("L-5", 9),
            new ApiQuota("L-6", "Q L-6", null, "None", null, null));
    var merged =
        LimitMerger.merge(
            List.of(
                anApiQuota("L-1", 1152),
                anApiQuota("L-2", 5),
                anApiQuota("L-3", 7),
                new ApiQuota("L-5", "Q L-5", null, "None", null, "DEPENDENCY_ACCESS_DENIED_ERROR")),
            defaults);

    assertThat(merged.overrides()).extracting(QuotaLimit::code).containsExactly("L-1", "L-3");
    assertThat(merged.withheld()).containsExactly("L-5");
    assertThat(
            LimitMerger.expand(
                LimitMerger.defaultLimits(defaults), merged.overrides(), merged.withheld()))
        .isEqualTo(merged.limits());
  }

  @Test
  void selectingTheCompactFormEqualsSelectingTheWholeMerge() {
    List<ApiQuota> defaults = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      defaults.add(
          new ApiQuota(
              String.format("L-%02d", i),
              (i % 3 == 0 ? "ml.p" + i + " for endpoint usage" : "Other " + i),
              (double) i,
              "None",
              null,
              null));
    }
    List<ApiQuota> applied =
        List.of(
            new ApiQuota("L-03", "ml.p3 for endpoint usage", 99.0, "None", null, null), // raised
            new ApiQuota("L-04", "Other 4", 4.0, "None", null, null), // at its default
            new ApiQuota("L-05", "Other 5", 50.0, "None", null, null), // raised, listed
            new ApiQuota("L-06", "ml.p6 for endpoint usage", null, "None", null, "NO_VALUE"),
            new ApiQuota("L-07", "Other 7", 70.0, "None", null, null), // raised, not selected
            new ApiQuota("L-99", "ml.new for endpoint usage", 1.0, "None", null, null)); // new
    var merged = LimitMerger.merge(applied, defaults);
    List<String> codes = List.of("L-05", "L-06", "L-10", "L-77");
    List<java.util.regex.Pattern> patterns =
        List.of(java.util.regex.Pattern.compile("for endpoint usage$"));
    List<QuotaLimit> defaultLimits = LimitMerger.defaultLimits(defaults);

    var compact =
        QuotaSelection.selectCompact(
            QuotaSelection.select(defaultLimits, codes, patterns).limits(),
            merged.overrides(),
            merged.withheld(),
            codes,
            patterns);

    assertThat(compact).isEqualTo(QuotaSelection.select(merged.limits(), codes, patterns));
    assertThat(compact.missingCodes()).containsExactly("L-06", "L-77");
    assertThat(compact.limits())
        .extracting(QuotaLimit::code)
        .contains("L-03", "L-05", "L-10", "L-99")
        .doesNotContain("L-06", "L-07");
  }
}
