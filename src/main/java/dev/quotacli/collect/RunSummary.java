package dev.quotacli.collect;

import dev.quotacli.quota.Shard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How one pass went, from which the self-metrics and the exit code are computed.
 *
 * @param subcommand e.g. {@code limits}
 * @param startedAt when the pass started
 * @param duration how long it ran
 * @param work how each work item ended, sorted
 * @param api API calls, retries and throttles by service and operation
 * @param skippedAccounts account rows the source could not use, one line each
 * @param lastSuccess when the last run of this subcommand that finished and wrote its file ended
 * @param shard the shard this pass covered ({@link Shard#ALL} for the whole estate)
 * @param accountsStaleSince when the cached account list in use was read (the source was down), or
 *     null
 * @param itemLastSuccess when each work item (by {@link WorkStatus#describe()}) last succeeded,
 *     this run's or carried over from an earlier one while it fails; empty where not recorded
 */
public record RunSummary(
    String subcommand,
    Instant startedAt,
    Duration duration,
    List<WorkStatus> work,
    Map<ApiStats.Key, ApiStats.Counts> api,
    List<String> skippedAccounts,
    Instant lastSuccess,
    Shard shard,
    Instant accountsStaleSince,
    Map<String, Instant> itemLastSuccess) {
  public RunSummary {
    itemLastSuccess = itemLastSuccess == null ? Map.of() : Map.copyOf(itemLastSuccess);
    work = work.stream().sorted().toList();
    api = Map.copyOf(api);
    skippedAccounts = List.copyOf(skippedAccounts);
    shard = shard == null ? Shard.ALL : shard;
  }

  /** A summary with no per-item last success. */
  public RunSummary(
      String subcommand,
      Instant startedAt,
      Duration duration,
      List<WorkStatus> work,
      Map<ApiStats.Key, ApiStats.Counts> api,
      List<String> skippedAccounts,
      Instant lastSuccess,
      Shard shard,
      Instant accountsStaleSince) {
    this(
        subcommand,
        startedAt,
        duration,
        work,
        api,
        skippedAccounts,
        lastSuccess,
        shard,
        accountsStaleSince,
        Map.of());
  }

  /** A quota pass over the whole estate. */
  public static RunSummary ofTargets(
      String subcommand,
      Instant startedAt,
      Duration duration,
      List<TargetResult> results,
      Map<ApiStats.Key, ApiStats.Counts> api,
      List<String> skippedAccounts,
      Instant lastSuccess) {
    return new RunSummary(
        subcommand,
        startedAt,
        duration,
        statuses(results),
        api,
        skippedAccounts,
        lastSuccess,
        Shard.ALL,
        null);
  }

  /** The statuses of quota targets. */
  public static List<WorkStatus> statuses(List<TargetResult> results) {
    return results.stream().map(WorkStatus::of).toList();
  }

  public long failed() {
    return count(WorkStatus.State.FAILED);
  }

  public long degraded() {
    return count(WorkStatus.State.DEGRADED);
  }

  public long ok() {
    return count(WorkStatus.State.OK);
  }

  public long fromCache() {
    return work.stream().filter(WorkStatus::fromCache).count();
  }

  /** True when no item failed (degraded items were skipped by design, not failed). */
  public boolean allOk() {
    return failed() == 0;
  }

  private long count(WorkStatus.State state) {
    return work.stream().filter(w -> w.state() == state).count();
  }
}
