package dev.quotacli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void numbersAreWholeWithGroupingOrRoundedToTwoDecimalsWithoutTrailingZeros() {
    assertThat(Format.number(100000)).isEqualTo("100,000");
    assertThat(Format.number(41.5)).isEqualTo("41.5");
    assertThat(Format.number(200 / 1024.0)).isEqualTo("0.2");
    assertThat(Format.number(1.999)).isEqualTo("2");
    assertThat(Format.number(0.125)).isEqualTo("0.13");
    assertThat(Format.number(Double.NaN)).isEqualTo("unknown");
  }

  @Test
  void moneyPercentAndAges() {
    assertThat(Format.money(1234.5, "USD")).isEqualTo("1,234.50 USD");
    assertThat(Format.percent(93.75)).isEqualTo("93.8 %");
    Instant now = Instant.parse("2026-06-15T12:00:00Z");
    assertThat(Format.ago(now.minus(Duration.ofHours(3)), now)).isEqualTo("3h ago");
    assertThat(Format.ago(null, now)).isEqualTo("never");
    assertThat(Format.span(now.minusSeconds(60), now.minusSeconds(60), now)).isEqualTo("60s ago");
    assertThat(Format.span(null, null, now)).isEqualTo("none cached");
  }
}
