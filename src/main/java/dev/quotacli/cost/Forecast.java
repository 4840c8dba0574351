package dev.quotacli.cost;

/**
 * A month-end forecast.
 *
 * @param accountId the account it covers (the payer's id for an organisation-wide one)
 * @param mean the forecast total for the rest of the month
 * @param lower the prediction interval's lower bound, or null
 * @param upper the upper bound, or null
 */
public record Forecast(String accountId, double mean, Double lower, Double upper) {}
