package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.cache.DefaultQuotaCache;
import dev.quotacli.cache.InstanceTypeCache;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.RequestCache;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.LimitCollector;
import dev.quotacli.collect.Planner;
import dev.quotacli.collect.RequestCollector;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.SharedDefaults;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.collect.UsageCollector;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.config.QuotasConfig;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.output.LimitsTextfile;
import dev.quotacli.output.Reports;
import dev.quotacli.output.UsageTextfile;
import dev.quotacli.quota.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code limits} and {@code usage}: one target per account × region × service, collected on the
 * pool under the time budget; degraded targets export their cached limits.
 */
public final class QuotaJob implements Job<List<TargetResult>> {
  /** A quota problem line: {@code L-1216C47A (name): REASON} or {@code L-1216C47A: reason}. */
  private static final Pattern PROBLEM = Pattern.compile("^(\\S+?)(?: \\((.*)\\))?: (.*)$");

  /** What the job collects. */
  public enum Kind {
    LIMITS,
    USAGE
  }

  /**
   * @param kind limits, or usage (limits too)
   * @param config quotas.yaml
   * @param limitTtl limit cache TTL
   * @param usageTtl usage cache TTL (usage only)
   * @param force limits: refetch fresh limits; usage: refetch fresh usage (limits keep their TTL)
   */
  public record Settings(
      Kind kind, QuotasConfig config, Duration limitTtl, Duration usageTtl, boolean force) {}

  private final Settings settings;

  /** The pass's clock, for the ages in the view (set when the job runs). */
  private volatile java.time.Clock clock = java.time.Clock.systemUTC();

  public QuotaJob(Settings settings) {
    this.settings = settings;
  }

  /** What the job collects (read by {@code plan}). */
  Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return settings.kind() == Kind.LIMITS ? "limits" : "usage";
  }

  @Override
  public Result<List<TargetResult>> run(
      PassContext ctx, AccountLoad accounts, List<Account> selected) {
    QuotasConfig config = settings.config();
    clock = ctx.clock();
    Planner.Filters filters = ctx.settings().filters();
    List<Target> targets =
        Planner.plan(
            selected,
            config,
            filters,
            ctx.regionsOf(selected, regionalInScope(ctx), PassContext.probes(config)));
    Planner.Offered offered = Planner.offeredOnly(targets);
    offered.warnings().forEach(ctx.diagnostics()::warn);
    targets = offered.kept();
    // usage --force bypasses the usage cache only: limits change rarely and have their own TTL.
    LimitCollector limits =
        limitCollector(
            ctx, settings.limitTtl(), settings.force() && settings.kind() == Kind.LIMITS);
    // Increase requests: one history per account and region, beside the limits and with their TTL.
    RequestCollector requests =
        requestCollector(
            ctx, settings.limitTtl(), settings.force() && settings.kind() == Kind.LIMITS);
    Function<Target, TargetResult> work;
    if (settings.kind() == Kind.LIMITS) {
      work = t -> requests.attach(limits.collect(t, service(t)));
    } else {
      UsageCollector usage = usageCollector(ctx, limits, settings.usageTtl(), settings.force());
      work = t -> requests.attach(usage.collect(t, service(t)));
    }
    Budgets.Run<Target, TargetResult> run = ctx.runBudgeted(targets, work);
    List<TargetResult> results = new ArrayList<>();
    run.items().forEach(s -> results.add(TargetResult.of(s)));
    run.skipped()
        .forEach(
            s ->
                results.add(
                    new TargetResult.Degraded(
                        s.item(), limits.cached(s.item(), service(s.item())), s.until())));
    results.sort(null);
    List<WorkStatus> statuses = new ArrayList<>(RunSummary.statuses(results));
    ctx.refusedInDiscovery()
        .forEach(
            (account, why) ->
                statuses.add(
                    WorkStatus.failed(account, null, FailureKind.INVALID_CREDENTIALS, why)));
    return new Result<>(results, statuses, warnings(results));
  }

  /** Limits, with the AWS default lists shared by the whole estate (one fetch per region). */
  /** Increase requests: one history per account and region, with the limits' TTL. */
  static RequestCollector requestCollector(PassContext ctx, Duration ttl, boolean force) {
    return new RequestCollector(
        new RequestCache(ctx.cacheDir(), ttl, ctx.clock()),
        ctx.aws().quotaSources(),
        ctx.guards(),
        ctx.clock(),
        force);
  }

  static LimitCollector limitCollector(PassContext ctx, Duration ttl, boolean force) {
    return new LimitCollector(
        new LimitCache(ctx.cacheDir(), ttl, ctx.clock()),
        ctx.aws().quotaSources(),
        ctx.guards(),
        ctx.clock(),
        force,
        new SharedDefaults(
            new DefaultQuotaCache(ctx.cacheDir(), ttl, ctx.clock()), ctx.clock(), force));
  }

  static UsageCollector usageCollector(
      PassContext ctx, LimitCollector limits, Duration ttl, boolean force) {
    return new UsageCollector(
        limits,
        new UsageCache(ctx.cacheDir(), ttl, ctx.clock()),
        ctx.aws().usageCounters(new InstanceTypeCache(ctx.cacheDir(), ctx.clock())),
        ctx.aws().usageMetrics(ctx.clock()),
        ctx.guards(),
        ctx.clock(),
        force);
  }

  /** Per-target quota problems, gathered by kind. */
  static Diagnostics.Aggregate warnings(List<TargetResult> results) {
    Diagnostics.Aggregate warnings = new Diagnostics.Aggregate();
    for (TargetResult r : results) {
      if (r instanceof TargetResult.Collected c) {
        for (String w : c.warnings()) {
          Matcher m = PROBLEM.matcher(w);
          String where = c.target().describe();
          if (m.matches()) {
            warnings.add(m.group(3), m.group(1), where, where + ": " + w);
          } else {
            warnings.add(w, "", where, where + ": " + w);
          }
        }
      }
    }
    return warnings;
  }

  private boolean regionalInScope(PassContext ctx) {
    var services = ctx.settings().filters().services();
    return settings.config().services().stream()
        .filter(s -> services.isEmpty() || services.contains(s.code()))
        .anyMatch(s -> s.scope() == Scope.REGIONAL);
  }

  private ServiceConfig service(Target t) {
    return settings.config().service(t.service()).orElseThrow();
  }

  @Override
  public String textfile(RunSummary run, List<TargetResult> results) {
    return settings.kind() == Kind.LIMITS
        ? LimitsTextfile.render(run, results, settings.config().exportPolicy(), BuildInfo.version())
        : UsageTextfile.render(run, results, settings.config().exportPolicy(), BuildInfo.version());
  }

  @Override
  public String view(List<TargetResult> results, Output.Format format) {
    boolean withUsage = settings.kind() == Kind.USAGE;
    var rows = Reports.rows(results, withUsage, clock.instant());
    return format == Output.Format.JSON
        ? Reports.json(rows, withUsage)
        : Reports.table(rows, withUsage);
  }
}
