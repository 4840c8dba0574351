package dev.quotacli.cli;

import dev.quotacli.quota.Shard;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a subcommand's Prometheus text goes. */
final class OutputOptions {
  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the .prom text to FILE atomically, or to stdout with '-'.")
  String output;

  @Option(
      names = "--textfile-dir",
      paramLabel = "DIR",
      description = "node_exporter textfile directory; writes aws_quota_<subcommand>.prom there.")
  Path textfileDir;

  /** The operator's view when no textfile is asked for. */
  enum Format {
    TABLE,
    JSON
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "Without --output/--textfile-dir: print a table or json (default: ${DEFAULT-VALUE}); no textfile is written.")
  Format format;

  /** The target file, {@code -} for Prometheus text on stdout, or null for the operator's view. */
  String target(String subcommand, Shard shard) {
    if (output != null) {
      return output;
    }
    if (textfileDir != null) {
      return textfileDir
          .resolve("aws_quota_" + subcommand + shard.fileSuffix() + ".prom")
          .toString();
    }
    return null;
  }
}
