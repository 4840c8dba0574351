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
 * @param requested the value of the increase request shown beside the quota (open, else closed
 *     lately), or null
 * @param requestStatus that request's status ({@code pending}, {@code approved}, ...), {@code
 *     unknown} when the request history could not be read, or null
 * @param requestCreated when that request was made, or null
 * @param requestText the table's REQUESTED cell, e.g. {@code 4096 (pending, 3 d)}, or {@code -}
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
    Double limitDefault,
    Double requested,
    String requestStatus,
    java.time.Instant requestCreated,
    String requestText) {

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
