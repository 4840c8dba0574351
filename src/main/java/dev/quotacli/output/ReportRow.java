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
    String usageOrigin) {}
