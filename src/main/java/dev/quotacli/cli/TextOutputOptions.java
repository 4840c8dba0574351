package dev.quotacli.cli;

import dev.quotacli.pass.Output;
import dev.quotacli.quota.Shard;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Prometheus text goes for a subcommand that always writes it (stdout by default). */
final class TextOutputOptions {
  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the .prom text to FILE atomically, or to stdout with '-' (the default).")
  String output;

  @Option(
      names = "--textfile-dir",
      paramLabel = "DIR",
      description = "node_exporter textfile directory; writes aws_cost.prom there.")
  Path textfileDir;

  Output output(String fileStem, Shard shard) {
    String target =
        output != null
            ? output
            : textfileDir != null
                ? textfileDir.resolve(fileStem + shard.fileSuffix() + ".prom").toString()
                : "-";
    return new Output(target, Output.Format.TABLE);
  }
}
