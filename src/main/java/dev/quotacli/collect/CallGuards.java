package dev.quotacli.collect;

/**
 * Makes the {@link CallGuard} for one account in one API region, and counts what every guard it
 * made did. The port the collectors take: Failsafe's retries and rate limits in a pass, a direct
 * guard in unit tests.
 */
public interface CallGuards {
  /** A guard whose rate limits are those of one account in one API region. */
  CallGuard forTarget(String accountId, String apiRegion);

  /** API calls, retries and throttles of every guard made so far. */
  ApiStats stats();
}
