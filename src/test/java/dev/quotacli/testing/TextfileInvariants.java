package dev.quotacli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What every rendered textfile must satisfy, whatever its content: node_exporter rejects a file
 * with timestamps or a repeated HELP, and a rendering that changes between two calls cannot be
 * compared with a golden file.
 */
public final class TextfileInvariants {
  private TextfileInvariants() {}

  /**
   * Renders twice and checks: the same text both times, ending with a newline; one HELP per family,
   * each followed by its TYPE and then only its own samples; no timestamp after a sample's value.
   */
  public static void check(Supplier<String> render) {
    String text = render.get();

    assertThat(render.get()).as("a second rendering").isEqualTo(text);
    assertThat(text).isNotEmpty().endsWith("\n");
    Set<String> helped = new HashSet<>();
    String family = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        family = line.split(" ")[2];
        assertThat(helped.add(family)).as("one HELP for %s", family).isTrue();
      } else if (line.startsWith("# TYPE ")) {
        assertThat(line.split(" ")[2]).as("TYPE after the HELP of %s", family).isEqualTo(family);
      } else {
        assertThat(line)
            .as("a sample under the HELP of %s", family)
            .matches(Pattern.quote(String.valueOf(family)) + "[{ ].*");
        // A sample line is "name{labels} value" or "name value": no timestamp after the value.
        String value =
            line.contains("}")
                ? line.substring(line.lastIndexOf('}') + 1)
                : line.substring(line.indexOf(' ') + 1);
        assertThat(value.trim()).as("no timestamp: %s", line).doesNotContain(" ");
      }
    }
  }
}
