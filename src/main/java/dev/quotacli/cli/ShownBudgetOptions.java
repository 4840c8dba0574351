package dev.quotacli.cli;

import dev.quotacli.config.ConfigException;
import dev.quotacli.quota.TimeBudget;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The time budget the passes use, for commands that only show it (status, report). */
final class ShownBudgetOptions {
  @Option(
      names = "--budget",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "The time budget the passes use, to show degraded targets (default: ${DEFAULT-VALUE}).")
  double budgetSeconds;

  @Option(
      names = "--budget-window",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "The budget window the passes use (default: ${DEFAULT-VALUE}).")
  Duration budgetWindow;

  TimeBudget timeBudget() {
    try {
      return new TimeBudget(budgetSeconds, budgetWindow);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--budget: " + e.getMessage());
    }
  }
}
