package dev.quotacli.cli;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.cache.RunLock;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RegionDiscoverer;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.output.RegionReport;
import dev.quotacli.output.Textfiles;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quota-cli discover-regions}: each account's regions that hold EC2 instances, cached. */
@Command(
    name = "discover-regions",
    mixinStandardHelpOptions = true,
    description =
        "Find each account's active regions (enabled, holding EC2 instances in any non-terminated state) and cache them.")
final class DiscoverRegionsCommand extends BaseCommand {
  static final String NAME = "discover-regions";

  @Mixin AccountOptions accountOptions;
  @Mixin PassOptions passOptions;
  @Mixin OutputOptions outputOptions;

  @Override
  ExitCode execute() throws IOException {
    Shard shard = PassContext.shard(passOptions, env.variables());
    String target = outputOptions.target(NAME, shard);
    checkOutputDir(target);
    try (RunLock lock = RunLock.acquire(passOptions.cacheDir, NAME + shard.fileSuffix());
        PassContext ctx = new PassContext(passOptions, env.variables(), env.clock(), env.retry())) {
      Instant started = env.clock().instant();
      long startNanos = System.nanoTime();
      AccountLoad load = ctx.accounts(accountOptions, env.variables(), err());
      List<Account> accounts =
          load.accounts().stream()
              .filter(
                  a ->
                      ctx.filters.accounts().isEmpty()
                          || ctx.filters.accounts().contains(a.id().value()))
              .toList();
      RegionDiscoverer discoverer =
          ctx.discoverer(
              new RegionCache(passOptions.cacheDir, PassContext.REGION_TTL, env.clock()));
      List<RegionDiscoverer.Discovery> found = discoverer.discover(accounts);
      List<TargetResult> results = new ArrayList<>();
      for (RegionDiscoverer.Discovery d : found) {
        Target t = new Target(d.account(), Region.US_EAST_1, "ec2");
        if (!d.ok()) {
          err()
              .println(
                  "quota-cli: error: "
                      + d.account().id()
                      + ": region discovery failed: "
                      + d.failure());
          results.add(new TargetResult.Failed(t, FailureKind.OTHER, d.failure()));
        } else {
          results.add(new TargetResult.Collected(t, List.of(), false, d.skipped()));
        }
        d.skipped()
            .forEach(
                s ->
                    err()
                        .println(
                            "quota-cli: warning: " + d.account().id() + ": skipped region " + s));
      }
      if (target == null) {
        out()
            .print(
                outputOptions.format == OutputOptions.Format.JSON
                    ? RegionReport.json(found)
                    : RegionReport.table(found));
        out().flush();
      } else {
        Duration duration =
            env.fixedDuration() != null
                ? env.fixedDuration()
                : Duration.ofNanos(System.nanoTime() - startNanos);
        RunStateStore states = new RunStateStore(passOptions.cacheDir, env.clock());
        var previous = states.read(NAME + shard.fileSuffix());
        boolean ok = found.stream().allMatch(RegionDiscoverer.Discovery::ok);
        RunSummary summary =
            new RunSummary(
                NAME,
                started,
                duration,
                results,
                ctx.guard.stats().snapshot(),
                load.skipped(),
                ok ? started.plus(duration) : previous == null ? null : previous.lastSuccess(),
                shard,
                load.staleSince());
        Textfiles.write(target, RegionReport.textfile(summary, found, Version.get()), out());
        states.write(
            NAME + shard.fileSuffix(),
            new RunStateStore.RunState(
                started,
                duration.toMillis() / 1000.0,
                summary.ok(),
                summary.failed(),
                0,
                summary.lastSuccess()));
      }
      return found.stream().allMatch(RegionDiscoverer.Discovery::ok)
          ? ExitCode.OK
          : ExitCode.PARTIAL;
    }
  }
}
