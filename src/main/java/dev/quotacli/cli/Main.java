package dev.quotacli.cli;

import dev.quotacli.account.AccountSourceException;
import dev.quotacli.cache.RunLock;
import dev.quotacli.collect.ApiException;
import dev.quotacli.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** The entry point; the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    configureLogging(args);
    // The JDK keeps 5 idle connections per host by default: with a 64-wide pool most requests
    // would open a new (TLS) connection. Read once, before the first connection.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "64");
    }
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    System.exit(run(out, err, CliEnvironment.system(), args));
  }

  /** Runs quota-cli and returns its exit code; testable without a process. */
  static int run(PrintWriter out, PrintWriter err, CliEnvironment env, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered before picocli builds the model of every subcommand: about 3x faster.
      out.println(new Version().getVersion()[0]);
      out.flush();
      return ExitCode.OK.code();
    }
    CommandLine cli = new CommandLine(new QuotaCli(), new Factory(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setDefaultValueProvider(new EnvDefaults(env.variables()));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine, args));
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

  private static int handle(Exception e, CommandLine cmd, String[] args) {
    PrintWriter err = cmd.getErr();
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
    err.println("quota-cli: error: " + firstLine(message));
    if (Arrays.asList(args).contains("--stacktrace")) {
      e.printStackTrace(err);
    }
    return code.code();
  }

  /** A word that can be a mistyped subcommand name; a secret rarely is. */
  private static final Pattern SUBCOMMAND_LIKE = Pattern.compile("[a-z][a-z0-9-]{0,40}");

  /**
   * Picocli's message for unmatched arguments echoes every one of them, which can be a secret typed
   * after a wrong flag: name only the unknown options, and a mistyped subcommand (the root
   * command's first positional, only when it is the first unmatched argument, so that nothing
   * follows a wrong flag, and looks like a subcommand name).
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

  /** slf4j-simple reads its level once, at the first logger: set it before anything logs. */
  static void configureLogging(String[] args) {
    var list = Arrays.asList(args);
    String level =
        list.contains("-v") || list.contains("--verbose")
            ? "debug"
            : list.contains("-q") || list.contains("--quiet") ? "warn" : "info";
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
  }

  /** Hands every command the environment. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliEnvironment env;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(CliEnvironment env) {
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
