package dev.quotacli.collect;

/**
 * An AWS call that failed, already classified by the adapter so that the retry policy and the run
 * summary need no SDK types. The message is one line and never holds a secret.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;
  private final boolean retryable;
  private final boolean throttling;

  public ApiException(FailureKind kind, boolean retryable, boolean throttling, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryable = retryable;
    this.throttling = throttling;
  }

  public FailureKind kind() {
    return kind;
  }

  /** Whether another attempt may succeed (throttling, 5xx, I/O, attempt timeout). */
  public boolean retryable() {
    return retryable;
  }

  /** Whether AWS throttled the call. */
  public boolean throttling() {
    return throttling;
  }
}
