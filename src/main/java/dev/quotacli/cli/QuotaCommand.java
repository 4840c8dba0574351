package dev.quotacli.cli;

import dev.quotacli.config.QuotasConfig;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Pass;
import dev.quotacli.pass.QuotaJob;
import dev.quotacli.pass.Settings;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Mixin;

/** What {@code limits} and {@code usage} share: quotas, filters, caches, pacing, budget, output. */
abstract class QuotaCommand extends BaseCommand {
  @Mixin CommonOptions common;
  @Mixin QuotasOption quotasOption;
  @Mixin AccountFilterOption accountFilter;
  @Mixin RegionFilterOption regionFilter;
  @Mixin ServiceFilterOption serviceFilter;
  @Mixin LimitTtlOption limitTtl;
  @Mixin BudgetOptions budgetOptions;
  @Mixin OutputOptions outputOptions;

  abstract QuotaJob.Kind kind();

  abstract boolean force();

  /** The usage cache TTL (usage only). */
  Duration usageTtl() {
    return null;
  }

  @Override
  final ExitCode execute() throws IOException {
    QuotasConfig config = quotasOption.load();
    String stem = "aws_quota_" + (kind() == QuotaJob.Kind.LIMITS ? "limits" : "usage");
    var settings =
        common.settings(
            env,
            Settings.filters(
                accountFilter.accounts, regionFilter.regions, serviceFilter.services, config),
            budgetOptions.settings(),
            shard -> outputOptions.output(stem, shard));
    var job =
        new QuotaJob(
            new QuotaJob.Settings(
                kind(),
                config,
                Settings.ttl("--cache-ttl", limitTtl.cacheTtl),
                usageTtl() == null ? null : Settings.ttl("--usage-ttl", usageTtl()),
                force()));
    return run(settings, job, Pass.Shows.TEXTFILE_OR_VIEW);
  }
}
