package dev.quotacli.cost;

import java.util.Locale;

/**
 * One piece of a scope's Cost Explorer work, fetched, cached and budgeted on its own: the spend of
 * month to date or of the last day, one forecast, the spend by one tag key, the rightsizing
 * recommendations.
 *
 * @param scope the account whose credentials ask
 * @param kind what is asked
 * @param detail the linked account of a per-account forecast, the tag key of a tag breakdown, else
 *     null (a forecast without one is the scope's whole forecast)
 */
public record CostPart(String scope, Kind kind, String detail) {
  /** What a part asks, in the order the budget is spent on them (by {@link #tier}). */
  public enum Kind {
    /** GetCostAndUsage by SERVICE and LINKED_ACCOUNT, month to date. */
    MONTH_TO_DATE(1),
    /** GetCostAndUsage by SERVICE and LINKED_ACCOUNT, the last complete day. */
    LAST_DAY(1),
    /** GetCostForecast to the end of the month: the scope's, or one linked account's. */
    FORECAST(2),
    /** GetCostAndUsage by TAG and SERVICE, month to date. */
    TAGS(3),
    /** GetRightsizingRecommendation. */
    RIGHTSIZING(3);

    private final int tier;

    Kind(int tier) {
      this.tier = tier;
    }

    /**
     * 1 for the spend (organization-wide figures), 2 for forecasts, 3 for the rest: the budget is
     * spent on a lower tier first.
     */
    public int tier() {
      return tier;
    }

    /** The {@code part} label: {@code month_to_date}, {@code last_day}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The part's cache slot within its scope: the kind's label, and its detail after a colon. */
  public String slot() {
    return kind.label() + (detail == null ? "" : ":" + detail);
  }

  /** {@code scope slot}: for messages. */
  public String describe() {
    return scope + " " + slot();
  }
}
