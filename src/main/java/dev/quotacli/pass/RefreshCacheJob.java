package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.cache.CachePruner;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.Planner;
import dev.quotacli.collect.RegionDiscoverer;
import dev.quotacli.collect.RegionProbe.ResourceKind;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.config.QuotasConfig;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.LimitChanges;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code refresh-cache}: refetches and rewrites the region, limit and usage caches of the selected
 * accounts, prunes accounts no longer in the source, and reports what changed.
 */
public final class RefreshCacheJob implements Job<List<String>> {
  public static final String NAME = "refresh-cache";

  /**
   * @param config quotas.yaml
   * @param limitTtl the limit cache TTL the caches are written for
   * @param usageTtl the usage cache TTL the caches are written for
   */
  public record Settings(QuotasConfig config, Duration limitTtl, Duration usageTtl) {}

  private final Settings settings;

  public RefreshCacheJob(Settings settings) {
    this.settings = settings;
  }

  /** What the job refreshes (read by {@code plan}). */
  Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result<List<String>> run(PassContext ctx, AccountLoad accounts, List<Account> selected) {
    List<String> lines = new ArrayList<>();
    List<WorkStatus> work =
        new ArrayList<>(
            refreshRegions(ctx, PassContext.probes(settings.config()), selected, lines));
    List<Target> targets =
        Planner.plan(
            selected,
            settings.config(),
            ctx.settings().filters(),
            ctx.regionsOf(selected, true, PassContext.probes(settings.config())));
    var limits = QuotaJob.limitCollector(ctx, settings.limitTtl(), true);
    Map<Target, List<QuotaLimit>> before = new HashMap<>();
    for (Target t : targets) {
      before.put(t, limits.cached(t, service(t)));
    }
    var usage = QuotaJob.usageCollector(ctx, limits, settings.usageTtl(), true);
    // The increase requests are refreshed with the limits they stand beside.
    var requests = QuotaJob.requestCollector(ctx, settings.limitTtl(), true);
    List<TargetResult> results =
        ctx.run(targets, t -> requests.attach(usage.collect(t, service(t)))).stream()
            .map(TargetResult::of)
            .toList();
    int changed = 0;
    for (TargetResult r : results) {
      if (r instanceof TargetResult.Collected c) {
        for (String change : LimitChanges.between(before.get(c.target()), c.limits())) {
          lines.add(c.target().describe() + " " + change);
          changed++;
        }
      }
    }
    work.addAll(RunSummary.statuses(results));
    List<String> pruned;
    try {
      pruned =
          CachePruner.prune(
              ctx.cacheDir(),
              accounts.accounts().stream().map(a -> a.id().value()).collect(Collectors.toSet()),
              ctx.settings().shard()::owns);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pruned.forEach(id -> lines.add(id + " pruned: no longer in the account source"));
    long ok = results.stream().filter(r -> r instanceof TargetResult.Collected).count();
    lines.add(
        "refreshed "
            + ok
            + " of "
            + results.size()
            + " targets; "
            + changed
            + " limit changes; "
            + pruned.size()
            + " accounts pruned");
    return new Result<>(lines, work, QuotaJob.warnings(results));
  }

  /** Rediscovers the regions of accounts that list none; reports added and removed regions. */
  private static List<WorkStatus> refreshRegions(
      PassContext ctx, List<ResourceKind> kinds, List<Account> accounts, List<String> lines) {
    RegionCache cache = ctx.regionCache();
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
    List<WorkStatus> failed = new ArrayList<>();
    for (RegionDiscoverer.Discovery d : ctx.discoverer(kinds).discover(undiscovered)) {
      if (!d.ok()) {
        FailureKind kind = d.failureKind() == null ? FailureKind.OTHER : d.failureKind();
        failed.add(
            WorkStatus.failed(d.account(), null, kind, "region discovery failed: " + d.failure()));
        continue;
      }
      String change = LimitChanges.regions(old.get(d.account().id().value()), d.active());
      if (!change.isEmpty()) {
        lines.add(d.account().id() + " regions " + change);
      }
    }
    return failed;
  }

  private ServiceConfig service(Target t) {
    return settings.config().service(t.service()).orElseThrow();
  }

  @Override
  public String textfile(RunSummary run, List<String> lines) {
    throw new UnsupportedOperationException("refresh-cache writes no textfile");
  }

  @Override
  public String view(List<String> lines, Output.Format format) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
