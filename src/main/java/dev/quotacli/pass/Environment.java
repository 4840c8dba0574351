package dev.quotacli.pass;

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
public record Environment(
    Map<String, String> variables, Clock clock, RetrySettings retry, Duration fixedDuration) {
  public static Environment system() {
    return new Environment(System.getenv(), Clock.systemUTC(), RetrySettings.DEFAULT, null);
  }
}
