package dev.quotacli.cli;

import dev.quotacli.pass.QuotaJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quota-cli limits}: every configured quota's limit. */
@Command(
    name = "limits",
    mixinStandardHelpOptions = true,
    description =
        "Collect service quota limits (applied, else AWS default): a table, JSON, or Prometheus"
            + " text.")
class LimitsCommand extends QuotaCommand {
  @Option(
      names = "--force",
      description = "Refetch limits even where the limit cache is fresh (--cache-ttl).")
  boolean force;

  @Override
  QuotaJob.Kind kind() {
    return QuotaJob.Kind.LIMITS;
  }

  @Override
  boolean force() {
    return force;
  }
}
