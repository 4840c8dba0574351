package dev.quotacli.quota;

import java.time.Duration;
import java.time.Instant;

/**
 * The time-budget token bucket that degrades slow targets: each target (account × region) may use
 * {@code tokens} seconds of API time per {@code window}. The bucket holds at most {@code tokens}
 * and refills continuously at tokens / window per second, so a target that stays within its budget
 * starts every scheduled run with a full bucket, however the timer's runs fall against the window.
 * A target runs only while its balance is positive, with the balance as its allowance; its API time
 * is then deducted. A balance that goes negative degrades the target until it has refilled above
 * zero: window / tokens × deficit (600 s window, 30 tokens, deficit 10 → 200 s). Pure.
 *
 * @param tokens B, seconds of API time per window (the bucket's size)
 * @param window W
 */
public record TimeBudget(double tokens, Duration window) {
  /** Sized for an hourly run: one minute of API time per target per hour. */
  public static final TimeBudget DEFAULT = new TimeBudget(60, Duration.ofHours(1));

  public TimeBudget {
    if (!(tokens > 0) || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("a time budget needs tokens > 0 and a positive window");
    }
  }

  /**
   * One target's bucket.
   *
   * @param balance seconds left at {@code asOf}; negative after an overrun
   * @param asOf when the balance was that
   */
  public record State(double balance, Instant asOf) {}

  /** Tokens per second of refill. */
  private double rate() {
    return tokens / (window.toMillis() / 1000.0);
  }

  /** The state at {@code now}: refilled for the time since, never above a full bucket. */
  public State refill(State state, Instant now) {
    if (state == null || state.asOf() == null) {
      return new State(tokens, now);
    }
    double seconds = Math.max(0, Duration.between(state.asOf(), now).toMillis() / 1000.0);
    return new State(Math.min(tokens, state.balance() + seconds * rate()), now);
  }

  /** Whether the target is skipped at {@code now}. */
  public boolean degraded(State state, Instant now) {
    return refill(state, now).balance() <= 0;
  }

  /** Deducts a run's API time. */
  public State charge(State state, double elapsedSeconds) {
    return new State(state.balance() - Math.max(0, elapsedSeconds), state.asOf());
  }

  /** How long a degraded target is still skipped, or zero. */
  public Duration penaltyLeft(State state, Instant now) {
    if (state == null) {
      return Duration.ZERO;
    }
    State s = refill(state, now);
    if (s.balance() > 0) {
      return Duration.ZERO;
    }
    // Until the balance is above zero again (a millisecond past the exact zero).
    return Duration.ofMillis((long) Math.floor(-s.balance() / rate() * 1000) + 1);
  }
}
