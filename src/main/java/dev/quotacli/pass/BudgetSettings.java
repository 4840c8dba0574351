package dev.quotacli.pass;

import dev.quotacli.config.ConfigException;
import dev.quotacli.quota.TimeBudget;
import java.time.Duration;

/**
 * The time budget of each account and region.
 *
 * @param seconds seconds of API time per window
 * @param window the budget window
 * @param ignore run degraded targets anyway, with no allowance
 */
public record BudgetSettings(double seconds, Duration window, boolean ignore) {
  public BudgetSettings {
    if (!(seconds > 0) || window.isZero() || window.isNegative()) {
      throw new ConfigException("--budget and --budget-window must be positive");
    }
  }

  public TimeBudget timeBudget() {
    return new TimeBudget(seconds, window);
  }
}
