package dev.quotacli.quota;

/**
 * One quota as a Service Quotas API answered it, before any merging.
 *
 * @param code the quota code, e.g. {@code L-1216C47A}
 * @param name the quota name
 * @param value the value, or null where the API sent none
 * @param unit the unit as AWS names it ({@code None}, {@code Count}, ...), may be null
 * @param usageMetric the CloudWatch usage metric, or null
 * @param errorReason an {@code ErrorReason} code and message, or null; when set, the value is not a
 *     limit
 */
public record ApiQuota(
    String code,
    String name,
    Double value,
    String unit,
    UsageMetric usageMetric,
    String errorReason) {}
