package dev.quotacli.cli;

import dev.quotacli.config.ConfigException;
import dev.quotacli.output.StatusReport;
import dev.quotacli.output.Textfiles;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Pass;
import dev.quotacli.quota.TimeBudget;
import dev.quotacli.report.CacheReader;
import dev.quotacli.report.CachedRequests;
import dev.quotacli.report.HtmlReport;
import dev.quotacli.report.ReportBuilder;
import dev.quotacli.report.ReportInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quota-cli report}: one self-contained HTML file (fleet summary, the quotas closest to
 * their limit, a table per account, cost) from the cache directory and the run states alone: no AWS
 * call, no CMDB. Like {@code status}, not a pass: no lock, no run state of its own.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write one self-contained HTML report (fleet summary, quotas closest to their limit, a table per account, cost) from the cache alone (no AWS call).")
final class ReportCommand extends BaseCommand {
  @Mixin CacheOptions cacheOptions;
  @Mixin LimitTtlOption limitTtl;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      defaultValue = "quota-report.html",
      description =
          "Write the HTML to FILE atomically, or to stdout with '-' (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "How many quotas the fleet-wide closest-to-limit list shows (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--usage-ttl",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Usage older than this is named stale (default: ${DEFAULT-VALUE}).")
  Duration usageTtl;

  @Option(
      names = "--cost-ttl",
      paramLabel = "DURATION",
      defaultValue = "6h",
      converter = DurationConverter.class,
      description =
          "Cost Explorer answers older than this are named stale (default: ${DEFAULT-VALUE}).")
  Duration costTtl;

  @Mixin ShownBudgetOptions budget;

  @Option(
      names = "--shard-count",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "The passes run as N shards: read each shard's run state too (default: ${DEFAULT-VALUE}).")
  int shardCount;

  @Override
  ExitCode execute() throws IOException {
    if (shardCount < 1) {
      throw new ConfigException("--shard-count must be at least 1");
    }
    if (top < 1) {
      throw new ConfigException("--top must be at least 1, got " + top);
    }
    TimeBudget timeBudget = budget.timeBudget();
    Path cacheDir = cacheOptions.cacheDir;
    if (!Files.isDirectory(cacheDir)) {
      throw new ConfigException("--cache-dir: no such directory: " + cacheDir);
    }
    checkOutput();
    var settings =
        new ReportBuilder.Settings(
            env.clock().instant(), top, limitTtl.cacheTtl, usageTtl, costTtl, cacheDir.toString());
    StatusReport status = StatusSnapshot.read(cacheDir, env.clock(), timeBudget, null, shardCount);
    ReportInputs inputs =
        CacheReader.read(cacheDir, env.clock(), limitTtl.cacheTtl, usageTtl, status, Pass.RECORDED);
    String html =
        HtmlReport.render(
            ReportBuilder.build(inputs, settings, new CachedRequests(cacheDir, env.clock())));
    Textfiles.write(output, html, out());
    return ExitCode.OK;
  }

  /** Before anything is read: the output's directory exists and the output is not one. */
  private void checkOutput() {
    if ("-".equals(output)) {
      return;
    }
    Path path = Path.of(output);
    Path dir = path.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("--output: no such directory: " + dir);
    }
    if (Files.isDirectory(path)) {
      throw new ConfigException("--output: is a directory: " + path);
    }
  }
}
