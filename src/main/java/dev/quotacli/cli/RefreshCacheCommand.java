package dev.quotacli.cli;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.aws.AwsQuotaSources;
import dev.quotacli.aws.CloudWatchUsageMetrics;
import dev.quotacli.cache.CachePruner;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.cache.RunLock;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.collect.CollectionRunner;
import dev.quotacli.collect.RegionDiscoverer;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.collect.UsageCollector;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.LimitChanges;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaSelection;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
        "Refetch and rewrite the region, limit and usage caches; prune accounts no longer in the source; report what changed.")
final class RefreshCacheCommand extends BaseCommand {
  @Mixin AccountOptions accountOptions;
  @Mixin PassOptions passOptions;

  @Override
  ExitCode execute() throws IOException {
    passOptions.force = true;
    try (RunLock lock =
            RunLock.acquire(
                passOptions.cacheDir,
                "refresh-cache" + PassContext.shard(passOptions, env.variables()).fileSuffix());
        PassContext ctx = new PassContext(passOptions, env.variables(), env.clock(), env.retry())) {
      AccountLoad load = ctx.accounts(accountOptions, env.variables(), err());
      List<Account> selected =
          load.accounts().stream()
              .filter(
                  a ->
                      ctx.filters.accounts().isEmpty()
                          || ctx.filters.accounts().contains(a.id().value()))
              .toList();
      boolean failed = refreshRegions(ctx, selected);
      LimitCache limitCache = new LimitCache(passOptions.cacheDir, passOptions.cacheTtl, ctx.clock);
      List<Target> targets = ctx.plan(selected, err());
      Map<Target, List<QuotaLimit>> before = new HashMap<>();
      for (Target t : targets) {
        before.put(t, previousLimits(limitCache, t, ctx.service(t.service())));
      }
      var limits = ctx.limitCollector(new AwsQuotaSources(ctx.factory));
      var usage =
          new UsageCollector(
              limits,
              new UsageCache(passOptions.cacheDir, Duration.ofHours(1), ctx.clock),
              ctx.usageCounters(),
              new CloudWatchUsageMetrics(ctx.factory, ctx.clock),
              ctx.guard,
              ctx.clock,
              true);
      List<TargetResult> results =
          new CollectionRunner(passOptions.concurrency, passOptions.deadline)
              .run(targets, t -> usage.collect(t, ctx.service(t.service())));
      reportProblems(results);
      int changed = 0;
      for (TargetResult r : results) {
        if (r instanceof TargetResult.Collected c) {
          for (String change : LimitChanges.between(before.get(c.target()), c.limits())) {
            out().println(c.target().describe() + " " + change);
            changed++;
          }
        } else {
          failed = true;
        }
      }
      List<String> pruned =
          CachePruner.prune(
              passOptions.cacheDir,
              load.accounts().stream().map(a -> a.id().value()).collect(Collectors.toSet()));
      pruned.forEach(id -> out().println(id + " pruned: no longer in the account source"));
      long ok = results.stream().filter(r -> r instanceof TargetResult.Collected).count();
      out()
          .println(
              "refreshed "
                  + ok
                  + " of "
                  + results.size()
                  + " targets; "
                  + changed
                  + " limit changes; "
                  + pruned.size()
                  + " accounts pruned");
      out().flush();
      return failed ? ExitCode.PARTIAL : ExitCode.OK;
    }
  }

  /** Rediscovers the regions of accounts that list none; reports added and removed regions. */
  private boolean refreshRegions(PassContext ctx, List<Account> accounts) {
    RegionCache cache = new RegionCache(passOptions.cacheDir, PassContext.REGION_TTL, ctx.clock);
    List<Account> undiscovered = accounts.stream().filter(a -> a.regions().isEmpty()).toList();
    Map<String, List<Region>> old = new HashMap<>();
    for (Account a : undiscovered) {
      var l = cache.read(a.id().value());
      old.put(
          a.id().value(),
          l instanceof Lookup.Fresh<RegionCache.Entry> f
              ? f.data().asRegions()
              : l instanceof Lookup.Stale<RegionCache.Entry> s ? s.data().asRegions() : List.of());
    }
    boolean failed = false;
    for (RegionDiscoverer.Discovery d : ctx.discoverer(cache).discover(undiscovered)) {
      if (!d.ok()) {
        err()
            .println(
                "quota-cli: error: "
                    + d.account().id()
                    + ": region discovery failed: "
                    + d.failure());
        failed = true;
        continue;
      }
      String change = LimitChanges.regions(old.get(d.account().id().value()), d.active());
      if (!change.isEmpty()) {
        out().println(d.account().id() + " regions " + change);
      }
    }
    return failed;
  }

  /** The configured quotas of the target as the cache held them (fresh or stale). */
  private static List<QuotaLimit> previousLimits(
      LimitCache cache, Target t, ServiceConfig service) {
    var l = cache.read(t.accountId(), t.region(), t.service());
    List<QuotaLimit> all =
        l instanceof Lookup.Fresh<LimitCache.Entry> f
            ? f.data().quotas()
            : l instanceof Lookup.Stale<LimitCache.Entry> s ? s.data().quotas() : List.of();
    return QuotaSelection.select(all, service.quotaCodes(), service.discover()).limits();
  }
}
