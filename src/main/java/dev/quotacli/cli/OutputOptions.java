package dev.quotacli.cli;

import dev.quotacli.pass.Output;
import dev.quotacli.quota.Shard;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a subcommand's Prometheus text goes, or the operator's view's format. */
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

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "Without --output/--textfile-dir: print a table or json (default: ${DEFAULT-VALUE}); no"
              + " textfile is written.")
  Output.Format format;

  /** The validated output: a file, {@code -}, or the operator's view. */
  Output output(String fileStem, Shard shard) {
    String target =
        output != null
            ? output
            : textfileDir != null
                ? textfileDir.resolve(fileStem + shard.fileSuffix() + ".prom").toString()
                : null;
    return new Output(target, format);
  }
}
