package dev.quotacli.cost;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums of {@link CostLine}s. Never sums across cost bases: call it with lines of one metric. Pure.
 */
public final class CostTotals {
  private CostTotals() {}

  /** Total per account, sorted by account id. */
  public static Map<String, Double> byAccount(List<CostLine> lines) {
    Map<String, Double> totals = new TreeMap<>();
    lines.forEach(l -> totals.merge(l.accountId(), l.amount(), Double::sum));
    return totals;
  }

  /** Total per service over all accounts, sorted by service. */
  public static Map<String, Double> byService(List<CostLine> lines) {
    Map<String, Double> totals = new TreeMap<>();
    lines.forEach(l -> totals.merge(l.service(), l.amount(), Double::sum));
    return totals;
  }

  /** The grand total. */
  public static double total(List<CostLine> lines) {
    return lines.stream().mapToDouble(CostLine::amount).sum();
  }

  /** Whether any line is still an estimate. */
  public static boolean anyEstimated(List<CostLine> lines) {
    return lines.stream().anyMatch(CostLine::estimated);
  }
}
