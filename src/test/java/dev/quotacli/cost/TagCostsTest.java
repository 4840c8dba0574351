package dev.quotacli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagCostsTest {
  private static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
  private static final String S3 = "Amazon Simple Storage Service";

  private static TagCostLine line(String value, String service, double amount) {
    return new TagCostLine("team", value, service, amount, false);
  }

  @Test
  void keepsTheTopNValuesAndSumsTheRestPerServiceIntoOther() {
    List<TagCostLine> lines =
        List.of(
            line("a", EC2, 100),
            line("a", S3, 5),
            line("b", EC2, 50),
            line("c", EC2, 10),
            line("c", S3, 1),
            line("d", S3, 20));

    List<TagCostLine> top = TagCosts.topN(lines, 2);

    // totals: a 105, b 50, d 20, c 11 -> a and b kept; c and d go to other
    assertThat(top)
        .containsExactly(
            line("a", EC2, 100),
            line("a", S3, 5),
            line("b", EC2, 50),
            line("other", EC2, 10),
            line("other", S3, 21));
  }

  @Test
  void untaggedIsItsOwnValueAndTakesNoSlot() {
    List<TagCostLine> lines = List.of(line("", EC2, 1000), line("a", EC2, 3), line("b", EC2, 2));

    assertThat(TagCosts.topN(lines, 1))
        .containsExactly(line("a", EC2, 3), line("other", EC2, 2), line("untagged", EC2, 1000));
  }

  @Test
  void noOtherWhenEveryValueFits() {
    List<TagCostLine> lines = List.of(line("a", EC2, 1), line("b", EC2, 2));
    assertThat(TagCosts.topN(lines, 2)).containsExactly(line("a", EC2, 1), line("b", EC2, 2));
  }

  @Test
  void nZeroPutsEveryTaggedValueInOther() {
    List<TagCostLine> lines = List.of(line("a", EC2, 1), line("b", EC2, 2), line("", EC2, 4));
    assertThat(TagCosts.topN(lines, 0))
        .containsExactly(line("other", EC2, 3), line("untagged", EC2, 4));
  }

  @Test
  void tiesGoToTheSmallerValue() {
    List<TagCostLine> lines = List.of(line("b", EC2, 5), line("a", EC2, 5), line("c", EC2, 5));
    assertThat(TagCosts.topN(lines, 1)).containsExactly(line("a", EC2, 5), line("other", EC2, 10));
  }

  @Test
  void aRealValueNamedOtherSharesTheBucketWithoutDuplicateLines() {
    List<TagCostLine> lines = List.of(line("other", EC2, 50), line("x", EC2, 1), line("y", EC2, 2));
    assertThat(TagCosts.topN(lines, 1)).containsExactly(line("other", EC2, 53));
  }

  @Test
  void keysAreBoundedIndependentlyAndEstimatedIsOred() {
    List<TagCostLine> lines =
        List.of(
            new TagCostLine("env", "prod", EC2, 9, false),
            new TagCostLine("env", "dev", EC2, 1, true),
            new TagCostLine("team", "a", EC2, 1, false),
            new TagCostLine("team", "b", EC2, 2, false));

    assertThat(TagCosts.topN(lines, 1))
        .containsExactly(
            new TagCostLine("env", "other", EC2, 1, true),
            new TagCostLine("env", "prod", EC2, 9, false),
            new TagCostLine("team", "b", EC2, 2, false),
            new TagCostLine("team", "other", EC2, 1, false));
  }

  @Test
  void totalByValue() {
    List<TagCostLine> top =
        TagCosts.topN(List.of(line("a", EC2, 1), line("a", S3, 2), line("", S3, 4)), 5);
    assertThat(TagCosts.totalByValue(top, "team"))
        .containsExactly(
            org.assertj.core.api.Assertions.entry("a", 3.0),
            org.assertj.core.api.Assertions.entry("untagged", 4.0));
  }

  @Test
  void negativeNIsRejected() {
    assertThatThrownBy(() -> TagCosts.topN(List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
