package dev.quotacli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.SampleCaches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path tmp;

  private CliRun run(String... args) {
    return Cli.run(Map.of(), args);
  }

  @Test
  void writesTheHtmlFileFromTheCacheAlone() throws IOException {
    Path cache = tmp.resolve("cache");
    SampleCaches.write(cache, Instant.now());
    Path out = tmp.resolve("report.html");

    CliRun run = run("report", "--cache-dir", cache.toString(), "--output", out.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(out))
        .startsWith("<!DOCTYPE html>")
        .contains("data-key=\"111111111111/us-east-1/ec2/L-1216C47A\"")
        .contains("93.8 %");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("cache", "report.html");
    }
  }

  @Test
  void writesToStdoutWithADash() throws IOException {
    Path cache = tmp.resolve("cache");
    SampleCaches.write(cache, Instant.now());

    CliRun run = run("report", "--cache-dir", cache.toString(), "--output", "-", "--top", "2");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("(top 2)");
    assertThat(run.out().split("<tr data-key=", -1).length - 1).isEqualTo(2 + 9);
  }

  @Test
  void aCacheDirectoryThatDoesNotExistExits2NamingItAndKeepsThePreviousReport() throws IOException {
    Path out = tmp.resolve("report.html");
    Files.writeString(out, "previous");

    CliRun run =
        run("report", "--cache-dir", tmp.resolve("nope").toString(), "--output", out.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("quota-cli: error: --cache-dir: no such directory: " + tmp.resolve("nope"));
    assertThat(Files.readString(out)).isEqualTo("previous");
    assertThat(tmp.resolve("nope")).doesNotExist();
  }

  @Test
  void anOutputDirectoryThatDoesNotExistExits2NamingTheFlag() throws IOException {
    Files.createDirectories(tmp.resolve("cache"));

    CliRun run =
        run(
            "report",
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--output",
            tmp.resolve("no/report.html").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("quota-cli: error: --output: no such directory: ");
  }

  @Test
  void topBelowOneExits2() throws IOException {
    Files.createDirectories(tmp.resolve("cache"));

    CliRun run = run("report", "--cache-dir", tmp.resolve("cache").toString(), "--top", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("quota-cli: error: --top must be at least 1, got 0");
  }

  @Test
  void anEmptyCacheDirectoryGivesAReportThatSaysWhatIsMissing() throws IOException {
    Files.createDirectories(tmp.resolve("cache"));

    CliRun run = run("report", "--cache-dir", tmp.resolve("cache").toString(), "--output", "-");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("limits has no recorded run in this cache directory")
        .contains("No Cost Explorer answer is cached")
        .contains("No quota has both a usage and a limit");
  }

  @Test
  void withAShardCountTheShardsRunStatesAreShown() throws IOException {
    Path cache = tmp.resolve("cache");
    Instant now = Instant.now();
    new dev.quotacli.cache.RunStateStore(cache, java.time.Clock.systemUTC())
        .write(
            "limits.shard-1-of-2",
            new dev.quotacli.cache.RunStateStore.RunState(now, 3.0, 5, 0, 0, now));

    CliRun sharded =
        run("report", "--cache-dir", cache.toString(), "--output", "-", "--shard-count", "2");
    CliRun unsharded = run("report", "--cache-dir", cache.toString(), "--output", "-");

    assertThat(sharded.exitCode()).as(sharded.toString()).isZero();
    assertThat(sharded.out())
        .contains("<tr data-run=\"limits.shard-1-of-2\">")
        .doesNotContain("limits has no recorded run");
    assertThat(unsharded.out())
        .doesNotContain("limits.shard-1-of-2")
        .contains("limits has no recorded run");
  }
}
