package dev.quotacli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command: {@code quota-cli <subcommand>}. */
@Command(
    name = "quota-cli",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "AWS service quota limits and usage across many accounts, as node_exporter textfiles.",
    subcommands = {
      LimitsCommand.class,
      UsageCommand.class,
      DiscoverRegionsCommand.class,
      RefreshCacheCommand.class,
      StatusCommand.class,
      CostCommand.class,
      PlanCommand.class,
      ReportCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every target succeeded",
      "1:fatal error; nothing written, the previous file is untouched",
      "2:usage or configuration error",
      "3:some targets failed; the file was written",
      "4:another run of this subcommand (and shard) is in progress; nothing touched"
    })
final class QuotaCli {
  @Option(
      names = {"-v", "--verbose"},
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print debug detail to stderr, and each occurrence of repeated warnings.")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print errors only: no warnings, no info lines.")
  boolean quiet;

  @Option(
      names = "--stacktrace",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of fatal errors.")
  boolean stacktrace;

  /** What the flags (or QUOTA_CLI_VERBOSE / QUOTA_CLI_QUIET) ask for; verbose wins. */
  dev.quotacli.diagnostics.Diagnostics.Level level() {
    return verbose
        ? dev.quotacli.diagnostics.Diagnostics.Level.VERBOSE
        : quiet
            ? dev.quotacli.diagnostics.Diagnostics.Level.QUIET
            : dev.quotacli.diagnostics.Diagnostics.Level.NORMAL;
  }
}
