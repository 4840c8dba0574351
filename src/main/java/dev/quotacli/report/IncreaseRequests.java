package dev.quotacli.report;

/**
 * The hook for open quota increase requests (Service Quotas' ListRequestedServiceQuotaChange...),
 * which quota-cli does not collect or cache yet: {@link #NONE} answers nothing, and the report
 * shows no request column until an implementation answers for some quota. No fake data.
 */
@FunctionalInterface
public interface IncreaseRequests {
  /** Nothing is known about increase requests. */
  IncreaseRequests NONE = (accountId, region, service, code) -> null;

  /**
   * The open increase request of a quota, e.g. {@code 256 requested 2d ago (PENDING)}, or null when
   * there is none or it is not known.
   */
  String open(String accountId, String region, String service, String code);
}
