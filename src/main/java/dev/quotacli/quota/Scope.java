package dev.quotacli.quota;

/** Whether a service's quotas are per region or one value per account. */
public enum Scope {
  /** One value per account and region. */
  REGIONAL,
  /** One value per account, read in us-east-1 and exported with {@code region="global"}. */
  GLOBAL
}
