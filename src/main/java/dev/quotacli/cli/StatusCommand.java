package dev.quotacli.cli;

import dev.quotacli.output.StatusReport;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Output;
import dev.quotacli.quota.Shard;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quota-cli status}: the management view from the cache directory alone (no AWS call, no
 * CMDB): degraded targets and their penalty, cache ages per account, the last run of each
 * subcommand, and the shard of each account.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show degraded targets, cache ages per account, the last run of each subcommand, and shard assignment (no AWS call).")
final class StatusCommand extends BaseCommand {

  @Mixin CacheOptions cacheOptions;

  @Mixin ShownBudgetOptions budget;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Show which accounts shard I of N owns.")
  String shard;

  @Option(
      names = "--shard-count",
      paramLabel = "N",
      description = "Show each account's shard among N.")
  Integer shardCount;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Output.Format format;

  @Override
  ExitCode execute() throws IOException {
    Shard selected = shard == null ? null : parseShard();
    int count = selected != null ? selected.count() : shardCount == null ? 1 : shardCount;
    if (count < 1) {
      throw new dev.quotacli.config.ConfigException("--shard-count must be at least 1");
    }
    StatusReport report =
        StatusSnapshot.read(
            cacheOptions.cacheDir, env.clock(), budget.timeBudget(), selected, count);
    out().print(format == Output.Format.JSON ? report.json() : report.table());
    out().flush();
    return ExitCode.OK;
  }

  private Shard parseShard() {
    try {
      return Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new dev.quotacli.config.ConfigException("--shard: " + e.getMessage());
    }
  }
}
