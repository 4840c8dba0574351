package dev.quotacli.cli;

import dev.quotacli.collect.RetrySettings;
import dev.quotacli.pass.Environment;
import dev.quotacli.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Runs quota-cli in-process with captured output, fast retries and a given environment. */
final class Cli {
  static final RetrySettings FAST_RETRIES =
      new RetrySettings(
          8, Duration.ofMillis(5), Duration.ofMillis(100), 0.5, Duration.ofSeconds(30), 200);

  private Cli() {}

  static CliRun run(Map<String, String> env, String... args) {
    return run(new Environment(env, Clock.systemUTC(), FAST_RETRIES, null), args);
  }

  static CliRun run(Environment env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), env, args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
