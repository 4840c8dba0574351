package dev.quotacli.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a subcommand's Prometheus text goes. */
final class OutputOptions {
  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the .prom text to FILE atomically, or to stdout with '-'.")
  String output;

  @Option(names = "--textfile-dir", paramLabel = "DIR",
      description = "node_exporter textfile directory; writes aws_quota_<subcommand>.prom there.")
  Path textfileDir;

  /** The target file, {@code -} for stdout, or null when neither flag is given. */
  String target(String subcommand) {
    if (output != null) {
      return output;
    }
    if (textfileDir != null) {
      return textfileDir.resolve("aws_quota_" + subcommand + ".prom").toString();
    }
    return null;
  }
}
