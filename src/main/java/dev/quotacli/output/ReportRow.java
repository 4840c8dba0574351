package dev.quotacli.output;

/**
 * One line of the operator's view (table or JSON).
 *
 * @param accountId account id
 * @param accountName account name
 * @param region region or global
 * @param service service code
 * @param quotaCode quota code
 * @param quotaName quota name
 * @param limit the limit, or null when unknown
 * @param limitSource applied or default, or null
 * @param usage the usage, or null when unknown or not collected
 * @param percent usage / limit × 100, or null
 * @param usageOrigin counter or cloudwatch, or null
 * @param limitDefault the AWS default of an applied limit that differs from it, or null
 */
public record ReportRow(
    String accountId,
    String accountName,
    String region,
    String service,
    String quotaCode,
    String quotaName,
    Double limit,
    String limitSource,
    Double usage,
    Double percent,
    String usageOrigin,
    Double limitDefault) {

  /**
   * Where the limit came from: {@code applied (default 1152)}, {@code applied} or {@code default}.
   */
  public String sourceText() {
    if (limitSource == null) {
      return "-";
    }
    return limitDefault == null
        ? limitSource
        : limitSource + " (default " + Reports.number(limitDefault) + ")";
  }
}
