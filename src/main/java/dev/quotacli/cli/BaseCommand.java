package dev.quotacli.cli;

import dev.quotacli.collect.TargetResult;
import dev.quotacli.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of subcommands: the environment, output streams, and the exit code. */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Set by {@link Main} through the command factory. */
  CliEnvironment env;

  abstract ExitCode execute() throws Exception;

  @Override
  public final Integer call() throws Exception {
    return execute().code();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Fails before any work when the output file's directory is missing or not writable. */
  static void checkOutputDir(String target) {
    if (target == null || "-".equals(target)) {
      return;
    }
    Path dir = Path.of(target).toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("output directory " + dir + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new ConfigException("output directory " + dir + " is not writable");
    }
    if (!target.endsWith(".prom")) {
      throw new ConfigException(
          "--output " + target + ": node_exporter reads only files ending in .prom");
    }
  }

  /** One stderr line per failed target and per quota problem. */
  void reportProblems(List<TargetResult> results) {
    for (TargetResult r : results) {
      if (r instanceof TargetResult.Failed f) {
        err()
            .println(
                "quota-cli: error: "
                    + f.target().describe()
                    + ": "
                    + f.kind().label()
                    + ": "
                    + f.message());
      } else if (r instanceof TargetResult.Collected c) {
        for (String w : c.warnings()) {
          err().println("quota-cli: warning: " + c.target().describe() + ": " + w);
        }
      }
    }
  }
}
