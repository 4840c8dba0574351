package dev.quotacli.collect;

/** Why a target or an API call failed; also the {@code reason} label of failure self-metrics. */
public enum FailureKind {
  /** Still throttled after every retry. */
  THROTTLED,
  /** The credentials are not allowed to make the call. */
  ACCESS_DENIED,
  /** The credentials are invalid, expired, or could not be obtained (AssumeRole failed). */
  INVALID_CREDENTIALS,
  /** The region is not enabled for the account, or the service does not answer there. */
  REGION_DISABLED,
  /** The call or the pass ran out of time. */
  TIMEOUT,
  /** The service answered 5xx, or the connection failed, after every retry. */
  UNAVAILABLE,
  /** The resource asked for does not exist (e.g. NoSuchResourceException). */
  NOT_FOUND,
  /** No credentials can be had (a static-key account while the CMDB is down). */
  NO_CREDENTIALS,
  /**
   * Not asked: the run's request budget (Cost Explorer's {@code --max-ce-requests}) did not cover
   * it; a later run asks.
   */
  BUDGET,
  /** Anything else. */
  OTHER;

  /** The label value: lower case. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
