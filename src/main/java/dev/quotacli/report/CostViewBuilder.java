package dev.quotacli.report;

import dev.quotacli.cache.CostCache;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostPart;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.RightsizingSaving;
import dev.quotacli.cost.TagCostLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cost section from the cost cache's parts. Pure. An account's spend is taken from its own
 * scope when it has one, else from the payer scope that answered for it, so no spend is counted
 * twice.
 */
final class CostViewBuilder {
  static final int TAG_VALUES = 10;
  static final String RUN_RATE =
      "Not in the cache: quota-cli cost computes the run-rate from the resources running at the"
          + " time and writes it to aws_cost.prom only (cloud_cost_run_rate_hourly_usd).";

  private static final String MTD = CostPart.Kind.MONTH_TO_DATE.label();
  private static final String LAST_DAY = CostPart.Kind.LAST_DAY.label();
  private static final String FORECAST = CostPart.Kind.FORECAST.label();
  private static final String TAGS = CostPart.Kind.TAGS.label();
  private static final String RIGHTSIZING = CostPart.Kind.RIGHTSIZING.label();

  private CostViewBuilder() {}

  /** One account's lines of one part, and when they were fetched. */
  private record Lines(List<CostLine> lines, Instant at) {}

  static CostView build(
      ReportInputs in, ReportBuilder.Settings settings, List<ReportBuilder.Problem> problems) {
    Instant now = settings.now();
    if (in.cost().isEmpty()) {
      problems.add(
          new ReportBuilder.Problem(
              "cost",
              "no Cost Explorer answers cached: run quota-cli cost to fill the cost cache"));
      return new CostView(
          false,
          List.of(),
          Format.UNKNOWN,
          false,
          List.of(),
          CostCharts.empty(),
          CostCharts.empty(),
          List.of(),
          List.of(),
          List.of(),
          Format.UNKNOWN,
          List.of(),
          RUN_RATE);
    }
    staleParts(in, settings, problems);
    Map<String, Lines> mtd = perAccount(in, MTD);
    Map<String, Lines> lastDay = perAccount(in, LAST_DAY);
    Map<String, Forecast> forecasts = new TreeMap<>();
    List<CostView.Organization> organizations = new ArrayList<>();
    Map<String, Map<String, Double>> tagSums = new TreeMap<>();
    List<CostView.Saving> savings = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    double savingsTotal = 0;
    String unit = unit(mtd);
    for (ReportInputs.CostScope scope : in.cost()) {
      String id = scope.scopeAccountId();
      boolean payer = isPayer(scope);
      for (var e : scope.entry().parts().entrySet()) {
        String slot = e.getKey();
        CostCache.Part part = e.getValue();
        if (slot.equals(FORECAST) && part.forecast() != null) {
          Forecast f = part.forecast();
          if (payer) {
            double org = sum(part(scope, MTD));
            organizations.add(
                new CostView.Organization(
                    id,
                    in.names().getOrDefault(id, ""),
                    part(scope, MTD) == null ? Format.UNKNOWN : Format.money(org, unit),
                    Format.money(f.mean(), unit),
                    part(scope, MTD) == null
                        ? Format.UNKNOWN
                        : Format.money(org + f.mean(), unit)));
          } else {
            forecasts.put(id, f);
          }
        } else if (slot.startsWith(FORECAST + ":") && part.forecast() != null) {
          forecasts.putIfAbsent(part.forecast().accountId(), part.forecast());
        } else if (slot.startsWith(TAGS + ":")) {
          for (TagCostLine t : part.tags()) {
            tagSums
                .computeIfAbsent(t.tagKey(), k -> new HashMap<>())
                .merge(t.tagValue(), t.amount(), Double::sum);
          }
        } else if (slot.equals(RIGHTSIZING)) {
          for (RightsizingSaving s : part.savings()) {
            if (payer || s.accountId().equals(id)) {
              savings.add(
                  new CostView.Saving(
                      s.accountId(),
                      in.names().getOrDefault(s.accountId(), ""),
                      s.type(),
                      Format.money(s.monthlySavings(), unit),
                      s.recommendations()));
              savingsTotal += s.monthlySavings();
            }
          }
          if (part.rightsizingDisabled() != null) {
            disabled.add(id + ReportBuilder.name(in, id) + ": " + part.rightsizingDisabled());
          }
        }
      }
    }
    List<CostView.CostAccount> accounts = new ArrayList<>();
    List<double[]> chartValues = new ArrayList<>();
    List<String> chartLabels = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>(mtd.keySet());
    ids.addAll(lastDay.keySet());
    ids.addAll(forecasts.keySet());
    double total = 0;
    boolean estimated = false;
    for (String id : ids) {
      Lines m = mtd.get(id);
      Lines d = lastDay.get(id);
      Forecast f = forecasts.get(id);
      double spent = m == null ? 0 : sum(m.lines());
      total += spent;
      estimated |= m != null && m.lines().stream().anyMatch(CostLine::estimated);
      accounts.add(
          new CostView.CostAccount(
              id,
              in.names().getOrDefault(id, ""),
              m == null ? Format.UNKNOWN : Format.money(spent, unit),
              d == null ? Format.UNKNOWN : Format.money(sum(d.lines()), unit),
              f == null ? Format.UNKNOWN : Format.money(f.mean(), unit),
              m == null || f == null ? Format.UNKNOWN : Format.money(spent + f.mean(), unit),
              f == null || f.lower() == null || f.upper() == null
                  ? ""
                  : Format.money(f.lower(), unit) + " – " + Format.money(f.upper(), unit),
              m == null ? "not cached" : Format.ago(m.at(), now)));
      if (m != null) {
        chartLabels.add(id + ReportBuilder.name(in, id));
        chartValues.add(new double[] {spent, f == null ? 0 : f.mean()});
      }
    }
    Map<String, Double> services = new TreeMap<>();
    mtd.values()
        .forEach(l -> l.lines().forEach(x -> services.merge(x.service(), x.amount(), Double::sum)));
    List<ReportModel.Amount> byService = amounts(services, unit, Integer.MAX_VALUE, null);
    List<CostView.TagKey> tags = new ArrayList<>();
    tagSums.forEach(
        (key, values) -> {
          Map<String, Double> labelled = new HashMap<>();
          values.forEach((v, a) -> labelled.merge(v.isEmpty() ? "(untagged)" : v, a, Double::sum));
          tags.add(new CostView.TagKey(key, amounts(labelled, unit, TAG_VALUES, "(other values)")));
        });
    return new CostView(
        true,
        accounts,
        mtd.isEmpty() ? Format.UNKNOWN : Format.money(total, unit),
        estimated,
        byService,
        CostCharts.byAccount(chartLabels, chartValues, unit),
        CostCharts.byService(byService, services, unit),
        organizations,
        tags,
        savings,
        savings.isEmpty() ? Format.UNKNOWN : Format.money(savingsTotal, unit),
        disabled,
        RUN_RATE);
  }

  /** Month-to-date spend by service of each account, highest first. */
  static Map<String, List<ReportModel.Amount>> byAccountAndService(ReportInputs in) {
    Map<String, Lines> mtd = perAccount(in, MTD);
    String unit = unit(mtd);
    Map<String, List<ReportModel.Amount>> out = new TreeMap<>();
    mtd.forEach(
        (id, l) -> {
          Map<String, Double> services = new TreeMap<>();
          l.lines().forEach(x -> services.merge(x.service(), x.amount(), Double::sum));
          out.put(id, amounts(services, unit, Integer.MAX_VALUE, null));
        });
    return out;
  }

  /**
   * Each account's lines of a part: from its own scope when it has the part, else from the first
   * scope (by id) that answered for it.
   */
  private static Map<String, Lines> perAccount(ReportInputs in, String slot) {
    Map<String, Lines> own = new TreeMap<>();
    Map<String, Lines> others = new TreeMap<>();
    for (ReportInputs.CostScope scope : in.cost()) {
      CostCache.Part part = scope.entry().parts().get(slot);
      if (part == null) {
        continue;
      }
      Map<String, List<CostLine>> byAccount = new LinkedHashMap<>();
      part.lines()
          .forEach(l -> byAccount.computeIfAbsent(l.accountId(), k -> new ArrayList<>()).add(l));
      byAccount.forEach(
          (id, lines) -> {
            Lines l = new Lines(lines, part.fetchedAt());
            if (id.equals(scope.scopeAccountId())) {
              own.put(id, l);
            } else {
              others.putIfAbsent(id, l);
            }
          });
    }
    others.forEach(own::putIfAbsent);
    return own;
  }

  /** A payer answers for other accounts: spend of others, or per-account forecasts. */
  private static boolean isPayer(ReportInputs.CostScope scope) {
    String id = scope.scopeAccountId();
    for (var e : scope.entry().parts().entrySet()) {
      if (e.getKey().startsWith(FORECAST + ":")) {
        return true;
      }
      if (e.getValue().lines().stream().anyMatch(l -> !l.accountId().equals(id))) {
        return true;
      }
    }
    return false;
  }

  private static List<CostLine> part(ReportInputs.CostScope scope, String slot) {
    CostCache.Part p = scope.entry().parts().get(slot);
    return p == null ? null : p.lines();
  }

  private static double sum(List<CostLine> lines) {
    return lines == null ? 0 : lines.stream().mapToDouble(CostLine::amount).sum();
  }

  private static String unit(Map<String, Lines> mtd) {
    return mtd.values().stream()
        .flatMap(l -> l.lines().stream())
        .map(CostLine::unit)
        .filter(u -> u != null && !u.isEmpty())
        .findFirst()
        .orElse("USD");
  }

  /** Highest first; beyond {@code limit}, one {@code rest} line when it is given. */
  private static List<ReportModel.Amount> amounts(
      Map<String, Double> sums, String unit, int limit, String rest) {
    List<Map.Entry<String, Double>> sorted = new ArrayList<>(sums.entrySet());
    sorted.sort(
        Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    double max = sorted.isEmpty() ? 0 : Math.max(sorted.get(0).getValue(), 0);
    List<ReportModel.Amount> out = new ArrayList<>();
    double other = 0;
    int n = 0;
    for (var e : sorted) {
      if (n++ < limit || rest == null) {
        out.add(
            new ReportModel.Amount(
                e.getKey(),
                Format.money(e.getValue(), unit),
                Format.length(max > 0 ? e.getValue() / max * 100 : 0)));
      } else {
        other += e.getValue();
      }
    }
    if (n > limit && rest != null) {
      out.add(
          new ReportModel.Amount(
              rest, Format.money(other, unit), Format.length(max > 0 ? other / max * 100 : 0)));
    }
    return out;
  }

  private static void staleParts(
      ReportInputs in, ReportBuilder.Settings settings, List<ReportBuilder.Problem> problems) {
    Instant now = settings.now();
    for (ReportInputs.CostScope scope : in.cost()) {
      List<String> stale = new ArrayList<>();
      Instant oldest = null;
      for (var e : scope.entry().parts().entrySet()) {
        Instant at = e.getValue().fetchedAt();
        if (at == null || !at.plus(settings.costTtl()).isAfter(now)) {
          stale.add(e.getKey());
          oldest = at == null || oldest == null || at.isBefore(oldest) ? at : oldest;
        }
      }
      if (!stale.isEmpty()) {
        String id = scope.scopeAccountId();
        problems.add(
            new ReportBuilder.Problem(
                "cost",
                id
                    + ReportBuilder.name(in, id)
                    + ": "
                    + stale.size()
                    + " of "
                    + scope.entry().parts().size()
                    + " Cost Explorer part(s) older than "
                    + Format.age(settings.costTtl())
                    + " ("
                    + String.join(", ", stale)
                    + (oldest == null ? "" : "; oldest " + Format.ago(oldest, now))
                    + ")"));
      }
    }
  }
}
