package dev.quotacli.cli;

import dev.quotacli.config.QuotasConfig;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Output;
import dev.quotacli.pass.Pass;
import dev.quotacli.pass.RefreshCacheJob;
import dev.quotacli.pass.Settings;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code quota-cli refresh-cache}: refetches and rewrites the region, limit and usage caches of the
 * selected accounts and regions, prunes accounts no longer in the source, and says what changed.
 */
@Command(
    name = "refresh-cache",
    mixinStandardHelpOptions = true,
    description =
        "Refetch and rewrite the region, limit and usage caches, fresh or not; prune accounts no"
            + " longer in the source; report what changed.")
class RefreshCacheCommand extends BaseCommand {
  @Mixin CommonOptions common;
  @Mixin QuotasOption quotasOption;
  @Mixin AccountFilterOption accountFilter;
  @Mixin RegionFilterOption regionFilter;
  @Mixin ServiceFilterOption serviceFilter;

  @Override
  ExitCode execute() throws IOException {
    QuotasConfig config = quotasOption.load();
    var settings =
        common.settings(
            env,
            Settings.filters(
                accountFilter.accounts, regionFilter.regions, serviceFilter.services, config),
            null,
            shard -> new Output(null, Output.Format.TABLE));
    var job =
        new RefreshCacheJob(
            new RefreshCacheJob.Settings(
                config,
                DurationConverter.parse(LimitTtlOption.DEFAULT),
                DurationConverter.parse(UsageCommand.DEFAULT_USAGE_TTL)));
    return run(settings, job, Pass.Shows.REPORT);
  }
}
