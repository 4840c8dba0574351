package dev.quotacli.cli;

import dev.quotacli.config.ConfigException;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quota-cli plan SUBCOMMAND [its options]}: what a pass would do (targets, API calls by
 * operation, dollars, the shortest time the rate limits allow) from the configuration, the account
 * source and the caches, without calling AWS. Each planned subcommand is the real one's subclass,
 * so it takes exactly the real one's options and validates them the same way.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Without calling AWS, say what a pass of limits, usage, cost, discover-regions or"
            + " refresh-cache would do with the same options: targets answered from cache and due,"
            + " API calls by service and operation, Cost Explorer and CloudWatch dollars, and the"
            + " shortest time the rate limits allow.",
    subcommands = {
      PlanCommand.Limits.class,
      PlanCommand.Usage.class,
      PlanCommand.Cost.class,
      PlanCommand.DiscoverRegions.class,
      PlanCommand.RefreshCache.class
    })
final class PlanCommand extends BaseCommand {
  @Override
  ExitCode execute() {
    throw new ConfigException(
        "plan: name the subcommand to plan: limits, usage, cost, discover-regions or"
            + " refresh-cache");
  }

  /** {@code --format} for planned subcommands whose own options have none. */
  static final class FormatOption {
    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "The plan as a table or json (default: ${DEFAULT-VALUE}).")
    Output.Format format;
  }

  @Command(
      name = "limits",
      description = "Plan a limits pass (same options as limits); --format table|json.")
  static final class Limits extends LimitsCommand {
    @Override
    boolean planning() {
      return true;
    }
  }

  @Command(
      name = "usage",
      description = "Plan a usage pass (same options as usage); --format table|json.")
  static final class Usage extends UsageCommand {
    @Override
    boolean planning() {
      return true;
    }
  }

  @Command(
      name = "cost",
      description = "Plan a cost pass (same options as cost); --format table|json.")
  static final class Cost extends CostCommand {
    @picocli.CommandLine.Mixin FormatOption format;

    @Override
    boolean planning() {
      return true;
    }

    @Override
    Output.Format planFormat() {
      return format.format;
    }
  }

  @Command(
      name = "discover-regions",
      description =
          "Plan a discover-regions pass (same options as discover-regions); --format table|json.")
  static final class DiscoverRegions extends DiscoverRegionsCommand {
    @Override
    boolean planning() {
      return true;
    }
  }

  @Command(
      name = "refresh-cache",
      description =
          "Plan a refresh-cache pass (same options as refresh-cache); --format table|json.")
  static final class RefreshCache extends RefreshCacheCommand {
    @picocli.CommandLine.Mixin FormatOption format;

    @Override
    boolean planning() {
      return true;
    }

    @Override
    Output.Format planFormat() {
      return format.format;
    }
  }
}
