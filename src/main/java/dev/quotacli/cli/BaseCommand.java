package dev.quotacli.cli;

import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.pass.Environment;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Job;
import dev.quotacli.pass.Output;
import dev.quotacli.pass.Pass;
import dev.quotacli.pass.PassSettings;
import dev.quotacli.pass.Planning;
import java.io.IOException;
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

  /** True for {@code plan}'s subcommands: print what the pass would do instead of running it. */
  boolean planning() {
    return false;
  }

  /** The plan's format where the command's own options have no {@code --format}. */
  Output.Format planFormat() {
    return null;
  }

  /** Runs the job's pass, or under {@code plan} prints its plan (no AWS call, no lock). */
  ExitCode run(PassSettings settings, Job<?> job, Pass.Shows shows) throws IOException {
    if (planning()) {
      Output.Format format = planFormat() != null ? planFormat() : settings.output().format();
      return new Planning(settings, env, Diagnostics.current()).print(job, format, out());
    }
    return pass(settings).run(job, shows);
  }

  /** The pass over validated settings, printing to this command's stdout. */
  Pass pass(PassSettings settings) {
    return new Pass(settings, env, Diagnostics.current(), out());
  }
}
