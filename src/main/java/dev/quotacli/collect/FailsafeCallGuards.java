package dev.quotacli.collect;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one owner of retries and pacing: Failsafe exponential backoff with jitter on retryable {@link
 * ApiException}s (throttling, 5xx, I/O, attempt timeouts), none on the rest (access denied, invalid
 * credentials abort at once), and a smooth rate limiter per account, region and operation.
 * Thread-safe; one instance per pass, {@link #forTarget} per account and region.
 */
public final class FailsafeCallGuards implements CallGuards {
  private final RetrySettings settings;
  private final ApiStats stats;

  /** One smooth rate limiter per account, region and operation. */
  private final Map<LimiterKey, RateLimiter<Object>> limiters = new ConcurrentHashMap<>();

  /** One retry policy per operation (its retries are counted under it), built once. */
  private final Map<ApiStats.Key, FailsafeExecutor<Object>> executors = new ConcurrentHashMap<>();

  private final Duration pauseAfterCall;

  public FailsafeCallGuards(RetrySettings settings, ApiStats stats) {
    this(settings, stats, Duration.ZERO);
  }

  /**
   * @param pauseAfterCall a sleep after every call; only the benchmark's baseline uses it, to mimic
   *     the old exporter's design
   */
  public FailsafeCallGuards(RetrySettings settings, ApiStats stats, Duration pauseAfterCall) {
    this.settings = settings;
    this.stats = stats;
    this.pauseAfterCall = pauseAfterCall;
  }

  @Override
  public ApiStats stats() {
    return stats;
  }

  @Override
  public CallGuard forTarget(String accountId, String apiRegion) {
    return new CallGuard() {
      @Override
      public <T> T call(String service, String operation, Supplier<T> call) {
        RateLimiter<Object> limiter =
            limiters.computeIfAbsent(
                new LimiterKey(accountId, apiRegion, service, operation),
                k -> newLimiter(operation));
        return run(limiter, service, operation, call);
      }
    };
  }

  /**
   * Operations whose AWS rate is below the pass's rate: Service Quotas' request history allows 5
   * per second per account and region (its other List calls 10), so it is paced at 4.
   */
  static final Map<String, Double> SLOWER_OPERATIONS =
      Map.of("ListRequestedServiceQuotaChangeHistory", 4.0);

  /** Calls per second of one operation: the pass's rate, or the operation's lower one. */
  double ratePerSecond(String operation) {
    return Math.min(
        settings.ratePerSecond(), SLOWER_OPERATIONS.getOrDefault(operation, Double.MAX_VALUE));
  }

  private RateLimiter<Object> newLimiter(String operation) {
    long nanosPerPermit = (long) (1_000_000_000L / ratePerSecond(operation));
    return RateLimiter.smoothBuilder(Duration.ofNanos(nanosPerPermit))
        .withMaxWaitTime(settings.maxDuration())
        .build();
  }

  /** The retry policy of one operation: built on its first call, shared by every later one. */
  private FailsafeExecutor<Object> retrying(String service, String operation) {
    return executors.computeIfAbsent(
        new ApiStats.Key(service, operation), k -> Failsafe.with(newRetryPolicy(k)));
  }

  private RetryPolicy<Object> newRetryPolicy(ApiStats.Key op) {
    var builder =
        RetryPolicy.builder()
            .handleIf(e -> e instanceof ApiException a && a.retryable())
            .withMaxRetries(settings.maxRetries())
            .withMaxDuration(settings.maxDuration())
            .onRetry(e -> stats.retry(op.service(), op.operation()));
    Duration base = positive(settings.baseDelay());
    if (settings.maxDelay().compareTo(base) > 0) {
      builder.withBackoff(base, settings.maxDelay()).withJitter(settings.jitter());
    } else {
      builder.withDelay(base);
    }
    return builder.build();
  }

  private <T> T run(
      RateLimiter<Object> limiter, String service, String operation, Supplier<T> call) {
    try {
      return retrying(service, operation)
          .get(
              () -> {
                limiter.acquirePermit();
                stats.call(service, operation);
                try {
                  return call.get();
                } catch (ApiException e) {
                  if (e.throttling()) {
                    stats.throttle(service, operation);
                  }
                  throw e;
                } finally {
                  if (!pauseAfterCall.isZero()) {
                    Thread.sleep(pauseAfterCall.toMillis());
                  }
                }
              });
    } catch (dev.failsafe.RateLimitExceededException e) {
      throw new ApiException(
          FailureKind.TIMEOUT, false, false, operation + ": client-side rate limit wait too long");
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new ApiException(FailureKind.TIMEOUT, false, false, operation + ": interrupted");
      }
      throw new ApiException(FailureKind.OTHER, false, false, operation + ": " + e.getMessage());
    }
  }

  private record LimiterKey(String accountId, String apiRegion, String service, String operation) {}

  /** Failsafe wants positive delays; zero (tests) becomes one nanosecond. */
  private static Duration positive(Duration d) {
    return d.isZero() || d.isNegative() ? Duration.ofNanos(1) : d;
  }
}
