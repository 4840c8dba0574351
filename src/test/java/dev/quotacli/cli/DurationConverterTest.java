package dev.quotacli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  @Test
  void readsUnitsAndCombinations() {
    assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationConverter.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationConverter.parse("PT2H")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void rejectsGarbage() {
    for (String bad : new String[] {"", "h", "10", "10x", "1h 30m", "-5m", "PTx"}) {
      assertThatThrownBy(() -> DurationConverter.parse(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class);
    }
  }
}
