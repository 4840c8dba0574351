package dev.quotacli.pass;

import dev.quotacli.config.ConfigException;
import java.time.Duration;

/**
 * How fast a pass goes.
 *
 * @param concurrency items run at once, 1..256
 * @param deadline bound on the whole pass
 * @param pauseAfterCall benchmark baseline only: a sleep after every AWS call
 */
public record Pacing(int concurrency, Duration deadline, Duration pauseAfterCall) {
  public Pacing {
    if (concurrency < 1 || concurrency > 256) {
      throw new ConfigException("--concurrency must be between 1 and 256");
    }
    if (deadline.isZero() || deadline.isNegative()) {
      throw new ConfigException("--deadline must be positive");
    }
    if (pauseAfterCall.isNegative()) {
      throw new ConfigException("--bench-pause-after-call must not be negative");
    }
  }
}
