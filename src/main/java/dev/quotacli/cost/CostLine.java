package dev.quotacli.cost;

/**
 * Spend of one linked account on one service over a period.
 *
 * @param accountId the (linked) account
 * @param service the Cost Explorer SERVICE dimension value, e.g. {@code Amazon Elastic Compute
 *     Cloud - Compute}
 * @param amount the amount in {@code unit}
 * @param unit the currency, normally USD
 * @param estimated whether AWS still marks the period Estimated
 */
public record CostLine(
    String accountId, String service, double amount, String unit, boolean estimated) {}
