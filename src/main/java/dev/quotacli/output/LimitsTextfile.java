package dev.quotacli.output;

import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.ExportPolicy;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import java.util.List;

/**
 * Renders a {@code limits} pass as Prometheus text: the limit series of the quotas the export
 * policy keeps (a discovered quota only where its applied value is not the AWS default) plus
 * self-metrics. Pure.
 */
public final class LimitsTextfile {
  static final String LIMIT = "cloud_service_quota_limit";
  static final String APPLIED = "cloud_service_quota_limit_applied";
  static final String DEFAULT = "cloud_service_quota_limit_default";
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
    for (TargetResult r : results) {
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
    SelfMetrics.add(f, run, version);
    return f.render();
  }
}
