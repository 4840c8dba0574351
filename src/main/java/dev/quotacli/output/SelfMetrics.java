package dev.quotacli.output;

import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.WorkStatus;

/**
 * The tool's own {@code quota_cli_*} series. Every subcommand's file carries them with a {@code
 * subcommand} label and HELP text from these constants, so node_exporter can merge the families of
 * several files (identical HELP is required).
 */
final class SelfMetrics {
  static final String BUILD_INFO = "quota_cli_build_info";
  static final String LAST_RUN = "quota_cli_last_run_timestamp_seconds";
  static final String LAST_SUCCESS = "quota_cli_last_success_timestamp_seconds";
  static final String TARGET_LAST_SUCCESS = "quota_cli_target_last_success_timestamp_seconds";
  static final String DURATION = "quota_cli_run_duration_seconds";
  static final String TARGETS = "quota_cli_targets";
  static final String TARGET_SUCCESS = "quota_cli_target_success";
  static final String TARGET_FAILED = "quota_cli_target_failed";
  static final String TARGET_DEGRADED = "quota_cli_target_degraded";
  static final String FROM_CACHE = "quota_cli_targets_from_cache";
  static final String PROBLEMS = "quota_cli_quota_problems";
  static final String SKIPPED = "quota_cli_accounts_skipped";
  static final String SOURCE_STALE = "quota_cli_account_source_stale";
  static final String SOURCE_AGE = "quota_cli_account_source_age_seconds";
  static final String API_CALLS = "quota_cli_api_calls";
  static final String API_RETRIES = "quota_cli_api_retries";
  static final String API_THROTTLES = "quota_cli_api_throttles";

  private SelfMetrics() {}

  static void add(Families f, RunSummary run, String version) {
    Run r = new Run(f, run);
    r.gauge(BUILD_INFO, "quota-cli build information; always 1.", "version")
        .add(BUILD_INFO, 1, version);
    r.gauge(LAST_RUN, "Unix time the last run of this subcommand started.")
        .add(LAST_RUN, epochSeconds(run.startedAt()));
    if (run.lastSuccess() != null) {
      r.gauge(
              LAST_SUCCESS,
              "Unix time the last run of this subcommand finished and wrote its file (each target's"
                  + " own is quota_cli_target_last_success_timestamp_seconds).")
          .add(LAST_SUCCESS, epochSeconds(run.lastSuccess()));
    }
    r.gauge(DURATION, "Wall time of the last run of this subcommand, in seconds.")
        .add(DURATION, run.duration().toMillis() / 1000.0);
    r.gauge(
        TARGETS,
        "Targets (account, region, service) of the last run by status (ok, failed, degraded).",
        "status");
    r.add(TARGETS, run.ok(), "ok");
    r.add(TARGETS, run.failed(), "failed");
    r.add(TARGETS, run.degraded(), "degraded");
    r.gauge(
            FROM_CACHE,
            "Targets of the last run answered from a fresh cache entry, with no API call.")
        .add(FROM_CACHE, run.fromCache());
    r.gauge(SKIPPED, "Account rows the account source held that could not be used (malformed).")
        .add(SKIPPED, run.skippedAccounts().size());
    r.gauge(
            SOURCE_STALE,
            "1 if the account source (CMDB or Organizations) was unreachable and the cached account list was used (role accounts only), else 0.")
        .add(SOURCE_STALE, run.accountsStaleSince() == null ? 0 : 1);
    if (run.accountsStaleSince() != null) {
      r.gauge(
              SOURCE_AGE,
              "Age of the cached account list in use while the account source (CMDB or Organizations) is unreachable, in seconds.")
          .add(
              SOURCE_AGE,
              java.time.Duration.between(run.accountsStaleSince(), run.startedAt()).toMillis()
                  / 1000.0);
    }
    String sub = run.subcommand();
    String[] targetLabels = {"subcommand", "account_id", "account_name", "region", "service"};
    f.gauge(
        TARGET_SUCCESS,
        "1 if the target was collected in the last run, 0 if it failed.",
        targetLabels);
    f.gauge(
        TARGET_FAILED,
        "1 for each target that failed in the last run, by failure reason.",
        "subcommand",
        "account_id",
        "account_name",
        "region",
        "service",
        "reason");
    f.gauge(
        PROBLEMS,
        "Configured quotas of the target that AWS answered without a usable value (ErrorReason, or unknown code).",
        targetLabels);
    f.gauge(
        TARGET_DEGRADED,
        "1 for each account and region skipped because it used up its time budget (slow API); cached limits are still exported.",
        "subcommand",
        "account_id",
        "account_name",
        "region");
    f.gauge(
        TARGET_LAST_SUCCESS,
        "Unix time each target was last collected: this run's end where it succeeded, carried over"
            + " from earlier runs while it fails or is degraded; absent until it first succeeds.",
        targetLabels);
    // Degraded is per account and region: its services are skipped together, one series.
    java.util.Set<java.util.List<String>> degraded = new java.util.HashSet<>();
    for (WorkStatus w : run.work()) {
      String id = w.account().id().value();
      String name = w.account().name();
      String region = w.region() == null ? null : w.region().name();
      java.time.Instant last = run.itemLastSuccess().get(w.describe());
      if (last != null) {
        f.addWithout(TARGET_LAST_SUCCESS, epochSeconds(last), sub, id, name, region, w.service());
      }
      if (w.state() == WorkStatus.State.DEGRADED) {
        if (degraded.add(java.util.Arrays.asList(id, region))) {
          f.addWithout(TARGET_DEGRADED, 1, sub, id, name, region);
        }
        continue;
      }
      String[] labels = {sub, id, name, region, w.service()};
      f.addWithout(TARGET_SUCCESS, w.state() == WorkStatus.State.OK ? 1 : 0, labels);
      if (w.state() == WorkStatus.State.FAILED) {
        f.addWithout(TARGET_FAILED, 1, sub, id, name, region, w.service(), w.failure().label());
      }
      if (w.problems() > 0) {
        f.addWithout(PROBLEMS, w.problems(), labels);
      }
    }
    r.gauge(
        API_CALLS,
        "AWS API requests made by the last run (every page and retry counts).",
        "service",
        "operation");
    r.gauge(
        API_RETRIES, "AWS API requests of the last run that were retries.", "service", "operation");
    r.gauge(
        API_THROTTLES,
        "AWS API requests of the last run that AWS throttled.",
        "service",
        "operation");
    for (var e : run.api().entrySet()) {
      ApiStats.Key k = e.getKey();
      r.add(API_CALLS, e.getValue().calls(), k.service(), k.operation());
      r.add(API_RETRIES, e.getValue().retries(), k.service(), k.operation());
      r.add(API_THROTTLES, e.getValue().throttles(), k.service(), k.operation());
    }
  }

  /**
   * Per-run series: labelled {@code subcommand}, and {@code shard} when the pass covered one shard,
   * so that the files of several shards in one directory never repeat a series.
   */
  private static final class Run {
    private final Families f;
    private final String[] base;
    private final String[] baseValues;

    Run(Families f, RunSummary run) {
      this.f = f;
      boolean sharded = !run.shard().isAll();
      this.base = sharded ? new String[] {"subcommand", "shard"} : new String[] {"subcommand"};
      this.baseValues =
          sharded
              ? new String[] {run.subcommand(), run.shard().toString()}
              : new String[] {run.subcommand()};
    }

    Run gauge(String name, String help, String... extra) {
      f.gauge(name, help, concat(base, extra));
      return this;
    }

    void add(String name, double value, String... extraValues) {
      f.add(name, value, concat(baseValues, extraValues));
    }

    private static String[] concat(String[] a, String[] b) {
      String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }

  private static double epochSeconds(java.time.Instant t) {
    return t.toEpochMilli() / 1000.0;
  }
}
