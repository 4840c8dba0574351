package dev.quotacli.cli;

import dev.quotacli.cache.AccountListCache;
import dev.quotacli.cache.BudgetStore;
import dev.quotacli.cache.CacheInventory;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.output.StatusReport;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Output;
import dev.quotacli.pass.Pass;
import dev.quotacli.quota.Shard;
import dev.quotacli.quota.TimeBudget;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quota-cli status}: the management view from the cache directory alone (no AWS call, no
 * CMDB): degraded targets and their penalty, cache ages per account, the last run of each
 * subcommand, and the shard of each account.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show degraded targets, cache ages per account, the last run of each subcommand, and shard assignment (no AWS call).")
final class StatusCommand extends BaseCommand {

  @Mixin CacheOptions cacheOptions;

  @Option(
      names = "--budget",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "The time budget the passes use (default: ${DEFAULT-VALUE}).")
  double budgetSeconds;

  @Option(
      names = "--budget-window",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "The budget window the passes use (default: ${DEFAULT-VALUE}).")
  Duration budgetWindow;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Show which accounts shard I of N owns.")
  String shard;

  @Option(
      names = "--shard-count",
      paramLabel = "N",
      description = "Show each account's shard among N.")
  Integer shardCount;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Output.Format format;

  @Override
  ExitCode execute() throws IOException {
    Instant now = env.clock().instant();
    Shard selected = shard == null ? null : parseShard();
    int count = selected != null ? selected.count() : shardCount == null ? 1 : shardCount;
    if (count < 1) {
      throw new dev.quotacli.config.ConfigException("--shard-count must be at least 1");
    }
    TimeBudget budget = new TimeBudget(budgetSeconds, budgetWindow);
    List<StatusReport.Degraded> degraded = new ArrayList<>();
    new BudgetStore(cacheOptions.cacheDir, env.clock())
        .read()
        .forEach(
            (target, state) -> {
              Duration left = budget.penaltyLeft(state, now);
              if (!left.isZero()) {
                degraded.add(
                    new StatusReport.Degraded(
                        target, budget.refill(state, now).balance(), now.plus(left), left));
              }
            });
    Map<String, RunStateStore.RunState> runs = new TreeMap<>();
    RunStateStore states = new RunStateStore(cacheOptions.cacheDir, env.clock());
    for (String sub : Pass.RECORDED) {
      for (String name : stateNames(sub, count)) {
        var s = states.read(name);
        if (s != null) {
          runs.put(name, s);
        }
      }
    }
    List<CacheInventory.AccountCache> caches =
        CacheInventory.scan(cacheOptions.cacheDir, env.clock());
    TreeSet<String> accounts = new TreeSet<>();
    caches.forEach(c -> accounts.add(c.accountId()));
    new AccountListCache(cacheOptions.cacheDir, env.clock())
        .read(Duration.ofDays(36500))
        .ifPresent(c -> c.entry().accounts().forEach(a -> accounts.add(a.accountId())));
    Map<String, Integer> shards = new TreeMap<>();
    for (String id : accounts) {
      int owner = Shard.owner(id, count);
      if (selected == null || owner == selected.index()) {
        shards.put(id, owner);
      }
    }
    Map<String, CostCache.LastRun> costRuns = new TreeMap<>();
    CostCache costCache = new CostCache(cacheOptions.cacheDir, Duration.ZERO, env.clock());
    for (String name : stateNames("cost", count)) {
      var c = costCache.readLastRun(name.substring("cost".length()));
      if (c != null) {
        costRuns.put(name, c);
      }
    }
    var report = new StatusReport(now, degraded, caches, runs, count, shards, costRuns);
    out().print(format == Output.Format.JSON ? report.json() : report.table());
    out().flush();
    return ExitCode.OK;
  }

  private Shard parseShard() {
    try {
      return Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new dev.quotacli.config.ConfigException("--shard: " + e.getMessage());
    }
  }

  private static List<String> stateNames(String sub, int count) {
    List<String> names = new ArrayList<>(List.of(sub));
    for (int i = 0; count > 1 && i < count; i++) {
      names.add(sub + new Shard(i, count).fileSuffix());
    }
    return names;
  }
}
