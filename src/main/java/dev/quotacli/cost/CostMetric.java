package dev.quotacli.cost;

/**
 * The cost basis. Cost Explorer spells it one way in GetCostAndUsage ({@code UnblendedCost}) and
 * another in GetCostForecast ({@code UNBLENDED_COST}).
 */
public enum CostMetric {
  UNBLENDED("UnblendedCost", "UNBLENDED_COST"),
  AMORTIZED("AmortizedCost", "AMORTIZED_COST"),
  NET_UNBLENDED("NetUnblendedCost", "NET_UNBLENDED_COST"),
  BLENDED("BlendedCost", "BLENDED_COST");

  private final String usageName;
  private final String forecastName;

  CostMetric(String usageName, String forecastName) {
    this.usageName = usageName;
    this.forecastName = forecastName;
  }

  /** The GetCostAndUsage metric name. */
  public String usageName() {
    return usageName;
  }

  /** The GetCostForecast metric name. */
  public String forecastName() {
    return forecastName;
  }
}
