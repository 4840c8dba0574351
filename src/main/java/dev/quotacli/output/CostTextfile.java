package dev.quotacli.output;

import dev.quotacli.collect.RunSummary;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostSnapshot;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.RightsizingSaving;
import dev.quotacli.cost.RunRate;
import dev.quotacli.cost.TagCostLine;
import dev.quotacli.cost.TagCosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@code cost} pass as {@code aws_cost.prom}: gauges in USD, no date labels. Spend,
 * forecasts and savings carry the account they are of; tag spend is organization-wide in both modes
 * (a payer's one answer, or the scopes' answers summed). Pure.
 */
public final class CostTextfile {
  static final String MTD = "cloud_cost_month_to_date_usd";
  static final String LAST_DAY = "cloud_cost_last_day_usd";
  static final String FORECAST = "cloud_cost_forecast_month_end_usd";
  static final String FORECAST_LOWER = "cloud_cost_forecast_month_end_lower_usd";
  static final String FORECAST_UPPER = "cloud_cost_forecast_month_end_upper_usd";
  static final String ORG_FORECAST = "cloud_cost_organization_forecast_month_end_usd";
  static final String ORG_FORECAST_LOWER = "cloud_cost_organization_forecast_month_end_lower_usd";
  static final String ORG_FORECAST_UPPER = "cloud_cost_organization_forecast_month_end_upper_usd";
  static final String BY_TAG = "cloud_cost_by_tag_month_to_date_usd";
  static final String SAVINGS = "cloud_cost_rightsizing_savings_monthly_usd";
  static final String RUN_RATE = "cloud_cost_run_rate_hourly_usd";
  static final String ESTIMATED = "cloud_cost_estimated";
  static final String CE_REQUESTS = "quota_cli_cost_explorer_requests";
  static final String CE_SPEND = "quota_cli_cost_explorer_spend_usd";
  static final String CE_SKIPPED = "quota_cli_cost_explorer_skipped";
  static final String FALLBACK = "quota_cli_cost_fallback_prices";
  static final String UNPRICED = "quota_cli_cost_unpriced_resources";

  /** Cost Explorer's price: $0.01 per request, every page counted. */
  public static final double USD_PER_CE_REQUEST = dev.quotacli.cost.CostPlan.USD_PER_REQUEST;

  /**
   * One pass's figures.
   *
   * @param snapshots Cost Explorer answers per scope
   * @param runRates run-rate lines per account
   * @param unpriced resources that could not be priced
   * @param priceSource {@code api} or {@code fallback}, or null when no run-rate was computed
   * @param ceRequests Cost Explorer requests made (each billed page)
   * @param names account names by id, for the {@code account_name} label
   * @param tagTop tag values kept per key over the whole organization (the rest as {@code other})
   * @param skipped Cost Explorer parts the run wanted and does not export, by part ({@code
   *     month_to_date}, {@code last_day}, {@code forecast}, {@code tags}, {@code rightsizing}) and
   *     reason ({@code budget}, {@code timeout}, or the failure's)
   */
  public record Figures(
      List<CostSnapshot> snapshots,
      Map<String, List<RunRate.Line>> runRates,
      int unpriced,
      String priceSource,
      long ceRequests,
      Map<String, String> names,
      int tagTop,
      Map<Skipped, Integer> skipped) {
    public Figures {
      skipped = skipped == null ? Map.of() : Map.copyOf(skipped);
    }
  }

  /**
   * The labels of a {@value #CE_SKIPPED} series.
   *
   * @param part the part's kind label
   * @param reason {@code budget}, {@code timeout}, or the failure's reason label
   */
  public record Skipped(String part, String reason) {}

  private CostTextfile() {}

  public static String render(RunSummary run, Figures figures, String version) {
    Families f = new Families();
    String[] accountService = {"cloud", "account_id", "account_name", "service"};
    f.gauge(
        MTD,
        "Month-to-date spend by account and service, in USD (Cost Explorer; cost basis per --cost-metric).",
        accountService);
    f.gauge(
        LAST_DAY,
        "Spend of the last complete day (UTC) by account and service, in USD.",
        accountService);
    f.gauge(
        FORECAST,
        "Cost Explorer forecast of one account's spend for the rest of the current month, in USD"
            + " (mean): without a payer each account's own; with one, the linked accounts with the"
            + " most spend (--forecast-top).",
        "cloud",
        "account_id",
        "account_name");
    f.gauge(
        FORECAST_LOWER,
        "Lower bound of the forecast's 80% prediction interval, in USD.",
        "cloud",
        "account_id",
        "account_name");
    f.gauge(
        FORECAST_UPPER,
        "Upper bound of the forecast's 80% prediction interval, in USD.",
        "cloud",
        "account_id",
        "account_name");
    f.gauge(
        ORG_FORECAST,
        "Cost Explorer forecast of the spend of the whole organization for the rest of the current"
            + " month, in USD (mean), asked with the payer's (account_id) credentials.",
        "cloud",
        "account_id",
        "account_name");
    f.gauge(
        ORG_FORECAST_LOWER,
        "Lower bound of the organization forecast's 80% prediction interval, in USD.",
        "cloud",
        "account_id",
        "account_name");
    f.gauge(
        ORG_FORECAST_UPPER,
        "Upper bound of the organization forecast's 80% prediction interval, in USD.",
        "cloud",
        "account_id",
        "account_name");
    f.gauge(
        BY_TAG,
        "Month-to-date spend by tag value and service of the whole organization (every Cost Explorer"
            + " scope summed), in USD: top values per key, the rest as 'other', untagged as"
            + " 'untagged'.",
        "cloud",
        "tag_key",
        "tag_value",
        "service");
    f.gauge(
        SAVINGS,
        "Estimated monthly savings of Cost Explorer's EC2 rightsizing recommendations, in USD.",
        "cloud",
        "account_id",
        "account_name",
        "type");
    f.gauge(
        ESTIMATED,
        "1 if AWS still marks the account's month-to-date figures as estimated, else 0.",
        "cloud",
        "account_id",
        "account_name");
    Map<String, Boolean> estimated = new TreeMap<>();
    for (CostSnapshot s : figures.snapshots()) {
      add(f, MTD, s.monthToDate(), figures.names(), estimated);
      add(f, LAST_DAY, s.lastDay(), figures.names(), null);
      for (Forecast fc : s.forecasts()) {
        forecast(f, fc, figures.names(), FORECAST, FORECAST_LOWER, FORECAST_UPPER);
      }
      if (s.organizationForecast() != null) {
        forecast(
            f,
            s.organizationForecast(),
            figures.names(),
            ORG_FORECAST,
            ORG_FORECAST_LOWER,
            ORG_FORECAST_UPPER);
      }
      for (RightsizingSaving r : s.rightsizing()) {
        f.add(
            SAVINGS,
            r.monthlySavings(),
            "aws",
            r.accountId(),
            figures.names().getOrDefault(r.accountId(), ""),
            r.type());
      }
    }
    // Tag spend is organization-wide: the scopes' lines are summed, then bounded to the top values
    // of the whole organization (a value is never 'other' in one scope and itself in another).
    List<TagCostLine> byTag = new ArrayList<>();
    figures.snapshots().forEach(s -> byTag.addAll(s.byTag()));
    for (TagCostLine t : TagCosts.topN(byTag, figures.tagTop())) {
      f.sum(BY_TAG, t.amount(), "aws", t.tagKey(), t.tagValue(), t.service());
    }
    estimated.forEach(
        (id, e) -> f.add(ESTIMATED, e ? 1 : 0, "aws", id, figures.names().getOrDefault(id, "")));
    f.gauge(
        RUN_RATE,
        "Estimated hourly cost of what runs now (On-Demand list prices from the Pricing API), in USD.",
        "cloud",
        "account_id",
        "account_name",
        "region",
        "service",
        "resource_type");
    figures
        .runRates()
        .forEach(
            (id, lines) -> {
              for (RunRate.Line l : lines) {
                f.add(
                    RUN_RATE,
                    l.usdPerHour(),
                    "aws",
                    id,
                    figures.names().getOrDefault(id, ""),
                    l.region(),
                    l.service(),
                    l.resourceType());
              }
            });
    f.gauge(
            CE_REQUESTS,
            "Cost Explorer requests of the last run (each page is billed).",
            "subcommand")
        .add(CE_REQUESTS, figures.ceRequests(), run.subcommand());
    f.gauge(
            CE_SPEND,
            "Estimated Cost Explorer API spend of the last run, in USD ($0.01 per request).",
            "subcommand")
        .add(CE_SPEND, figures.ceRequests() * USD_PER_CE_REQUEST, run.subcommand());
    f.gauge(
        CE_SKIPPED,
        "Cost Explorer parts (a scope's month to date, last day, one forecast, one tag key,"
            + " rightsizing) the last run wanted and does not export, by reason: budget (not"
            + " within --max-ce-requests; the next runs ask, oldest first), timeout, or the failure.",
        "subcommand",
        "part",
        "reason");
    for (var kind : dev.quotacli.cost.CostPart.Kind.values()) {
      f.add(
          CE_SKIPPED,
          figures.skipped().getOrDefault(new Skipped(kind.label(), "budget"), 0),
          run.subcommand(),
          kind.label(),
          "budget");
    }
    figures.skipped().entrySet().stream()
        .filter(e -> !e.getKey().reason().equals("budget"))
        .forEach(
            e ->
                f.add(
                    CE_SKIPPED,
                    e.getValue(),
                    run.subcommand(),
                    e.getKey().part(),
                    e.getKey().reason()));
    if (figures.priceSource() != null) {
      f.gauge(
              FALLBACK,
              "1 if the run-rate used the bundled fallback price table because the Pricing API failed, else 0.",
              "subcommand")
          .add(FALLBACK, "fallback".equals(figures.priceSource()) ? 1 : 0, run.subcommand());
      f.gauge(
              UNPRICED,
              "Running resources the run-rate could not price (left out, never priced at 0).",
              "subcommand")
          .add(UNPRICED, figures.unpriced(), run.subcommand());
    }
    SelfMetrics.add(f, run, version);
    return f.render();
  }

  private static void forecast(
      Families f, Forecast fc, Map<String, String> names, String mean, String lower, String upper) {
    String name = names.getOrDefault(fc.accountId(), "");
    f.add(mean, fc.mean(), "aws", fc.accountId(), name);
    if (fc.lower() != null) {
      f.add(lower, fc.lower(), "aws", fc.accountId(), name);
    }
    if (fc.upper() != null) {
      f.add(upper, fc.upper(), "aws", fc.accountId(), name);
    }
  }

  private static void add(
      Families f,
      String name,
      List<CostLine> lines,
      Map<String, String> names,
      Map<String, Boolean> estimated) {
    Map<List<String>, Double> sums =
        new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
    for (CostLine l : lines) {
      sums.merge(List.of(l.accountId(), l.service()), l.amount(), Double::sum);
      if (estimated != null) {
        estimated.merge(l.accountId(), l.estimated(), Boolean::logicalOr);
      }
    }
    sums.forEach(
        (k, v) -> f.add(name, v, "aws", k.get(0), names.getOrDefault(k.get(0), ""), k.get(1)));
  }
}
