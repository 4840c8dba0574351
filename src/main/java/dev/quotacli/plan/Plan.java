package dev.quotacli.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a pass would do, and its rendering as a table or JSON. Pure.
 *
 * @param subcommand the subcommand planned
 * @param scope what the plan covers, one line each (accounts and their source, shard)
 * @param targets the targets, or null where the subcommand has none (cost, discover-regions)
 * @param calls the AWS calls by rate-limiter key
 * @param cloudWatchMetrics metrics GetMetricData would be asked for
 * @param costExplorer Cost Explorer requests (cost only; zero elsewhere)
 * @param costExplorerPlan the Cost Explorer plan lines (cost only)
 * @param ratePerSecond the client-side rate per account, region and operation
 * @param notes what the operator should know about the estimate
 */
public record Plan(
    String subcommand,
    List<String> scope,
    Estimator.Targets targets,
    Calls calls,
    Range cloudWatchMetrics,
    Range costExplorer,
    List<String> costExplorerPlan,
    double ratePerSecond,
    List<String> notes) {
  /** Cost Explorer: $0.01 a request, every page. */
  public static final double CE_USD_PER_REQUEST = 0.01;

  /** CloudWatch GetMetricData: $0.01 per 1,000 metrics requested. */
  public static final double CW_USD_PER_1000_METRICS = 0.01;

  public Plan {
    scope = List.copyOf(scope);
    costExplorerPlan = List.copyOf(costExplorerPlan);
    notes = List.copyOf(notes);
  }

  /** The rate limits assumed, one line per API. */
  public List<String> assumptions() {
    String rate = num(ratePerSecond);
    return List.of(
        "every call: at most "
            + rate
            + "/s per account, region and operation (quota-cli's client-side limiter)",
        "Service Quotas: AWS publishes 10/s per account and region; ListServiceQuotas is"
            + " throttled per account, so accounts run side by side",
        "CloudWatch GetMetricData: AWS allows 50/s per account and region, above the client's "
            + rate
            + "/s",
        "Cost Explorer: one request at a time under --max-ce-requests; AWS publishes no rate",
        "not counted: network latency, the pool size (--concurrency), retries after throttling;"
            + " a lower bound");
  }

  /** The busiest rate-limiter key's calls, in seconds at the client's rate. */
  public Range shortestSeconds() {
    Range busiest = calls.busiest();
    return new Range(
        seconds(busiest.min()), busiest.bounded() ? seconds(busiest.max()) : Range.UNBOUNDED);
  }

  /** Whole seconds, rounded up, for n calls paced at the rate (the first goes at once). */
  private long seconds(long n) {
    return n <= 1 ? 0 : (long) Math.ceil((n - 1) / ratePerSecond);
  }

  public Range pricing() {
    return calls.of("pricing");
  }

  public String table() {
    StringBuilder b = new StringBuilder();
    Range total = calls.total();
    b.append("quota-cli plan ")
        .append(subcommand)
        .append(": ")
        .append(total)
        .append(" AWS call")
        .append(total.exact() && total.min() == 1 ? "" : "s")
        .append(" (this plan made none)\n");
    scope.forEach(s -> b.append("  ").append(s).append('\n'));
    if (targets != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "targets (account × region × service): %d%n"
                  + "  answered from cache (fresh within TTL)  %d%n"
                  + "  skipped (degraded by the time budget)   %d%n"
                  + "  due                                     %d%n",
              targets.total(),
              targets.answered(),
              targets.degraded(),
              targets.due()));
    }
    Map<Op, Range> byOp = calls.byOperation();
    if (!byOp.isEmpty()) {
      int sw = "SERVICE".length();
      int ow = "OPERATION".length();
      for (Op op : byOp.keySet()) {
        sw = Math.max(sw, op.service().length());
        ow = Math.max(ow, op.operation().length());
      }
      String row = "%-" + sw + "s  %-" + ow + "s  %s%n";
      b.append(String.format(Locale.ROOT, row, "SERVICE", "OPERATION", "CALLS"));
      byOp.forEach(
          (op, n) -> b.append(String.format(Locale.ROOT, row, op.service(), op.operation(), n)));
      b.append(String.format(Locale.ROOT, row, "", "total", total));
    }
    b.append("cost:\n");
    b.append(
        String.format(
            Locale.ROOT,
            "  Cost Explorer  %s requests  %s ($0.01 each)%n",
            costExplorer,
            costExplorer.dollars(CE_USD_PER_REQUEST, 1)));
    b.append(
        String.format(
            Locale.ROOT,
            "  CloudWatch     %s metrics requested  %s ($0.01 per 1,000)%n",
            cloudWatchMetrics,
            cloudWatchMetrics.dollars(CW_USD_PER_1000_METRICS, 1000)));
    b.append(String.format(Locale.ROOT, "  Pricing        %s calls  (no charge)%n", pricing()));
    costExplorerPlan.forEach(l -> b.append("  ").append(l).append('\n'));
    b.append("shortest time at the rate limits: ").append(shortestSeconds()).append(" s\n");
    assumptions().forEach(a -> b.append("  assumes ").append(a).append('\n'));
    if (!notes.isEmpty()) {
      b.append("notes:\n");
      notes.forEach(n -> b.append("  - ").append(n).append('\n'));
    }
    return b.toString();
  }

  public String json() {
    List<String> ops = new ArrayList<>();
    calls
        .byOperation()
        .forEach(
            (op, n) ->
                ops.add(
                    "{\"service\":"
                        + quote(op.service())
                        + ",\"operation\":"
                        + quote(op.operation())
                        + ","
                        + range(n)
                        + "}"));
    StringBuilder b = new StringBuilder("{");
    b.append("\"subcommand\":").append(quote(subcommand));
    b.append(",\"aws_calls\":{").append(range(calls.total())).append('}');
    b.append(",\"scope\":").append(strings(scope));
    if (targets != null) {
      b.append(
          String.format(
              Locale.ROOT,
              ",\"targets\":{\"total\":%d,\"answered_from_cache\":%d,\"degraded\":%d,\"due\":%d}",
              targets.total(),
              targets.answered(),
              targets.degraded(),
              targets.due()));
    }
    b.append(",\"calls\":[").append(String.join(",", ops)).append(']');
    b.append(",\"cost_explorer_requests\":{").append(range(costExplorer)).append('}');
    b.append(",\"cost_explorer_usd\":{")
        .append(usd(costExplorer, CE_USD_PER_REQUEST, 1))
        .append('}');
    b.append(",\"cloudwatch_metrics\":{").append(range(cloudWatchMetrics)).append('}');
    b.append(",\"cloudwatch_usd\":{")
        .append(usd(cloudWatchMetrics, CW_USD_PER_1000_METRICS, 1000))
        .append('}');
    b.append(",\"pricing_calls\":{").append(range(pricing())).append('}');
    b.append(",\"cost_explorer_plan\":").append(strings(costExplorerPlan));
    b.append(",\"shortest_seconds\":{").append(range(shortestSeconds())).append('}');
    b.append(",\"assumptions\":").append(strings(assumptions()));
    b.append(",\"notes\":").append(strings(notes));
    return b.append("}\n").toString();
  }

  private static String range(Range r) {
    return "\"min\":" + r.min() + ",\"max\":" + (r.bounded() ? Long.toString(r.max()) : "null");
  }

  private static String usd(Range r, double price, long per) {
    return "\"min\":"
        + num(r.min() * price / per)
        + ",\"max\":"
        + (r.bounded() ? num(r.max() * price / per) : "null");
  }

  private static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString((long) d)
        : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static String strings(List<String> list) {
    return "[" + String.join(",", list.stream().map(Plan::quote).toList()) + "]";
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
