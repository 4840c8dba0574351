package dev.quotacli.cli;

import dev.quotacli.account.AccountSourceException;
import dev.quotacli.cache.RunLock;
import dev.quotacli.collect.ApiException;
import dev.quotacli.config.ConfigException;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.pass.Environment;
import dev.quotacli.pass.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The entry point; the only place that calls {@link System#exit}. */
public final class Main {
  /**
   * What an unknown subcommand may look like to be named in the error: a short lower-case word,
   * never something that could be a secret typed in the wrong place.
   */
  private static final java.util.regex.Pattern SUBCOMMAND_LIKE =
      java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,40}");

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, Environment.system(), args));
  }

  /** Runs quota-cli and returns its exit code; testable without a process. */
  static int run(PrintWriter out, PrintWriter err, Environment env, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered before picocli builds the model of every subcommand: about 3x faster.
      out.println(new Version().getVersion()[0]);
      out.flush();
      return ExitCode.OK.code();
    }
    // Until the flags are read, diagnostics go to this run's stderr at the normal level.
    Diagnostics.install(err, Diagnostics.Level.NORMAL);
    QuotaCli root = new QuotaCli();
    CommandLine cli = new CommandLine(root, new Factory(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setDefaultValueProvider(new EnvDefaults(env.variables()));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionStrategy(
        parseResult -> {
          Diagnostics.install(err, root.level());
          return new CommandLine.RunLast().execute(parseResult);
        });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, root));
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("quota-cli: error: " + parameterMessage(e));
          e.getCommandLine()
              .getErr()
              .println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE.code();
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int handle(Exception e, QuotaCli root) {
    ExitCode code;
    String message;
    if (e instanceof RunLock.HeldException) {
      code = ExitCode.LOCKED;
      message = e.getMessage();
    } else if (e instanceof ConfigException) {
      code = ExitCode.USAGE;
      message = e.getMessage();
    } else if (e instanceof AccountSourceException || e instanceof ApiException) {
      code = ExitCode.FATAL;
      message = e.getMessage();
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      code = ExitCode.FATAL;
      message = "I/O: " + e.getMessage();
    } else {
      code = ExitCode.FATAL;
      message = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Diagnostics.current().error(firstLine(message));
    if (root.stacktrace) {
      Diagnostics.current().stackTrace(e);
    }
    return code.code();
  }

  /**
   * Picocli's message for unmatched arguments echoes every one of them, which can be a secret typed
   * after a wrong flag: name only the unknown options.
   */
  static String parameterMessage(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u) {
      boolean root = u.getCommandLine() != null && u.getCommandLine().getParent() == null;
      if (root
          && !u.getUnmatched().isEmpty()
          && SUBCOMMAND_LIKE.matcher(u.getUnmatched().get(0)).matches()) {
        return "unknown subcommand '" + u.getUnmatched().get(0) + "'";
      }
      var options =
          u.getUnmatched().stream()
              .filter(x -> x.startsWith("-"))
              .map(x -> x.contains("=") ? x.substring(0, x.indexOf('=')) : x)
              .toList();
      return options.isEmpty()
          ? "unexpected argument (" + u.getUnmatched().size() + " unmatched)"
          : "Unknown option: '" + String.join("', '", options) + "'";
    }
    return firstLine(e.getMessage());
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** Hands every command the environment. */
  private static final class Factory implements CommandLine.IFactory {
    private final Environment env;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Environment env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      K instance = fallback.create(type);
      if (instance instanceof BaseCommand command) {
        command.env = env;
      }
      return instance;
    }
  }
}
