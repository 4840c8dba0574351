package dev.quotacli.cost;

import java.util.List;

/**
 * Everything Cost Explorer told one pass for one scope (a payer, or an account on its own).
 *
 * @param scopeAccountId the account whose credentials asked (the payer, or the account itself)
 * @param monthToDate spend by linked account and service, month to date
 * @param lastDay spend by linked account and service on the last complete day
 * @param forecasts month-end forecasts (the scope's total, and each linked account's where asked)
 * @param byTag month-to-date spend by tag value and service, bounded to the top N values per key
 * @param rightsizing rightsizing savings by account and type
 * @param rightsizingDisabled AWS's reason when rightsizing recommendations are not enabled, or null
 */
public record CostSnapshot(
    String scopeAccountId,
    List<CostLine> monthToDate,
    List<CostLine> lastDay,
    List<Forecast> forecasts,
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
}
