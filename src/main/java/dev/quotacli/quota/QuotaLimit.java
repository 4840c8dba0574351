package dev.quotacli.quota;

/**
 * A quota's effective limit for one account, region and service.
 *
 * @param code the quota code
 * @param name the quota name as AWS spells it
 * @param value the limit
 * @param source applied or AWS default
 * @param unit the unit as AWS names it, may be null
 * @param usageMetric the CloudWatch usage metric, or null
 */
public record QuotaLimit(
    String code,
    String name,
    double value,
    LimitSource source,
    String unit,
    UsageMetric usageMetric) {}
