package dev.quotacli.collect;

import java.time.Duration;

/**
 * How API calls are retried and paced.
 *
 * @param maxRetries retries after the first attempt
 * @param baseDelay first backoff delay; doubles each retry
 * @param maxDelay backoff cap
 * @param jitter jitter factor (0..1) applied to each delay
 * @param maxDuration bound on one call including its retries
 * @param ratePerSecond client-side calls per second per account, region and operation, kept below
 *     AWS's published rates (Service Quotas: 10 per second per region)
 */
public record RetrySettings(
    int maxRetries,
    Duration baseDelay,
    Duration maxDelay,
    double jitter,
    Duration maxDuration,
    double ratePerSecond) {
  public static final RetrySettings DEFAULT =
      new RetrySettings(
          8, Duration.ofMillis(200), Duration.ofSeconds(10), 0.5, Duration.ofMinutes(2), 8.0);

  public RetrySettings {
    if (maxRetries < 0 || jitter < 0 || jitter > 1 || ratePerSecond <= 0) {
      throw new IllegalArgumentException("bad retry settings");
    }
  }
}
