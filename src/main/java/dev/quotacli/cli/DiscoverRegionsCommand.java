package dev.quotacli.cli;

import dev.quotacli.account.Account;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.cache.RunLock;
import dev.quotacli.collect.RegionDiscoverer;
import dev.quotacli.output.RegionReport;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quota-cli discover-regions}: each account's regions that hold EC2 instances, cached. */
@Command(name = "discover-regions", mixinStandardHelpOptions = true,
    description = "Find each account's active regions (enabled, holding EC2 instances in any non-terminated state) and cache them.")
final class DiscoverRegionsCommand extends BaseCommand {
  @Mixin AccountOptions accountOptions;
  @Mixin PassOptions passOptions;
  @Mixin OutputOptions outputOptions;

  @Override
  ExitCode execute() throws java.io.IOException {
    if (outputOptions.output != null || outputOptions.textfileDir != null) {
      throw new dev.quotacli.config.ConfigException("discover-regions prints a table or JSON; --output and --textfile-dir do not apply");
    }
    try (RunLock lock = RunLock.acquire(passOptions.cacheDir,
            "discover-regions" + PassContext.shard(passOptions, env.variables()).fileSuffix());
        PassContext ctx = new PassContext(passOptions, env.variables(), env.clock(), env.retry())) {
      List<Account> accounts = ctx.accounts(accountOptions, env.variables(), err()).accounts().stream()
          .filter(a -> ctx.filters.accounts().isEmpty() || ctx.filters.accounts().contains(a.id().value()))
          .toList();
      RegionDiscoverer discoverer = ctx.discoverer(new RegionCache(passOptions.cacheDir, PassContext.REGION_TTL, env.clock()));
      List<RegionDiscoverer.Discovery> found = discoverer.discover(accounts);
      for (RegionDiscoverer.Discovery d : found) {
        if (!d.ok()) {
          err().println("quota-cli: error: " + d.account().id() + ": region discovery failed: " + d.failure());
        }
        d.skipped().forEach(s -> err().println("quota-cli: warning: " + d.account().id() + ": skipped region " + s));
      }
      out().print(outputOptions.format == OutputOptions.Format.JSON ? RegionReport.json(found) : RegionReport.table(found));
      out().flush();
      return found.stream().allMatch(RegionDiscoverer.Discovery::ok) ? ExitCode.OK : ExitCode.PARTIAL;
    }
  }
}
