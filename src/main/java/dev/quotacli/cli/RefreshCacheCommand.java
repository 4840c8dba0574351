package dev.quotacli.cli;

import dev.quotacli.config.QuotasConfig;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Output;
import dev.quotacli.pass.Pass;
import dev.quotacli.pass.RefreshCacheJob;
import dev.quotacli.pass.Settings;
import dev.quotacli.quota.Shard;
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
final class RefreshCacheCommand extends BaseCommand {
  @Mixin AccountOptions accountOptions;
  @Mixin QuotasOption quotasOption;
  @Mixin AccountFilterOption accountFilter;
  @Mixin RegionFilterOption regionFilter;
  @Mixin ServiceFilterOption serviceFilter;
  @Mixin CacheOptions cacheOptions;
  @Mixin PacingOptions pacingOptions;
  @Mixin ShardOptions shardOptions;
  @Mixin EndpointOptions endpointOptions;

  @Override
  ExitCode execute() throws IOException {
    QuotasConfig config = quotasOption.load();
    Shard shard = shardOptions.shard(env.variables());
    var settings =
        settings(
            cacheOptions.cacheDir,
            shard,
            accountOptions.settings(env.variables()),
            Settings.filters(
                accountFilter.accounts, regionFilter.regions, serviceFilter.services, config),
            pacingOptions.pacing(),
            null,
            endpointOptions,
            new Output(null, Output.Format.TABLE));
    var job =
        new RefreshCacheJob(
            new RefreshCacheJob.Settings(
                config,
                DurationConverter.parse(LimitTtlOption.DEFAULT),
                DurationConverter.parse(UsageCommand.DEFAULT_USAGE_TTL)));
    return pass(settings).run(job, Pass.Shows.REPORT);
  }
}
