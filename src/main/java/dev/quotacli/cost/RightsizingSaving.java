package dev.quotacli.cost;

/**
 * Estimated monthly savings of Cost Explorer's rightsizing recommendations, per account and type.
 *
 * @param accountId the account
 * @param type {@code MODIFY} or {@code TERMINATE}
 * @param monthlySavings estimated monthly savings (USD), summed over the recommendations
 * @param recommendations how many recommendations
 */
public record RightsizingSaving(
    String accountId, String type, double monthlySavings, int recommendations) {}
