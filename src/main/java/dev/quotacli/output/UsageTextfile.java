package dev.quotacli.output;

import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.ExportPolicy;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.UsagePercent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders a {@code usage} pass: usage and percent of the limit of the quotas the export policy
 * keeps (a discovered quota only where its usage is above 0), where the usage of each quota came
 * from (one series per service, quota and origin), and the self-metrics. The limit series itself
 * stays in the limits file (one series, one file). Pure.
 */
public final class UsageTextfile {
  static final String USAGE = "cloud_service_quota_usage";
  static final String PERCENT = "cloud_quota_usage_percent";
  static final String ORIGIN = "quota_cli_usage_origin";
  static final String UNKNOWN = "quota_cli_usage_unknown";
  private static final String[] LABELS = {
    "cloud", "account_id", "account_name", "region", "service", "quota_code", "quota_name"
  };

  private UsageTextfile() {}

  public static String render(
      RunSummary run, List<TargetResult> results, ExportPolicy export, String version) {
    Families f = new Families();
    f.gauge(
        USAGE,
        "Current usage of an AWS service quota, in the quota's unit. Absent where the usage is unknown (never 0 for unknown).",
        LABELS);
    f.gauge(
        PERCENT,
        "Usage as a percentage of the limit (0-100+), only where the limit is above 0; usage/limit is the ratio.",
        LABELS);
    // One series per service, quota and origin, not per account and region; shard-labelled like
    // the self-metrics so that the files of several shards in one directory never repeat one.
    boolean sharded = !run.shard().isAll();
    String[] runLabels =
        sharded ? new String[] {"subcommand", "shard"} : new String[] {"subcommand"};
    String[] runValues =
        sharded
            ? new String[] {run.subcommand(), run.shard().toString()}
            : new String[] {run.subcommand()};
    f.gauge(
        ORIGIN,
        "cloud_service_quota_usage series of the quota by where their value came from: origin is counter (Describe/List APIs) or cloudwatch (AWS/Usage); the value counts accounts and regions.",
        concat(runLabels, "service", "quota_code", "origin"));
    Map<List<String>, Integer> origins = new LinkedHashMap<>();
    f.gauge(
        UNKNOWN,
        "Configured quotas of the target whose usage could not be determined (no counter and no usage metric, or no datapoint).",
        "subcommand",
        "account_id",
        "account_name",
        "region",
        "service");
    for (TargetResult r : results) {
      if (!(r instanceof TargetResult.Collected c)) {
        continue;
      }
      var t = c.target();
      Map<String, QuotaLimit> limits =
          c.limits().stream().collect(Collectors.toMap(QuotaLimit::code, Function.identity()));
      for (QuotaUsage u : c.usage()) {
        if (!export.usage(t.service(), u)) {
          continue;
        }
        QuotaLimit limit = limits.get(u.code());
        String name = limit == null ? u.code() : limit.name();
        String[] labels = {
          "aws", t.accountId(), t.account().name(), t.region().name(), t.service(), u.code(), name
        };
        f.add(USAGE, u.value(), labels);
        if (limit != null) {
          UsagePercent.of(u.value(), limit.value()).ifPresent(p -> f.add(PERCENT, p, labels));
        }
        origins.merge(
            List.of(t.service(), u.code(), u.origin().name().toLowerCase(Locale.ROOT)),
            1,
            Integer::sum);
      }
      if (!c.unknownUsage().isEmpty()) {
        f.add(
            UNKNOWN,
            c.unknownUsage().size(),
            run.subcommand(),
            t.accountId(),
            t.account().name(),
            t.region().name(),
            t.service());
      }
    }
    origins.forEach(
        (key, count) -> f.add(ORIGIN, count, concat(runValues, key.toArray(String[]::new))));
    // The requests themselves are in the limits file (one series, one file); their failures here
    // too.
    LimitsTextfile.addHistoryUnknown(f, run, results);
    SelfMetrics.add(f, run, version);
    return f.render();
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
