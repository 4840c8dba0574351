package dev.quotacli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostAnswersTest {
  private static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
  private static final String S3 = "Amazon Simple Storage Service";

  private static CostAnswers.Group g(String k1, String k2, String amount, boolean estimated) {
    return new CostAnswers.Group(List.of(k1, k2), amount, "USD", estimated);
  }

  @Test
  void sumsEachAccountAndServiceOverThePeriodsAndOrsEstimated() {
    List<CostLine> lines =
        CostAnswers.byAccountAndService(
            List.of(
                g(EC2, "222222222222", "10.5", false),
                g(S3, "111111111111", "0.0101516483", false),
                g(EC2, "222222222222", "1.25", true),
                g(EC2, "111111111111", "3", false)));

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(new CostLine("111111111111", EC2, 3, "USD", false));
    assertThat(lines.get(1).service()).isEqualTo(S3);
    assertThat(lines.get(1).amount()).isCloseTo(0.0101516483, within(1e-12));
    assertThat(lines.get(2)).isEqualTo(new CostLine("222222222222", EC2, 11.75, "USD", true));
    assertThat(CostTotals.byAccount(lines))
        .containsExactly(entry("111111111111", 3.0101516483), entry("222222222222", 11.75));
    assertThat(CostTotals.byService(lines).get(EC2)).isEqualTo(14.75);
    assertThat(CostTotals.total(lines)).isCloseTo(14.7601516483, within(1e-9));
    assertThat(CostTotals.anyEstimated(lines)).isTrue();
  }

  @Test
  void scientificAmountsAndNegativeCreditsParse() {
    List<CostLine> lines =
        CostAnswers.byAccountAndService(
            List.of(
                g(EC2, "111111111111", "1.2E-7", false), g("Tax", "111111111111", "-4.5", false)));
    assertThat(lines).extracting(CostLine::amount).containsExactly(1.2E-7, -4.5);
  }

  @Test
  void aGroupWithTheWrongNumberOfKeysOrABadAmountIsRejected() {
    assertThatThrownBy(
            () ->
                CostAnswers.byAccountAndService(
                    List.of(new CostAnswers.Group(List.of(EC2), "1", "USD", false))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CostAnswers.byAccountAndService(List.of(g(EC2, "1", "n/a", false))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n/a");
  }

  @Test
  void tagKeysComeBackAsKeyDollarValue() {
    assertThat(CostAnswers.tagValue("team", "team$payments")).isEqualTo("payments");
    assertThat(CostAnswers.tagValue("team", "team$")).isEmpty();
    assertThat(CostAnswers.tagValue("team", "team$a$b")).isEqualTo("a$b");
    assertThat(CostAnswers.tagValue("team", "payments")).isEqualTo("payments");
  }

  @Test
  void costByTagSumsPerValueAndService() {
    List<TagCostLine> lines =
        CostAnswers.byTagAndService(
            "team",
            List.of(
                g("team$payments", EC2, "2", false),
                g("team$", EC2, "7", true),
                g("team$payments", EC2, "3", true)));
    assertThat(lines)
        .containsExactly(
            new TagCostLine("team", "", EC2, 7, true),
            new TagCostLine("team", "payments", EC2, 5, true));
  }

  @Test
  void rightsizingIsSummedPerAccountAndType() {
    List<RightsizingSaving> savings =
        CostAnswers.rightsizing(
            List.of(
                new CostAnswers.Recommendation("222222222222", "Modify", "12.5"),
                new CostAnswers.Recommendation("111111111111", "Terminate", "40"),
                new CostAnswers.Recommendation("222222222222", "Modify", "7.5"),
                new CostAnswers.Recommendation("222222222222", "Modify", null)));
    assertThat(savings)
        .containsExactly(
            new RightsizingSaving("111111111111", "TERMINATE", 40, 1),
            new RightsizingSaving("222222222222", "MODIFY", 20, 3));
  }

  @Test
  void sumOrNull() {
    assertThat(CostAnswers.sumOrNull(List.of("1.5", "2"))).isEqualTo(3.5);
    assertThat(CostAnswers.sumOrNull(List.of())).isNull();
    assertThat(CostAnswers.sumOrNull(Arrays.asList("1", null))).isNull();
  }
}
