package dev.quotacli.collect;

import dev.quotacli.quota.Shard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one pass produced, from which the output and the exit code are computed.
 *
 * @param subcommand e.g. {@code limits}
 * @param startedAt when the pass started
 * @param duration how long it ran
 * @param results one per target, sorted
 * @param api API calls, retries and throttles by service and operation
 * @param skippedAccounts account rows the source could not use, one line each
 * @param lastSuccess when the last fully successful run of this subcommand ended, if ever
 * @param shard the shard this pass covered ({@link Shard#ALL} for the whole estate)
 * @param accountsStaleSince when the cached account list in use was read (the CMDB was down), or
 *     null
 */
public record RunSummary(
    String subcommand,
    Instant startedAt,
    Duration duration,
    List<TargetResult> results,
    Map<ApiStats.Key, ApiStats.Counts> api,
    List<String> skippedAccounts,
    Instant lastSuccess,
    Shard shard,
    Instant accountsStaleSince) {
  public RunSummary {
    results = List.copyOf(results);
    api = Map.copyOf(api);
    skippedAccounts = List.copyOf(skippedAccounts);
    shard = shard == null ? Shard.ALL : shard;
  }

  /** A pass over the whole estate. */
  public RunSummary(
      String subcommand,
      Instant startedAt,
      Duration duration,
      List<TargetResult> results,
      Map<ApiStats.Key, ApiStats.Counts> api,
      List<String> skippedAccounts,
      Instant lastSuccess) {
    this(
        subcommand,
        startedAt,
        duration,
        results,
        api,
        skippedAccounts,
        lastSuccess,
        Shard.ALL,
        null);
  }

  public long failed() {
    return results.stream().filter(r -> r instanceof TargetResult.Failed).count();
  }

  public long degraded() {
    return results.stream().filter(r -> r instanceof TargetResult.Degraded).count();
  }

  public long ok() {
    return results.stream().filter(r -> r instanceof TargetResult.Collected).count();
  }

  /** True when no target failed (degraded targets were skipped by design, not failed). */
  public boolean allOk() {
    return failed() == 0;
  }
}
