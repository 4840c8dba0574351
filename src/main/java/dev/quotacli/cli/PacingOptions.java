package dev.quotacli.cli;

import dev.quotacli.pass.Pacing;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Pool size and deadline. */
final class PacingOptions {
  // 64: the benchmark's best at 50 ms latency; the per-account rate limiter bounds what AWS sees.
  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "64",
      description = "Work items run at once, 1-256 (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      defaultValue = "50m",
      converter = DurationConverter.class,
      description =
          "Bound on the whole pass; work still running then fails (default: ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(
      names = "--bench-pause-after-call",
      hidden = true,
      paramLabel = "DURATION",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "Benchmark baseline only: sleep this long after every AWS call, as the old exporter did.")
  Duration benchPauseAfterCall;

  Pacing pacing() {
    return new Pacing(concurrency, deadline, benchPauseAfterCall);
  }
}
