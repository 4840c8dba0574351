package dev.quotacli.quota;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LimitChangesTest {
  @Test
  void reportsRaisesNewAndVanishedQuotas() {
    var before =
        List.of(
            aLimit("L-1", 5, LimitSource.DEFAULT),
            aLimit("L-2", 10, LimitSource.APPLIED),
            aLimit("L-3", 1, LimitSource.DEFAULT));
    var after =
        List.of(
            aLimit("L-1", 1152, LimitSource.APPLIED),
            aLimit("L-2", 10, LimitSource.APPLIED),
            aLimit("L-4", 7, LimitSource.DEFAULT));

    assertThat(LimitChanges.between(before, after))
        .containsExactly(
            "L-1 limit 5 -> 1152 (up), now applied",
            "L-3 no longer reported (was 1)",
            "L-4 new: 7 (default)");
  }

  @Test
  void unchangedLimitsSayNothing() {
    var same = List.of(aLimit("L-1", 5, LimitSource.DEFAULT));
    assertThat(LimitChanges.between(same, same)).isEmpty();
  }

  @Test
  void regionChangesListAddedThenRemoved() {
    assertThat(
            LimitChanges.regions(
                List.of(new Region("us-west-2"), new Region("eu-west-1")),
                List.of(new Region("eu-west-1"), new Region("ap-south-1"))))
        .isEqualTo("+ap-south-1 -us-west-2");
  }
}
