package dev.quotacli.collect;

/**
 * How one work item ended: its value, or a failure (never an exception out of the pool).
 *
 * @param <I> the item type
 * @param <R> the value type
 */
public sealed interface Settled<I, R> {
  I item();

  /**
   * @param item the item
   * @param value what the work returned
   */
  record Done<I, R>(I item, R value) implements Settled<I, R> {}

  /**
   * @param item the item
   * @param kind why
   * @param message one line, never a secret
   */
  record Failed<I, R>(I item, FailureKind kind, String message) implements Settled<I, R> {}
}
