package dev.quotacli.quota;

import java.time.Duration;
import java.time.Instant;

/**
 * The time-budget token bucket that degrades slow targets: each target (account × region) may use
 * {@code tokens} seconds of API time per {@code window}. The bucket holds at most {@code tokens}
 * and refills continuously at tokens / window per second, so a target that stays within its budget
 * starts every scheduled run with a full bucket, however the timer's runs fall against the window.
 * A target runs only while its balance is at least a hundredth of the bucket, with the balance as
 * its allowance; its API time is then deducted. A target that used its whole allowance is therefore
 * skipped until it has refilled that hundredth (36 s for an hourly bucket), not run again with the
 * few milliseconds that trickled in since. A balance that goes negative degrades the target until
 * it has refilled the deficit and that hundredth: window / tokens × (deficit + tokens / 100) (600 s
 * window, 30 tokens, deficit 10 → 206 s). Pure.
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

  /** The least balance a target runs with: a hundredth of the bucket. */
  public double minimumAllowance() {
    return tokens / 100;
  }

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
    return refill(state, now).balance() < minimumAllowance();
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
    double missing = minimumAllowance() - s.balance();
    if (missing <= 0) {
      return Duration.ZERO;
    }
    // Until the balance is back at the minimum (rounded up to the millisecond).
    return Duration.ofMillis((long) Math.ceil(missing / rate() * 1000));
  }
}
