package dev.quotacli.output;

import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.TargetResult;

/**
 * The tool's own {@code quota_cli_*} series. Every subcommand's file carries them with a {@code
 * subcommand} label and HELP text from these constants, so node_exporter can merge the families
 * of several files (identical HELP is required).
 */
final class SelfMetrics {
  static final String BUILD_INFO = "quota_cli_build_info";
  static final String LAST_RUN = "quota_cli_last_run_timestamp_seconds";
  static final String LAST_SUCCESS = "quota_cli_last_success_timestamp_seconds";
  static final String DURATION = "quota_cli_run_duration_seconds";
  static final String TARGETS = "quota_cli_targets";
  static final String TARGET_SUCCESS = "quota_cli_target_success";
  static final String TARGET_FAILED = "quota_cli_target_failed";
  static final String FROM_CACHE = "quota_cli_targets_from_cache";
  static final String PROBLEMS = "quota_cli_quota_problems";
  static final String SKIPPED = "quota_cli_accounts_skipped";
  static final String API_CALLS = "quota_cli_api_calls";
  static final String API_RETRIES = "quota_cli_api_retries";
  static final String API_THROTTLES = "quota_cli_api_throttles";

  private SelfMetrics() {}

  static void add(Families f, RunSummary run, String version) {
    String sub = run.subcommand();
    f.gauge(BUILD_INFO, "quota-cli build information; always 1.", "subcommand", "version")
        .add(BUILD_INFO, 1, sub, version);
    f.gauge(LAST_RUN, "Unix time the last run of this subcommand started.", "subcommand")
        .add(LAST_RUN, epochSeconds(run.startedAt()), sub);
    if (run.lastSuccess() != null) {
      f.gauge(LAST_SUCCESS, "Unix time the last run of this subcommand in which every target succeeded ended.", "subcommand")
          .add(LAST_SUCCESS, epochSeconds(run.lastSuccess()), sub);
    }
    f.gauge(DURATION, "Wall time of the last run of this subcommand, in seconds.", "subcommand")
        .add(DURATION, run.duration().toMillis() / 1000.0, sub);
    f.gauge(TARGETS, "Targets (account, region, service) of the last run by status (ok, failed).", "subcommand", "status");
    f.add(TARGETS, run.ok(), sub, "ok");
    f.add(TARGETS, run.failed(), sub, "failed");
    f.gauge(FROM_CACHE, "Targets of the last run answered from a fresh cache entry, with no API call.", "subcommand");
    f.add(FROM_CACHE, run.results().stream().filter(r -> r instanceof TargetResult.Collected c && c.fromCache()).count(), sub);
    f.gauge(SKIPPED, "Account rows the account source held that could not be used (malformed).", "subcommand")
        .add(SKIPPED, run.skippedAccounts().size(), sub);
    String[] targetLabels = {"subcommand", "account_id", "account_name", "region", "service"};
    f.gauge(TARGET_SUCCESS, "1 if the target was collected in the last run, 0 if it failed.", targetLabels);
    f.gauge(TARGET_FAILED, "1 for each target that failed in the last run, by failure reason.", "subcommand", "account_id", "account_name", "region", "service", "reason");
    f.gauge(PROBLEMS, "Configured quotas of the target that AWS answered without a usable value (ErrorReason, or unknown code).", targetLabels);
    for (TargetResult r : run.results()) {
      var t = r.target();
      String[] labels = {sub, t.accountId(), t.account().name(), t.region().name(), t.service()};
      f.add(TARGET_SUCCESS, r instanceof TargetResult.Collected ? 1 : 0, labels);
      if (r instanceof TargetResult.Failed failed) {
        f.add(TARGET_FAILED, 1, sub, t.accountId(), t.account().name(), t.region().name(), t.service(), failed.kind().label());
      }
      if (r instanceof TargetResult.Collected c && !c.warnings().isEmpty()) {
        f.add(PROBLEMS, c.warnings().size(), labels);
      }
    }
    f.gauge(API_CALLS, "AWS API requests made by the last run (every page and retry counts).", "subcommand", "service", "operation");
    f.gauge(API_RETRIES, "AWS API requests of the last run that were retries.", "subcommand", "service", "operation");
    f.gauge(API_THROTTLES, "AWS API requests of the last run that AWS throttled.", "subcommand", "service", "operation");
    for (var e : run.api().entrySet()) {
      ApiStats.Key k = e.getKey();
      f.add(API_CALLS, e.getValue().calls(), sub, k.service(), k.operation());
      f.add(API_RETRIES, e.getValue().retries(), sub, k.service(), k.operation());
      f.add(API_THROTTLES, e.getValue().throttles(), sub, k.service(), k.operation());
    }
  }

  private static double epochSeconds(java.time.Instant t) {
    return t.toEpochMilli() / 1000.0;
  }
}
