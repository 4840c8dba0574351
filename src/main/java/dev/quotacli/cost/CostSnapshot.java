package dev.quotacli.cost;

import java.util.List;

/**
 * What one pass exports of one scope (a payer, or an account on its own): the parts Cost Explorer
 * answered now or that are fresh in the cost cache; a part that is neither is left out (and
 * reported), never filled in.
 *
 * @param scopeAccountId the account whose credentials asked (the payer, or the account itself)
 * @param monthToDate spend by linked account and service, month to date
 * @param lastDay spend by linked account and service on the last complete day
 * @param forecasts month-end forecasts of single accounts (without a payer, the account's own; with
 *     one, each linked account asked on its own)
 * @param organizationForecast with a payer, the forecast of everything it pays for; else null
 * @param byTag month-to-date spend by tag value and service, every value (bounded when rendered)
 * @param rightsizing rightsizing savings by account and type
 * @param rightsizingDisabled AWS's reason when rightsizing recommendations are not enabled, or null
 */
public record CostSnapshot(
    String scopeAccountId,
    List<CostLine> monthToDate,
    List<CostLine> lastDay,
    List<Forecast> forecasts,
    Forecast organizationForecast,
    List<TagCostLine> byTag,
    List<RightsizingSaving> rightsizing,
    String rightsizingDisabled) {
  public CostSnapshot {
    monthToDate = List.copyOf(monthToDate);
    lastDay = List.copyOf(lastDay);
    forecasts = List.copyOf(forecasts);
    byTag = List.copyOf(byTag);
    rightsizing = List.copyOf(rightsizing);
  }

  /** A scope without the organization forecast (an account on its own). */
  public CostSnapshot(
      String scopeAccountId,
      List<CostLine> monthToDate,
      List<CostLine> lastDay,
      List<Forecast> forecasts,
      List<TagCostLine> byTag,
      List<RightsizingSaving> rightsizing,
      String rightsizingDisabled) {
    this(
        scopeAccountId,
        monthToDate,
        lastDay,
        forecasts,
        null,
        byTag,
        rightsizing,
        rightsizingDisabled);
  }
}
