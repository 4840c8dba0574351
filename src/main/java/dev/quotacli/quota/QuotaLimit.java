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
 * @param atDefault true when the limit is the AWS default's value: always for a default; for an
 *     applied value, where AWS's default for the quota is the same (ListServiceQuotas answers many
 *     quotas nobody raised). False for an applied value whose default differs or is not known (a
 *     quota fetched by Get, a cache entry written before this was kept, where it reads as null).
 *     Never null once constructed.
 */
public record QuotaLimit(
    String code,
    String name,
    double value,
    LimitSource source,
    String unit,
    UsageMetric usageMetric,
    Boolean atDefault) {
  public QuotaLimit {
    atDefault = source == LimitSource.DEFAULT || Boolean.TRUE.equals(atDefault);
  }

  /** A limit not known to be at its default unless it is the default. */
  public QuotaLimit(
      String code,
      String name,
      double value,
      LimitSource source,
      String unit,
      UsageMetric usageMetric) {
    this(code, name, value, source, unit, usageMetric, false);
  }

  /**
   * True when the account's applied value is not the AWS default (raised or lowered), or may not be
   * (its default is not known).
   */
  public boolean differsFromDefault() {
    return !atDefault;
  }
}
