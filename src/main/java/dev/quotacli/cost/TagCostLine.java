package dev.quotacli.cost;

/**
 * Spend of one tag value on one service over a period.
 *
 * @param tagKey the tag key
 * @param tagValue the value; empty for untagged spend
 * @param service the SERVICE dimension value
 * @param amount the amount (USD)
 * @param estimated whether AWS still marks the period Estimated
 */
public record TagCostLine(
    String tagKey, String tagValue, String service, double amount, boolean estimated) {}
