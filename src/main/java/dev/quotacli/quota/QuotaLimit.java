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
 * @param defaultValue the AWS default of an applied limit, where known (merged with the default
 *     list or answered by GetAWSDefaultServiceQuota); null for a default limit (its value is the
 *     default), where the default is not known, and in cache entries written before it was kept
 */
public record QuotaLimit(
    String code,
    String name,
    double value,
    LimitSource source,
    String unit,
    UsageMetric usageMetric,
    Boolean atDefault,
    Double defaultValue) {
  public QuotaLimit {
    if (source == LimitSource.DEFAULT || (defaultValue != null && defaultValue.isNaN())) {
      defaultValue = null;
    }
    atDefault =
        source == LimitSource.DEFAULT
            || Boolean.TRUE.equals(atDefault)
            || (defaultValue != null && defaultValue == value);
  }

  /** A limit not known to be at its default unless it is the default. */
  public QuotaLimit(
      String code,
      String name,
      double value,
      LimitSource source,
      String unit,
      UsageMetric usageMetric) {
    this(code, name, value, source, unit, usageMetric, false, null);
  }

  /** A limit whose default value is not known. */
  public QuotaLimit(
      String code,
      String name,
      double value,
      LimitSource source,
      String unit,
      UsageMetric usageMetric,
      Boolean atDefault) {
    this(code, name, value, source, unit, usageMetric, atDefault, null);
  }

  /** The same limit with the AWS default known (ignored for a default limit). */
  public QuotaLimit withDefault(double aDefault) {
    return new QuotaLimit(code, name, value, source, unit, usageMetric, atDefault, aDefault);
  }

  /**
   * True when the account's applied value is not the AWS default (raised or lowered), or may not be
   * (its default is not known).
   */
  public boolean differsFromDefault() {
    return !atDefault;
  }

  /**
   * The AWS default of an applied value that differs from it (raised or lowered), or null where the
   * limit is the default or its default is not known.
   */
  public Double changedFromDefault() {
    return source == LimitSource.APPLIED && defaultValue != null && defaultValue != value
        ? defaultValue
        : null;
  }
}
