package dev.quotacli.report;

/**
 * Where the report finds a quota's increase request (Service Quotas'
 * ListRequestedServiceQuotaChangeHistory, cached by the limit passes: {@link CachedRequests}); the
 * report shows no request column unless it answers for some quota. {@link #NONE} answers nothing.
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
