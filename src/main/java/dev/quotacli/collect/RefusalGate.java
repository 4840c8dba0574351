package dev.quotacli.collect;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One refused credential costs one call: the guards of an account let its first call through alone
 * (its other calls wait for its outcome) and, once AWS refuses the account's credentials (invalid
 * keys, AssumeRole denied: {@link FailureKind#INVALID_CREDENTIALS}), fail every later call of the
 * account in this pass at once, with the same reason, without calling AWS. Thread-safe; one per
 * pass.
 */
public final class RefusalGate implements CallGuards {
  /** How long an account's calls wait for its first call's outcome before going ahead. */
  static final java.time.Duration FIRST_CALL_WAIT = java.time.Duration.ofMillis(250);

  private final CallGuards delegate;
  private final Map<String, CompletableFuture<ApiException>> accounts = new ConcurrentHashMap<>();

  public RefusalGate(CallGuards delegate) {
    this.delegate = delegate;
  }

  @Override
  public ApiStats stats() {
    return delegate.stats();
  }

  /** Whether AWS refused the account's credentials in this pass (and why), else null. */
  public ApiException refused(String accountId) {
    CompletableFuture<ApiException> gate = accounts.get(accountId);
    return gate != null && gate.isDone() ? gate.getNow(null) : null;
  }

  @Override
  public CallGuard forTarget(String accountId, String apiRegion) {
    CallGuard inner = delegate.forTarget(accountId, apiRegion);
    return new CallGuard() {
      @Override
      public <T> T call(String service, String operation, Supplier<T> call) {
        CompletableFuture<ApiException> mine = new CompletableFuture<>();
        CompletableFuture<ApiException> gate = accounts.putIfAbsent(accountId, mine);
        if (gate == null) {
          // The account's first call: it alone finds out whether the credentials work.
          ApiException refusal = null;
          try {
            return inner.call(service, operation, call);
          } catch (ApiException e) {
            refusal = refusal(e) ? e : null;
            throw e;
          } finally {
            mine.complete(refusal);
          }
        }
        ApiException refused;
        try {
          refused =
              gate.get(FIRST_CALL_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ApiException(FailureKind.TIMEOUT, false, false, operation + ": interrupted");
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          refused = null; // the first call is slow: go ahead, it may still refuse the rest
        }
        if (refused != null) {
          throw refusedAgain(refused);
        }
        try {
          return inner.call(service, operation, call);
        } catch (ApiException e) {
          if (refusal(e)) {
            accounts.put(accountId, CompletableFuture.completedFuture(e));
          }
          throw e;
        }
      }
    };
  }

  private static boolean refusal(ApiException e) {
    return e.kind() == FailureKind.INVALID_CREDENTIALS;
  }

  private static ApiException refusedAgain(ApiException first) {
    return new ApiException(
        first.kind(), false, false, first.getMessage() + " (refused before; not asked again)");
  }
}
