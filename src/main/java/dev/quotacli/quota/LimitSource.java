package dev.quotacli.quota;

/** Where a limit value came from. */
public enum LimitSource {
  /** The account's applied value (ListServiceQuotas / GetServiceQuota). */
  APPLIED,
  /** The AWS default, used where the account has no applied value. */
  DEFAULT
}
