package dev.quotacli.cli;

import dev.quotacli.config.QuotasConfig;
import dev.quotacli.pass.DiscoverRegionsJob;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Pass;
import dev.quotacli.pass.PassContext;
import dev.quotacli.pass.Settings;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code quota-cli discover-regions}: each account's regions that hold a resource of a configured
 * counted service, cached.
 */
@Command(
    name = "discover-regions",
    mixinStandardHelpOptions = true,
    description =
        "Find each account's active regions (enabled, holding a resource of a service in"
            + " --quotas: EC2 instances in any non-terminated state, EBS volumes, load balancers, EKS"
            + " or ElastiCache clusters, SageMaker notebooks, endpoints or running training jobs)"
            + " and cache them; always asks AWS (the cache is what limits and usage read).")
class DiscoverRegionsCommand extends BaseCommand {
  @Mixin CommonOptions common;

  // The services whose resources make a region active (the timers pass it to every subcommand).
  @Mixin QuotasOption quotasOption;
  @Mixin AccountFilterOption accountFilter;
  @Mixin OutputOptions outputOptions;

  @Override
  ExitCode execute() throws IOException {
    QuotasConfig config = quotasOption.load();
    var settings =
        common.settings(
            env,
            Settings.filters(accountFilter.accounts, List.of(), List.of(), null),
            null,
            shard -> outputOptions.output("aws_quota_" + DiscoverRegionsJob.NAME, shard));
    return run(
        settings, new DiscoverRegionsJob(PassContext.probes(config)), Pass.Shows.TEXTFILE_OR_VIEW);
  }
}
