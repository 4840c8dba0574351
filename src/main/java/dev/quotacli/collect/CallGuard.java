package dev.quotacli.collect;

import java.util.function.Supplier;

/**
 * Runs one AWS API call under the pass's rules: client-side rate limit, retries with backoff on
 * retryable {@link ApiException}s, and counting. Adapters wrap every HTTP call (each page) in it.
 * Implementations are thread-safe.
 */
public interface CallGuard {
  /**
   * @param service the AWS service, e.g. {@code servicequotas}
   * @param operation the API operation, e.g. {@code ListServiceQuotas}
   * @param call the call; it throws {@link ApiException} on failure
   */
  <T> T call(String service, String operation, Supplier<T> call);
}
