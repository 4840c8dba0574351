package dev.quotacli.cli;

import dev.quotacli.pass.QuotaJob;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quota-cli usage}: how much of each quota is used, and the percent of its limit. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description =
        "Collect quota usage (Describe/List counters, else CloudWatch AWS/Usage) with percent of"
            + " the limit.")
class UsageCommand extends QuotaCommand {
  static final String DEFAULT_USAGE_TTL = "1h";

  @Option(
      names = "--usage-ttl",
      paramLabel = "DURATION",
      defaultValue = DEFAULT_USAGE_TTL,
      converter = DurationConverter.class,
      description = "Usage cache TTL (default: ${DEFAULT-VALUE}).")
  Duration usageTtl;

  @Option(
      names = "--force",
      description =
          "Recount usage even where the usage cache is fresh; limits keep their cache (--cache-ttl).")
  boolean force;

  @Override
  QuotaJob.Kind kind() {
    return QuotaJob.Kind.USAGE;
  }

  @Override
  boolean force() {
    return force;
  }

  @Override
  Duration usageTtl() {
    return usageTtl;
  }
}
