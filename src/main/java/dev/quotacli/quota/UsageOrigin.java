package dev.quotacli.quota;

/** Where a usage number came from; shown to operators next to every usage. */
public enum UsageOrigin {
  /** Counted over Describe/List APIs. */
  COUNTER,
  /** Read from the quota's CloudWatch usage metric (AWS/Usage). */
  CLOUDWATCH
}
