package dev.quotacli.quota;

/**
 * A quota's current usage in one account and region.
 *
 * @param code the quota code
 * @param value the usage, in the quota's unit (vCPUs, TiB, count, ...)
 * @param origin counter or CloudWatch
 */
public record QuotaUsage(String code, double value, UsageOrigin origin) {}
