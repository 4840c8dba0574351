package dev.quotacli.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TextfileInvariantsTest {
  private static final String GOOD =
      """
      # HELP a_total A.
      # TYPE a_total gauge
      a_total{x="1",} 1.0
      a_total{x="2",} 2.0
      # HELP b B.
      # TYPE b gauge
      b 3.0
      """;

  @Test
  void acceptsAWellFormedFile() {
    assertThatCode(() -> TextfileInvariants.check(() -> GOOD)).doesNotThrowAnyException();
  }

  @Test
  void rejectsEachBrokenInvariant() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> TextfileInvariants.check(() -> GOOD + "# " + calls.incrementAndGet()))
        .hasMessageContaining("a second rendering");
    assertThatThrownBy(() -> TextfileInvariants.check(() -> GOOD.stripTrailing()))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () ->
                TextfileInvariants.check(() -> GOOD + "# HELP a_total A.\n# TYPE a_total gauge\n"))
        .hasMessageContaining("one HELP for a_total");
    assertThatThrownBy(
            () -> TextfileInvariants.check(() -> GOOD.replace("b 3.0", "b 3.0 1795341600000")))
        .hasMessageContaining("no timestamp");
    assertThatThrownBy(
            () -> TextfileInvariants.check(() -> GOOD.replace("b 3.0", "a_total{x=\"3\",} 3.0")))
        .hasMessageContaining("a sample under the HELP of b");
    assertThatThrownBy(
            () -> TextfileInvariants.check(() -> GOOD.replace("# TYPE b gauge", "# TYPE a gauge")))
        .hasMessageContaining("TYPE after the HELP of b");
  }
}
