package dev.quotacli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.TextfileInvariants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The golden textfiles in {@code src/test/resources/golden/}, each with the rendering of a fixed
 * fixture it must equal byte for byte. The fixtures live in the tests that compare (e.g. {@link
 * LimitsTextfileTest#aRun()}); the tests only read the files, whatever the environment.
 *
 * <p>{@link #main} is the one way to rewrite them, run by hand from the project root after an
 * intended change of output, then the diff is reviewed and committed: {@value #COMMAND}
 */
public final class Goldens {
  static final String COMMAND =
      "mvn -B -q test-compile exec:java -Dexec.classpathScope=test"
          + " -Dexec.mainClass=dev.quotacli.output.Goldens";

  /** Relative to the project root: surefire's and exec:java's working directory. */
  static final Path DIR = Path.of("src", "test", "resources", "golden");

  /** The build version every golden is rendered with. */
  static final String VERSION = "1.2.3";

  /**
   * One golden file.
   *
   * @param file its name in {@link #DIR}
   * @param render renders its fixture
   */
  record Golden(String file, Supplier<String> render) {
    Path path() {
      return DIR.resolve(file);
    }

    String read() throws IOException {
      return Files.readString(path(), StandardCharsets.UTF_8);
    }

    /** The rendering equals the file byte for byte. */
    void assertMatchesFile() throws IOException {
      assertThat(render.get())
          .as(
              "%s differs from the rendering; if the change is intended, regenerate with %s"
                  + " and review the diff",
              path(), COMMAND)
          .isEqualTo(read());
    }

    /** The rendering holds {@link TextfileInvariants}. */
    void assertInvariants() {
      TextfileInvariants.check(render);
    }
  }

  static final Golden LIMITS =
      new Golden(
          "limits.prom",
          () ->
              LimitsTextfile.render(
                  LimitsTextfileTest.aRun(),
                  LimitsTextfileTest.results(),
                  LimitsTextfileTest.exportPolicy(),
                  VERSION));

  static final Golden USAGE =
      new Golden(
          "usage.prom",
          () ->
              UsageTextfile.render(
                  UsageTextfileTest.aRun(),
                  UsageTextfileTest.results(),
                  UsageTextfileTest.exportPolicy(),
                  VERSION));

  static final Golden COST =
      new Golden(
          "cost.prom",
          () -> CostTextfile.render(CostTextfileTest.aRun(), CostTextfileTest.figures(), VERSION));

  static final Golden DISCOVER_REGIONS =
      new Golden(
          "discover-regions.prom",
          () -> {
            var discoveries = RegionReportTextfileTest.discoveries();
            return RegionReport.textfile(
                RegionReportTextfileTest.aRun(discoveries), discoveries, VERSION);
          });

  /** Every golden file; {@link GoldensTest} keeps it equal to the directory's content. */
  static final List<Golden> ALL = List.of(LIMITS, USAGE, COST, DISCOVER_REGIONS);

  private Goldens() {}

  /** Renders every golden and writes the files that differ; prints what it did. */
  public static void main(String[] args) throws IOException {
    if (!Files.isDirectory(DIR)) {
      throw new IllegalStateException(
          DIR.toAbsolutePath() + " is not a directory: run from the project root");
    }
    for (Golden g : ALL) {
      String text = g.render().get();
      boolean same = Files.exists(g.path()) && g.read().equals(text);
      if (!same) {
        Files.writeString(g.path(), text, StandardCharsets.UTF_8);
      }
      System.out.println((same ? "unchanged " : "wrote     ") + g.path());
    }
  }
}
