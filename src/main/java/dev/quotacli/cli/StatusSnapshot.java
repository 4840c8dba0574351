package dev.quotacli.cli;

import dev.quotacli.cache.AccountListCache;
import dev.quotacli.cache.BudgetStore;
import dev.quotacli.cache.CacheInventory;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.output.StatusReport;
import dev.quotacli.pass.Pass;
import dev.quotacli.quota.Shard;
import dev.quotacli.quota.TimeBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the {@link StatusReport} from the cache directory alone (budgets, run states, cache ages,
 * the cached account list, the last cost run): what {@code status} prints and {@code report}
 * summarises. Read-only.
 */
final class StatusSnapshot {
  private StatusSnapshot() {}

  /**
   * @param selected the shard whose accounts are shown, or null for all
   * @param count the shard count (1 without sharding)
   */
  static StatusReport read(Path cacheDir, Clock clock, TimeBudget budget, Shard selected, int count)
      throws IOException {
    Instant now = clock.instant();
    List<StatusReport.Degraded> degraded = new ArrayList<>();
    new BudgetStore(cacheDir, clock)
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
    RunStateStore states = new RunStateStore(cacheDir, clock);
    for (String sub : Pass.RECORDED) {
      for (String name : stateNames(sub, count)) {
        var s = states.read(name);
        if (s != null) {
          runs.put(name, s);
        }
      }
    }
    List<CacheInventory.AccountCache> caches = CacheInventory.scan(cacheDir, clock);
    TreeSet<String> accounts = new TreeSet<>();
    caches.forEach(c -> accounts.add(c.accountId()));
    new AccountListCache(cacheDir, clock)
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
    CostCache costCache = new CostCache(cacheDir, Duration.ZERO, clock);
    for (String name : stateNames("cost", count)) {
      var c = costCache.readLastRun(name.substring("cost".length()));
      if (c != null) {
        costRuns.put(name, c);
      }
    }
    return new StatusReport(now, degraded, caches, runs, count, shards, costRuns);
  }

  private static List<String> stateNames(String sub, int count) {
    List<String> names = new ArrayList<>(List.of(sub));
    for (int i = 0; count > 1 && i < count; i++) {
      names.add(sub + new Shard(i, count).fileSuffix());
    }
    return names;
  }
}
