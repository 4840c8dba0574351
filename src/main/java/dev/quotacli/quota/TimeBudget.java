package dev.quotacli.quota;

import java.time.Duration;
import java.time.Instant;

/**
 * The time-budget token bucket that degrades slow targets: each target (account × region) has
 * {@code tokens} tokens per {@code window}, one token being one second of API time. A target runs
 * only while its balance is positive; its elapsed seconds are then deducted. A balance that goes
 * negative degrades the target until its window ends, and the window is extended by window / tokens
 * × deficit (600 s window, 30 tokens, deficit 10 → 200 s more). Pure.
 *
 * @param tokens B, tokens per window
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
   * @param balance tokens left (seconds); negative after an overrun
   * @param windowEnd when the window (with any extension) ends and the bucket refills
   */
  public record State(double balance, Instant windowEnd) {}

  /** The state at {@code now}: a full bucket in a new window once the old one has ended. */
  public State refill(State state, Instant now) {
    if (state == null || !now.isBefore(state.windowEnd())) {
      return new State(tokens, now.plus(window));
    }
    return state;
  }

  /** Whether the target is skipped at {@code now}. */
  public boolean degraded(State state, Instant now) {
    State s = refill(state, now);
    return s.balance() <= 0;
  }

  /**
   * Deducts a run's elapsed seconds; an overrun extends the window by window / tokens × deficit.
   */
  public State charge(State state, double elapsedSeconds) {
    double before = state.balance();
    double after = before - Math.max(0, elapsedSeconds);
    if (after >= 0) {
      return new State(after, state.windowEnd());
    }
    double newDeficit = -after - Math.max(0, -before);
    long extensionMillis = Math.round(window.toMillis() / tokens * newDeficit);
    return new State(after, state.windowEnd().plusMillis(extensionMillis));
  }

  /** How long a degraded target is still skipped, or zero. */
  public Duration penaltyLeft(State state, Instant now) {
    if (state == null || state.balance() > 0 || !now.isBefore(state.windowEnd())) {
      return Duration.ZERO;
    }
    return Duration.between(now, state.windowEnd());
  }
}
