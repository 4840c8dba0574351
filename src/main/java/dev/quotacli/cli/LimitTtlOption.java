package dev.quotacli.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long cached limits are fresh. */
final class LimitTtlOption {
  static final String DEFAULT = "24h";

  @Option(
      names = "--cache-ttl",
      paramLabel = "DURATION",
      defaultValue = DEFAULT,
      converter = DurationConverter.class,
      description = "Limit cache TTL (default: ${DEFAULT-VALUE}).")
  Duration cacheTtl;
}
