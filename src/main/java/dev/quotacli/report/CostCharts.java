package dev.quotacli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The cost section's horizontal bar charts, their geometry computed for inline SVG. Pure. */
final class CostCharts {
  /** Bars per chart (the tables list everything). */
  static final int ROWS = 15;

  static final int CHART_WIDTH = 820;
  static final int LABEL_WIDTH = 250;
  static final int BAR_AREA = 360;
  static final int ROW = 22;

  static CostView.Chart empty() {
    return new CostView.Chart(CHART_WIDTH, 0, List.of(), "", "");
  }

  /** Month to date (first segment) and the forecast of the rest (second), highest month end. */
  static CostView.Chart byAccount(List<String> labels, List<double[]> values, String unit) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingDouble((Integer i) -> -(values.get(i)[0] + values.get(i)[1]))
            .thenComparing(labels::get));
    List<Integer> shown = order.subList(0, Math.min(ROWS, order.size()));
    double max =
        shown.stream().mapToDouble(i -> values.get(i)[0] + values.get(i)[1]).max().orElse(0);
    List<CostView.Bar> bars = new ArrayList<>();
    for (int i : shown) {
      double[] v = values.get(i);
      String value = Format.money(v[0], unit) + (v[1] > 0 ? " + " + Format.money(v[1], unit) : "");
      bars.add(bar(labels.get(i), bars.size(), v[0], v[1], max, value));
    }
    return new CostView.Chart(
        CHART_WIDTH, bars.size() * ROW + 4, bars, "month to date", "forecast, rest of the month");
  }

  static CostView.Chart byService(
      List<ReportModel.Amount> byService, Map<String, Double> sums, String unit) {
    List<ReportModel.Amount> shown = byService.subList(0, Math.min(ROWS, byService.size()));
    double max = shown.isEmpty() ? 0 : sums.get(shown.get(0).label());
    List<CostView.Bar> bars = new ArrayList<>();
    for (ReportModel.Amount a : shown) {
      bars.add(bar(a.label(), bars.size(), sums.get(a.label()), 0, max, a.amount()));
    }
    return new CostView.Chart(CHART_WIDTH, bars.size() * ROW + 4, bars, "month to date", "");
  }

  private static CostView.Bar bar(
      String label, int row, double a, double b, double max, String value) {
    double scale = max > 0 ? BAR_AREA / max : 0;
    double wa = Math.max(0, a) * scale;
    double wb = Math.max(0, b) * scale;
    int y = row * ROW + 2;
    return new CostView.Bar(
        label.length() > 40 ? label.substring(0, 39) + "…" : label,
        y,
        y + 14,
        LABEL_WIDTH,
        Format.length(wa),
        Format.length(LABEL_WIDTH + wa),
        Format.length(wb),
        value,
        Format.length(LABEL_WIDTH + wa + wb + 6));
  }

  private CostCharts() {}
}
