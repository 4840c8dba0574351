package dev.quotacli.output;

import dev.quotacli.cache.CacheInventory;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.RunStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status view: degraded targets, cache ages, last runs, shards; as text or JSON. Pure.
 *
 * @param now when the status was taken
 * @param degraded degraded targets with their penalty
 * @param caches cache ages per account
 * @param runs last run by state name (subcommand, or subcommand.shard-I-of-N)
 * @param shardCount the shard count shown
 * @param shards shard index by account id (only the selected shard's accounts with --shard)
 * @param costRuns the last cost run's Cost Explorer report by state name (cost, or
 *     cost.shard-I-of-N)
 */
public record StatusReport(
    Instant now,
    List<Degraded> degraded,
    List<CacheInventory.AccountCache> caches,
    Map<String, RunStateStore.RunState> runs,
    int shardCount,
    Map<String, Integer> shards,
    Map<String, CostCache.LastRun> costRuns) {
  public StatusReport {
    costRuns = costRuns == null ? Map.of() : new java.util.TreeMap<>(costRuns);
  }

  public StatusReport(
      Instant now,
      List<Degraded> degraded,
      List<CacheInventory.AccountCache> caches,
      Map<String, RunStateStore.RunState> runs,
      int shardCount,
      Map<String, Integer> shards) {
    this(now, degraded, caches, runs, shardCount, shards, Map.of());
  }

  /**
   * @param target {@code account/region}
   * @param balance the bucket's balance (seconds; negative after an overrun)
   * @param until when the target runs again
   * @param left how long until then
   */
  public record Degraded(String target, double balance, Instant until, Duration left) {}

  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("DEGRADED TARGETS\n");
    if (degraded.isEmpty()) {
      out.append("  (none)\n");
    }
    for (Degraded d : degraded) {
      out.append(
          String.format(
              "  %-32s skipped for %s more (until %s, balance %.1fs)%n",
              d.target(), age(d.left()), d.until(), d.balance()));
    }
    out.append("\nLAST RUNS\n");
    if (runs.isEmpty()) {
      out.append("  (none)\n");
    }
    runs.forEach(
        (name, r) ->
            out.append(
                String.format(
                    "  %-34s %s ago, %.1fs, ok %d, failed %d, degraded %d, last success %s%n",
                    name,
                    age(Duration.between(r.lastRun(), now)),
                    r.durationSeconds(),
                    r.ok(),
                    r.failed(),
                    r.degraded(),
                    r.lastSuccess() == null
                        ? "never"
                        : age(Duration.between(r.lastSuccess(), now)) + " ago")));
    if (!costRuns.isEmpty()) {
      out.append("\nCOST EXPLORER (last cost run)\n");
      costRuns.forEach((name, c) -> out.append("  ").append(costLine(name, c)).append('\n'));
    }
    out.append("\nCACHE AGES (oldest/newest)\n");
    out.append(
        String.format(
            "  %-14s %-10s %-26s %-26s%s%n", "ACCOUNT", "SHARD", "LIMITS", "USAGE", "REGIONS"));
    for (CacheInventory.AccountCache c : caches) {
      out.append(
          String.format(
              "  %-14s %-10s %-26s %-26s%s%n",
              c.accountId(),
              shardOf(c.accountId()),
              ages(c.limits()),
              ages(c.usage()),
              c.regions() == null ? "-" : age(Duration.between(c.regions(), now))));
    }
    if (shardCount > 1) {
      out.append("\nSHARDS (of ").append(shardCount).append(")\n");
      shards.forEach((id, s) -> out.append("  ").append(id).append("  ").append(s).append('\n'));
    }
    return out.toString();
  }

  public String json() {
    List<String> deg = new ArrayList<>();
    degraded.forEach(
        d ->
            deg.add(
                new Json.Obj()
                    .put("target", d.target())
                    .put("balance_seconds", d.balance())
                    .put("until", d.until().toString())
                    .put("penalty_left_seconds", d.left().toSeconds())
                    .toString()));
    List<String> runList = new ArrayList<>();
    runs.forEach(
        (name, r) ->
            runList.add(
                new Json.Obj()
                    .put("name", name)
                    .put("last_run", r.lastRun().toString())
                    .put("duration_seconds", r.durationSeconds())
                    .put("ok", r.ok())
                    .put("failed", r.failed())
                    .put("degraded", r.degraded())
                    .put(
                        "last_success", r.lastSuccess() == null ? null : r.lastSuccess().toString())
                    .toString()));
    List<String> cacheList = new ArrayList<>();
    caches.forEach(
        c ->
            cacheList.add(
                new Json.Obj()
                    .put("account_id", c.accountId())
                    .put("shard", shards.get(c.accountId()))
                    .put("regions_fetched_at", c.regions() == null ? null : c.regions().toString())
                    .put("limit_entries", c.limits().files())
                    .put("limits_oldest", str(c.limits().oldest()))
                    .put("usage_entries", c.usage().files())
                    .put("usage_oldest", str(c.usage().oldest()))
                    .put("corrupt_entries", c.limits().corrupt() + c.usage().corrupt())
                    .toString()));
    List<String> costList = new ArrayList<>();
    costRuns.forEach(
        (name, c) ->
            costList.add(
                new Json.Obj()
                    .put("name", name)
                    .put("at", c.at().toString())
                    .put("requests", c.requests())
                    .put("budget", c.budget())
                    .put("scopes", c.scopes())
                    .put("incomplete_scopes", c.incompleteScopes())
                    .put("summary", costLine(name, c).strip())
                    .toString()));
    List<String> shardList = new ArrayList<>();
    shards.forEach(
        (id, s) -> shardList.add(new Json.Obj().put("account_id", id).put("shard", s).toString()));
    return "{\"now\": "
        + Json.quote(now.toString())
        + ",\n \"degraded\": ["
        + String.join(", ", deg)
        + "]"
        + ",\n \"runs\": ["
        + String.join(", ", runList)
        + "]"
        + ",\n \"caches\": ["
        + String.join(", ", cacheList)
        + "]"
        + ",\n \"cost_explorer\": ["
        + String.join(", ", costList)
        + "]"
        + ",\n \"shard_count\": "
        + shardCount
        + ",\n \"shards\": ["
        + String.join(", ", shardList)
        + "]}\n";
  }

  /**
   * {@code cost 5m ago: 100 requests (~$1.00) of a budget of 100; 12 of 300 scopes incomplete:
   * forecast 40, tags 80 (e.g. 111111111111 forecast: budget)}.
   */
  public String costLine(String name, CostCache.LastRun c) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                java.util.Locale.ROOT,
                "%-34s %s ago: %d requests (~$%.2f) of a budget of %d; ",
                name,
                age(Duration.between(c.at(), now)),
                c.requests(),
                c.requests() * dev.quotacli.cost.CostPlan.USD_PER_REQUEST,
                c.budget()));
    if (c.incompleteScopes() == 0) {
      return b.append("every part of ").append(c.scopes()).append(" scope(s) exported").toString();
    }
    b.append(c.incompleteScopes())
        .append(" of ")
        .append(c.scopes())
        .append(" scope(s) incomplete, parts not exported: ");
    List<String> kinds = new ArrayList<>();
    c.missing().forEach((k, n) -> kinds.add(k + " " + n));
    b.append(String.join(", ", kinds));
    if (!c.examples().isEmpty()) {
      b.append(" (e.g. ").append(String.join("; ", c.examples())).append(')');
    }
    return b.toString();
  }

  private String shardOf(String id) {
    Integer s = shards.get(id);
    return s == null ? "-" : s + "/" + shardCount;
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }

  private String ages(CacheInventory.Ages a) {
    if (a.files() == 0) {
      return a.corrupt() > 0 ? a.corrupt() + " corrupt" : "-";
    }
    return a.files()
        + " files "
        + age(Duration.between(a.oldest(), now))
        + "/"
        + age(Duration.between(a.newest(), now))
        + (a.corrupt() > 0 ? " +" + a.corrupt() + " corrupt" : "");
  }

  /** 45s, 12m, 3h, 2d. */
  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return s / 60 + "m";
    }
    if (s < 172800) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }
}
