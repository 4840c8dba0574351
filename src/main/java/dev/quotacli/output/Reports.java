package dev.quotacli.output;

import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.UsagePercent;
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

  /** Rows of every collected quota, highest percent first, then unknown percent, then by key. */
  public static List<ReportRow> rows(List<TargetResult> results, boolean withUsage) {
    List<ReportRow> rows = new ArrayList<>();
    for (TargetResult r : results) {
      List<QuotaLimit> limits =
          r instanceof TargetResult.Collected c
              ? c.limits()
              : r instanceof TargetResult.Degraded d ? d.cachedLimits() : List.of();
      var t = r.target();
      Map<String, QuotaUsage> usage =
          r instanceof TargetResult.Collected c
              ? c.usage().stream().collect(Collectors.toMap(QuotaUsage::code, Function.identity()))
              : Map.of();
      for (QuotaLimit l : limits) {
        QuotaUsage u = withUsage ? usage.get(l.code()) : null;
        Double percent = u == null ? null : boxed(UsagePercent.of(u.value(), l.value()));
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
                l.changedFromDefault()));
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

  private static Double boxed(java.util.OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  /**
   * A plain-text table with aligned columns; usage columns only when {@code withUsage}. SOURCE says
   * where the limit came from, with the AWS default beside an applied value that differs from it.
   */
  public static String table(List<ReportRow> rows, boolean withUsage) {
    List<String[]> cells = new ArrayList<>();
    cells.add(
        withUsage
            ? new String[] {
              "ACCOUNT", "NAME", "REGION", "SERVICE", "CODE", "QUOTA", "USAGE", "LIMIT", "PERCENT",
              "FROM", "SOURCE"
            }
            : new String[] {
              "ACCOUNT", "NAME", "REGION", "SERVICE", "CODE", "QUOTA", "LIMIT", "SOURCE"
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
                r.sourceText()
              }
              : new String[] {
                r.accountId(),
                r.accountName(),
                r.region(),
                r.service(),
                r.quotaCode(),
                name,
                number(r.limit()),
                r.sourceText()
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
      o.put("limit_default", r.limitDefault());
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
