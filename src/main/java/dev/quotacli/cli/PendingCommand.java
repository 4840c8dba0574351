package dev.quotacli.cli;

import picocli.CommandLine.Command;

/** Subcommands that are planned but not built yet: they say so and exit 1 rather than pretend. */
abstract class PendingCommand extends BaseCommand {
  @Override
  ExitCode execute() {
    err().println("quota-cli: error: '" + spec.name() + "' is not implemented yet in this version");
    return ExitCode.FATAL;
  }

  @Command(name = "status", description = "(not implemented yet) Show caches, runs and degraded targets.")
  static final class Status extends PendingCommand {}
}
