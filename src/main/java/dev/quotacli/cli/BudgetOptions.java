package dev.quotacli.cli;

import dev.quotacli.pass.BudgetSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The time budget of each account and region. */
final class BudgetOptions {
  @Option(
      names = "--budget",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "Time budget: seconds of API time each account and region may use per budget window"
              + " (default: ${DEFAULT-VALUE}).")
  double budgetSeconds;

  @Option(
      names = "--budget-window",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Time budget window (default: ${DEFAULT-VALUE}); a target over budget is skipped until"
              + " its window ends, extended by window/budget x overrun.")
  Duration budgetWindow;

  @Option(
      names = "--ignore-degradation",
      description = "Run degraded targets anyway, with no time allowance.")
  boolean ignoreDegradation;

  BudgetSettings settings() {
    return new BudgetSettings(budgetSeconds, budgetWindow, ignoreDegradation);
  }
}
