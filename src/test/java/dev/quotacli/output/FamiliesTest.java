package dev.quotacli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.testing.PromText;
import dev.quotacli.testing.TextfileInvariants;
import org.junit.jupiter.api.Test;

class FamiliesTest {
  private static final String SUCCESS = "quota_cli_target_success";

  private static Families mixed() {
    Families f = new Families();
    f.gauge(SUCCESS, "1 if the target was collected.", "account_id", "region", "service");
    f.addWithout(SUCCESS, 1, "222222222222", "eu-west-1", null);
    f.addWithout(SUCCESS, 0, "111111111111", null, null);
    f.addWithout(SUCCESS, 1, "111111111111", "eu-west-1", null);
    f.addWithout(SUCCESS, 1, "111111111111", "eu-west-1", "ec2");
    return f;
  }

  @Test
  void aNullLabelValueIsLeftOutOfItsSampleAndSamplesAreSorted() {
    assertThat(mixed().render())
        .isEqualTo(
            """
            # HELP quota_cli_target_success 1 if the target was collected.
            # TYPE quota_cli_target_success gauge
            quota_cli_target_success{account_id="111111111111",} 0.0
            quota_cli_target_success{account_id="111111111111",region="eu-west-1",} 1.0
            quota_cli_target_success{account_id="111111111111",region="eu-west-1",service="ec2",} 1.0
            quota_cli_target_success{account_id="222222222222",region="eu-west-1",} 1.0
            """);
  }

  @Test
  void aFamilyMixingLabelSetsIsAValidTextfile() {
    TextfileInvariants.check(() -> mixed().render());
    var samples = PromText.parse(mixed().render());

    assertThat(samples).hasSize(4);
    assertThat(samples.get(0).labels()).containsOnlyKeys("account_id");
    assertThat(samples.get(1).labels()).containsOnlyKeys("account_id", "region");
    assertThat(samples.get(2).labels()).containsOnlyKeys("account_id", "region", "service");
    assertThat(samples)
        .as("no label has an empty value")
        .allSatisfy(s -> assertThat(s.labels().values()).doesNotContain(""));
  }

  @Test
  void aLeftOutLabelIsNotTheSameSampleAsAnEmptyOne() {
    // add() keeps every label: a null value there is an empty one.
    Families f = new Families();
    f.gauge("m", "help", "a", "b");
    f.add("m", 1, "x", null);
    f.addWithout("m", 2, "y", null);

    assertThat(f.render()).contains("m{a=\"x\",b=\"\",} 1.0\n").contains("m{a=\"y\",} 2.0\n");
  }

  @Test
  void aRepeatedLabelSetFailsLoudlyInsteadOfDroppingASample() {
    Families f = new Families();
    f.gauge("m", "help", "a", "b");
    f.addWithout("m", 1, "x", null);
    f.add("m", 3, "x", "y");

    assertThatThrownBy(() -> f.addWithout("m", 2, "x", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("repeated sample m{a=\"x\"} (1.0, then 2.0)");
    assertThatThrownBy(() -> f.add("m", 4, "x", "y"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("repeated sample m{a=\"x\",b=\"y\"} (3.0, then 4.0)");
    assertThat(PromText.parse(f.render()))
        .extracting(PromText.Sample::value)
        .containsExactly(1.0, 3.0);
  }

  @Test
  void sumAddsTheValuesOfARepeatedLabelSet() {
    Families f = new Families();
    f.gauge("m", "help", "a");
    f.sum("m", 1.5, "x");
    f.sum("m", 2.25, "x");
    f.sum("m", 4, "y");

    assertThat(PromText.parse(f.render()))
        .extracting(s -> s.label("a") + "=" + s.value())
        .containsExactly("x=3.75", "y=4.0");
  }

  @Test
  void labelValuesAreEscapedAndSurviveAParse() {
    Families f = new Families();
    f.gauge("m", "help", "account_name", "region");
    f.addWithout("m", 1, "team \"blue\"\\ops\nnight", null);

    String text = f.render();

    assertThat(text).contains("m{account_name=\"team \\\"blue\\\"\\\\ops\\nnight\",} 1.0");
    assertThat(PromText.parse(text))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.labels())
                    .containsExactly(
                        java.util.Map.entry("account_name", "team \"blue\"\\ops\nnight")));
  }

  @Test
  void familiesAreSortedByNameAndAFamilyWithoutSamplesIsLeftOut() {
    Families f = new Families();
    f.gauge("zeta", "z", "a");
    f.gauge("alpha", "a", "a");
    f.gauge("empty", "never filled", "a");
    f.gauge("alpha", "a second HELP is ignored", "a");
    f.addWithout("zeta", 1, "x");
    f.addWithout("alpha", 2, (String) null);

    assertThat(f.render())
        .isEqualTo(
            """
            # HELP alpha a
            # TYPE alpha gauge
            alpha 2.0
            # HELP zeta z
            # TYPE zeta gauge
            zeta{a="x",} 1.0
            """);
  }

  @Test
  void aSampleMustGiveOneValuePerLabelOfADeclaredFamily() {
    Families f = new Families();
    f.gauge("m", "help", "a", "b");

    assertThatThrownBy(() -> f.addWithout("m", 1, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad sample for m");
    assertThatThrownBy(() -> f.addWithout("undeclared", 1, "x", "y"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
