package dev.quotacli.cli;

import dev.quotacli.collect.RetrySettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What the process takes from outside the command line, injectable for tests: environment
 * variables, the clock, retry pacing, and (golden tests only) a fixed run duration.
 *
 * @param variables environment variables
 * @param clock wall clock
 * @param retry retry and rate settings
 * @param fixedDuration when not null, reported as every run's duration (byte-stable output)
 */
record CliEnvironment(
    Map<String, String> variables, Clock clock, RetrySettings retry, Duration fixedDuration) {
  static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), Clock.systemUTC(), RetrySettings.DEFAULT, null);
  }
}
