package dev.quotacli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.Estate;
import dev.quotacli.testing.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real consumers read what {@code limits} writes: node_exporter's textfile collector and
 * promtool.
 */
class NodeExporterTextfileIT {
  private static Estate estate;

  @TempDir Path tmp;

  @BeforeAll
  static void startEstate() {
    estate = Estate.start();
  }

  @AfterAll
  static void stopEstate() {
    if (estate != null) {
      estate.close();
    }
  }

  /** limits, usage and discover-regions into one textfile directory, as the timers do. */
  private Path writeLimits() throws Exception {
    Path textfiles = Files.createDirectories(tmp.resolve("textfiles"));
    for (String sub : List.of("limits", "usage", "discover-regions")) {
      List<String> args = new ArrayList<>(List.of(sub));
      args.addAll(estate.args(tmp.resolve("cache")));
      args.addAll(
          List.of(
              "--textfile-dir",
              textfiles.toString(),
              "--endpoint-url",
              estate.moto.endpoint().toString()));
      CliRun run = Cli.run(estate.env(), args.toArray(String[]::new));
      assertThat(run.exitCode()).as(sub + ": " + run).isIn(0, 3);
    }
    return textfiles;
  }

  @Test
  void nodeExporterServesTheFileWithoutAScrapeError() throws Exception {
    Path binary =
        Processes.require(
            "QUOTA_CLI_TEST_NODE_EXPORTER",
            "/usr/bin/prometheus-node-exporter",
            "prometheus-node-exporter");
    Path textfiles = writeLimits();
    int port = Processes.freePort();
    Process exporter =
        new ProcessBuilder(
                binary.toString(),
                "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults",
                "--collector.textfile",
                "--collector.textfile.directory=" + textfiles)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("node_exporter.log").toFile())
            .start();
    try {
      String metrics = scrape(port);

      assertThat(metrics).contains("node_textfile_scrape_error 0");
      assertThat(metrics)
          .contains(
              "node_textfile_mtime_seconds{file=\""
                  + textfiles.resolve("aws_quota_limits.prom")
                  + "\"}");
      assertThat(metrics)
          .containsPattern(
              "cloud_service_quota_limit\\{account_id=\"111111111111\",account_name=\"prod\",cloud=\"aws\",quota_code=\"L-1216C47A\","
                  + "quota_name=\"[^\"]+\",region=\"eu-west-1\",service=\"ec2\"} 1152\n");
      assertThat(metrics).contains("quota_cli_target_success{account_id=\"333333333333\"");
      assertThat(metrics.lines().filter(l -> l.startsWith("cloud_service_quota_limit{")))
          .hasSize(18);
      for (String file :
          List.of(
              "aws_quota_limits.prom", "aws_quota_usage.prom", "aws_quota_discover-regions.prom")) {
        assertThat(metrics)
            .contains("node_textfile_mtime_seconds{file=\"" + textfiles.resolve(file) + "\"}");
      }
      // The self-metrics of the three files merge into one family (identical HELP, a subcommand
      // label).
      assertThat(metrics.lines().filter(l -> l.startsWith("quota_cli_last_run_timestamp_seconds{")))
          .hasSize(3);
      assertThat(metrics)
          .containsPattern("cloud_service_quota_usage\\{account_id=\"111111111111\"")
          .containsPattern("cloud_quota_usage_percent\\{account_id=\"111111111111\"");
    } finally {
      exporter.destroy();
      exporter.waitFor();
    }
  }

  @Test
  void promtoolFindsNoProblemInAnyFileTheToolWrites() throws Exception {
    Path promtool = Processes.require("QUOTA_CLI_TEST_PROMTOOL", "/usr/bin/promtool", "prometheus");
    Path textfiles = writeLimits();

    for (String file :
        List.of(
            "aws_quota_limits.prom", "aws_quota_usage.prom", "aws_quota_discover-regions.prom")) {
      var result =
          Processes.run(
              List.of(promtool.toString(), "check", "metrics"),
              Files.readString(textfiles.resolve(file)));

      assertThat(result.exitCode()).as(file + ": " + result.output()).isZero();
      assertThat(result.output()).as(file).isEmpty();
    }
  }

  @Test
  void promtoolAcceptsTheGoldenFile() throws Exception {
    Path promtool = Processes.require("QUOTA_CLI_TEST_PROMTOOL", "/usr/bin/promtool", "prometheus");

    var result =
        Processes.run(
            List.of(promtool.toString(), "check", "metrics"),
            Files.readString(Path.of("src/test/resources/golden/limits.prom")));

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  /** Scrapes until node_exporter answers (bounded: 50 tries, 100 ms apart). */
  private static String scrape(int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Exception last = null;
    for (int i = 0; i < 50; i++) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return response.body();
        }
      } catch (java.io.IOException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("node_exporter did not answer on port " + port, last);
  }
}
