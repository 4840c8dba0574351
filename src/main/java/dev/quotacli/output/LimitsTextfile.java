package dev.quotacli.output;

import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.ExportPolicy;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@code limits} pass as Prometheus text: the limit series of the quotas the export
 * policy keeps (a discovered quota only where its applied value is not the AWS default), the AWS
 * default beside a raised or lowered one, the quota increase requests of the targets' services,
 * plus self-metrics. Pure.
 */
public final class LimitsTextfile {
  static final String LIMIT = "cloud_service_quota_limit";
  static final String APPLIED = "cloud_service_quota_limit_applied";
  static final String DEFAULT = "cloud_service_quota_limit_default";
  static final String REQUESTED = "cloud_service_quota_requested";
  static final String REQUEST_CREATED = "cloud_service_quota_request_created_timestamp_seconds";
  static final String HISTORY_UNKNOWN = "quota_cli_request_history_unknown";
  private static final String HISTORY_UNKNOWN_HELP =
      "1 for each account and API region whose quota increase requests could not be read"
          + " (ListRequestedServiceQuotaChangeHistory failed): its requests are unknown, not none.";
  private static final String[] REQUEST_LABELS = {
    "cloud", "account_id", "account_name", "region", "service", "quota_code", "quota_name", "status"
  };
  private static final String[] LABELS = {
    "cloud", "account_id", "account_name", "region", "service", "quota_code", "quota_name"
  };

  private LimitsTextfile() {}

  public static String render(
      RunSummary run, List<TargetResult> results, ExportPolicy export, String version) {
    Families f = new Families();
    f.gauge(
        LIMIT,
        "AWS service quota limit: the account's applied value, else the AWS default. Read through the limit cache (24h TTL by default).",
        LABELS);
    f.gauge(
        APPLIED,
        "1 where cloud_service_quota_limit is an applied value that differs from the AWS default"
            + " (raised or lowered for the account); absent where the limit is the AWS default.",
        LABELS);
    f.gauge(
        DEFAULT,
        "AWS default of a quota whose applied value differs from it (raised or lowered):"
            + " cloud_service_quota_limit - cloud_service_quota_limit_default is the increase;"
            + " absent where the limit is the AWS default or the default is not known.",
        LABELS);
    f.gauge(
        REQUESTED,
        "Value asked for by a quota increase request: open ones (status pending, case_opened) and"
            + " those closed in the last 30 days (approved, denied, case_closed, not_approved,"
            + " invalid_request). Absent where the account has none, or its requests are unknown"
            + " (quota_cli_request_history_unknown). Read with the limits' TTL.",
        REQUEST_LABELS);
    f.gauge(
        REQUEST_CREATED,
        "When the quota increase request of cloud_service_quota_requested was made (Unix time).",
        REQUEST_LABELS);
    for (TargetResult r : results) {
      if (r instanceof TargetResult.Collected c) {
        addRequests(f, c);
      }
      List<QuotaLimit> limits =
          r instanceof TargetResult.Collected c
              ? c.limits()
              : r instanceof TargetResult.Degraded d ? d.cachedLimits() : List.of();
      {
        var t = r.target();
        for (QuotaLimit q : limits) {
          if (!export.limit(t.service(), q)) {
            continue;
          }
          String[] labels = {
            "aws",
            t.accountId(),
            t.account().name(),
            t.region().name(),
            t.service(),
            q.code(),
            q.name()
          };
          f.add(LIMIT, q.value(), labels);
          if (q.source() == LimitSource.APPLIED && q.differsFromDefault()) {
            f.add(APPLIED, 1, labels);
          }
          Double byDefault = q.changedFromDefault();
          if (byDefault != null) {
            f.add(DEFAULT, byDefault, labels);
          }
        }
      }
    }
    addHistoryUnknown(f, run, results);
    SelfMetrics.add(f, run, version);
    return f.render();
  }

  /** The requests of a target's service, labelled like its limits (plus the status). */
  private static void addRequests(Families f, TargetResult.Collected c) {
    var t = c.target();
    Map<String, String> names = new HashMap<>();
    c.limits().forEach(l -> names.put(l.code(), l.name()));
    for (IncreaseRequest q : c.requests().requests()) {
      String name = names.getOrDefault(q.quotaCode(), q.quotaName());
      String[] labels = {
        "aws",
        t.accountId(),
        t.account().name(),
        t.region().name(),
        t.service(),
        q.quotaCode(),
        name == null ? q.quotaCode() : name,
        q.status().label()
      };
      f.add(REQUESTED, q.desiredValue(), labels);
      f.add(REQUEST_CREATED, q.created().getEpochSecond(), labels);
    }
  }

  /**
   * One series per account and API region whose request history failed (its targets share one
   * history). A self-metric of both passes that read requests: one HELP.
   */
  static void addHistoryUnknown(Families f, RunSummary run, List<TargetResult> results) {
    f.gauge(
        HISTORY_UNKNOWN,
        HISTORY_UNKNOWN_HELP,
        "subcommand",
        "account_id",
        "account_name",
        "region");
    Set<List<String>> seen = new HashSet<>();
    for (TargetResult r : results) {
      if (r instanceof TargetResult.Collected c && !c.requests().known()) {
        var t = c.target();
        List<String> key = List.of(t.accountId(), t.account().name(), t.apiRegion().name());
        if (seen.add(key)) {
          f.add(HISTORY_UNKNOWN, 1, run.subcommand(), key.get(0), key.get(1), key.get(2));
        }
      }
    }
  }
}
