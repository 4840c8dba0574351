package dev.quotacli.quota;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QuotaSelectionTest {
  private static QuotaLimit named(String code, String name) {
    return new QuotaLimit(code, name, 1, LimitSource.DEFAULT, "None", null);
  }

  @Test
  void selectsListedCodesAndReportsMissingOnes() {
    var all = List.of(aLimit("L-1", 1, LimitSource.DEFAULT), aLimit("L-2", 2, LimitSource.DEFAULT));

    var selected = QuotaSelection.select(all, List.of("L-2", "L-404"), List.of());

    assertThat(selected.limits()).extracting(QuotaLimit::code).containsExactly("L-2");
    assertThat(selected.missingCodes()).containsExactly("L-404");
  }

  @Test
  void discoveryPatternAddsMatchingQuotasOnce() {
    var all =
        List.of(
            named("L-A", "ml.t3.medium for notebook instance usage"),
            named("L-B", "ml.m5.xlarge for notebook instance usage"),
            named("L-C", "ml.m5.xlarge for endpoint usage"),
            named("L-D", "Total number of notebook instances"));

    var selected =
        QuotaSelection.select(
            all,
            List.of("L-A", "L-D"),
            List.of(Pattern.compile("^ml\\..+ for notebook instance usage$")));

    assertThat(selected.limits()).extracting(QuotaLimit::code).containsExactly("L-A", "L-B", "L-D");
    assertThat(selected.missingCodes()).isEmpty();
  }
}
