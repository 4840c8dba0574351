package dev.quotacli.output;

import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.RequestHistory;
import dev.quotacli.quota.UsagePercent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a pass into the operator's rows and renders them as a table or JSON. Pure. */
public final class Reports {
  private Reports() {}

  /**
   * Rows of every collected quota, highest percent first, then unknown percent, then by key.
   *
   * @param now for the ages of increase requests
   */
  public static List<ReportRow> rows(List<TargetResult> results, boolean withUsage, Instant now) {
    List<ReportRow> rows = new ArrayList<>();
    for (TargetResult r : results) {
      List<QuotaLimit> limits =
          r instanceof TargetResult.Collected c
              ? c.limits()
              : r instanceof TargetResult.Degraded d ? d.cachedLimits() : List.of();
      var t = r.target();
      RequestHistory requests =
          r instanceof TargetResult.Collected c ? c.requests() : RequestHistory.NONE;
      Map<String, QuotaUsage> usage =
          r instanceof TargetResult.Collected c
              ? c.usage().stream().collect(Collectors.toMap(QuotaUsage::code, Function.identity()))
              : Map.of();
      for (QuotaLimit l : limits) {
        QuotaUsage u = withUsage ? usage.get(l.code()) : null;
        Double percent = u == null ? null : boxed(UsagePercent.of(u.value(), l.value()));
        IncreaseRequest shown = requests.shown(t.service(), l.code());
        rows.add(
            new ReportRow(
                t.accountId(),
                t.account().name(),
                t.region().name(),
                t.service(),
                l.code(),
                l.name(),
                l.value(),
                l.source().name().toLowerCase(Locale.ROOT),
                u == null ? null : u.value(),
                percent,
                u == null ? null : u.origin().name().toLowerCase(Locale.ROOT),
                l.changedFromDefault(),
                shown == null ? null : shown.desiredValue(),
                shown != null ? shown.status().label() : requests.known() ? null : "unknown",
                shown == null ? null : shown.created(),
                requestText(shown, requests.known(), now)));
      }
    }
    rows.sort(
        Comparator.comparing((ReportRow x) -> x.percent() == null ? 1 : 0)
            .thenComparing(x -> x.percent() == null ? 0 : -x.percent())
            .thenComparing(ReportRow::accountId)
            .thenComparing(ReportRow::region)
            .thenComparing(ReportRow::service)
            .thenComparing(ReportRow::quotaCode));
    return rows;
  }

  /** {@code 4096 (pending, 3 d)}, {@code 4096 (approved 2 d ago)}, {@code unknown} or {@code -}. */
  public static String requestText(IncreaseRequest r, boolean known, Instant now) {
    if (r == null) {
      return known ? "-" : "unknown";
    }
    String value = number(r.desiredValue());
    return r.status().open()
        ? value + " (" + r.status().label() + ", " + age(r.created(), now) + ")"
        : value + " (" + r.status().label() + " " + age(r.changed(), now) + " ago)";
  }

  /** A short age: {@code 3 d}, {@code 5 h}, {@code <1 h}. */
  static String age(Instant since, Instant now) {
    Duration d = Duration.between(since, now);
    if (d.toDays() >= 1) {
      return d.toDays() + " d";
    }
    return d.toHours() >= 1 ? d.toHours() + " h" : "<1 h";
  }

  private static Double boxed(java.util.OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  /**
   * A plain-text table with aligned columns; usage columns only when {@code withUsage}. SOURCE says
   * where the limit came from, with the AWS default beside an applied value that differs from it;
   * REQUESTED the quota's open increase request (else its latest closed lately) and its age.
   */
  public static String table(List<ReportRow> rows, boolean withUsage) {
    List<String[]> cells = new ArrayList<>();
    cells.add(
        withUsage
            ? new String[] {
              "ACCOUNT",
              "NAME",
              "REGION",
              "SERVICE",
              "CODE",
              "QUOTA",
              "USAGE",
              "LIMIT",
              "PERCENT",
              "FROM",
              "SOURCE",
              "REQUESTED"
            }
            : new String[] {
              "ACCOUNT",
              "NAME",
              "REGION",
              "SERVICE",
              "CODE",
              "QUOTA",
              "LIMIT",
              "SOURCE",
              "REQUESTED"
            });
    for (ReportRow r : rows) {
      String name =
          r.quotaName().length() > 60 ? r.quotaName().substring(0, 59) + "…" : r.quotaName();
      cells.add(
          withUsage
              ? new String[] {
                r.accountId(),
                r.accountName(),
                r.region(),
                r.service(),
                r.quotaCode(),
                name,
                number(r.usage()),
                number(r.limit()),
                r.percent() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", r.percent()),
                r.usageOrigin() == null ? "-" : r.usageOrigin(),
                r.sourceText(),
                r.requestText()
              }
              : new String[] {
                r.accountId(),
                r.accountName(),
                r.region(),
                r.service(),
                r.quotaCode(),
                name,
                number(r.limit()),
                r.sourceText(),
                r.requestText()
              });
    }
    int[] widths = new int[cells.get(0).length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(String.format("%-" + widths[i] + "s", row[i]));
        if (i < row.length - 1) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** The rows as a JSON array of objects (null where unknown). */
  public static String json(List<ReportRow> rows, boolean withUsage) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < rows.size(); i++) {
      ReportRow r = rows.get(i);
      Json.Obj o =
          new Json.Obj()
              .put("account_id", r.accountId())
              .put("account_name", r.accountName())
              .put("region", r.region())
              .put("service", r.service())
              .put("quota_code", r.quotaCode())
              .put("quota_name", r.quotaName())
              .put("limit", r.limit())
              .put("limit_source", r.limitSource());
      if (withUsage) {
        o.put("usage", r.usage()).put("percent", r.percent()).put("usage_origin", r.usageOrigin());
      }
      o.put("limit_default", r.limitDefault())
          .put("requested", r.requested())
          .put("request_status", r.requestStatus())
          .put(
              "request_created", r.requestCreated() == null ? null : r.requestCreated().toString());
      out.append(i == 0 ? "\n  " : ",\n  ").append(o);
    }
    return out.append(rows.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  /** 1152 rather than 1152.0; fractions kept (TiB). */
  static String number(Double d) {
    if (d == null) {
      return "-";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "");
  }
}
