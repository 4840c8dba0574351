package dev.quotacli.cli;

import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.pass.Environment;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Pass;
import dev.quotacli.pass.PassSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of subcommands: the environment, output streams, and the exit code. */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Set by {@link Main} through the command factory. */
  Environment env;

  abstract ExitCode execute() throws Exception;

  @Override
  public final Integer call() throws Exception {
    return execute().code();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The pass over validated settings, printing to this command's stdout. */
  Pass pass(PassSettings settings) {
    return new Pass(settings, env, Diagnostics.current(), out());
  }
}
