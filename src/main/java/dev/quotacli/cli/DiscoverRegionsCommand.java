package dev.quotacli.cli;

import dev.quotacli.pass.DiscoverRegionsJob;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Pass;
import dev.quotacli.pass.Settings;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quota-cli discover-regions}: each account's regions that hold EC2 instances, cached. */
@Command(
    name = "discover-regions",
    mixinStandardHelpOptions = true,
    description =
        "Find each account's active regions (enabled, holding EC2 instances in any non-terminated"
            + " state) and cache them; always asks AWS (the cache is what limits and usage read).")
final class DiscoverRegionsCommand extends BaseCommand {
  @Mixin CommonOptions common;

  // Validated like everywhere (the timers pass it to every subcommand); discovery probes EC2.
  @Mixin QuotasOption quotasOption;
  @Mixin AccountFilterOption accountFilter;
  @Mixin OutputOptions outputOptions;

  @Override
  ExitCode execute() throws IOException {
    quotasOption.load();
    var settings =
        common.settings(
            env,
            Settings.filters(accountFilter.accounts, List.of(), List.of(), null),
            null,
            shard -> outputOptions.output("aws_quota_" + DiscoverRegionsJob.NAME, shard));
    return pass(settings).run(new DiscoverRegionsJob(), Pass.Shows.TEXTFILE_OR_VIEW);
  }
}
