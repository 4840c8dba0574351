package dev.quotacli.diagnostics;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one channel for what quota-cli tells a person on stderr: {@code quota-cli: error|warning|
 * info|debug: message}, one line each. {@code --quiet} keeps errors only; {@code --verbose} adds
 * debug lines. The SLF4J provider of this package routes library and collector logging here, so
 * there is no second format. Repeated warnings of one kind are aggregated by {@link Aggregate}.
 * Thread-safe.
 */
public final class Diagnostics {
  /** How much is printed. */
  public enum Level {
    /** Errors only. */
    QUIET,
    /** Errors, warnings and info lines. */
    NORMAL,
    /** Everything, debug lines too. */
    VERBOSE
  }

  private static volatile Diagnostics current =
      new Diagnostics(new PrintWriter(System.err, true, StandardCharsets.UTF_8), Level.NORMAL);

  private final PrintWriter err;
  private final Level level;

  public Diagnostics(PrintWriter err, Level level) {
    this.err = err;
    this.level = level;
  }

  /** The channel of this process (set by the command line at start). */
  public static Diagnostics current() {
    return current;
  }

  /** Makes this the channel of the process; returns it. */
  public static Diagnostics install(PrintWriter err, Level level) {
    current = new Diagnostics(err, level);
    return current;
  }

  public Level level() {
    return level;
  }

  public boolean verbose() {
    return level == Level.VERBOSE;
  }

  public void error(String message) {
    print("error", message);
  }

  public void warn(String message) {
    if (level != Level.QUIET) {
      print("warning", message);
    }
  }

  public void info(String message) {
    if (level != Level.QUIET) {
      print("info", message);
    }
  }

  public void debug(String message) {
    if (level == Level.VERBOSE) {
      print("debug", message);
    }
  }

  /** A fatal error's stack trace (--stacktrace). */
  public synchronized void stackTrace(Throwable t) {
    t.printStackTrace(err);
    err.flush();
  }

  private synchronized void print(String kind, String message) {
    err.println("quota-cli: " + kind + ": " + message);
    err.flush();
  }

  /**
   * Warnings of one pass gathered by kind and printed as one line per kind: "AWS reports no such
   * quota for ec2 here: 20 quotas in 152 targets: L-…, …". With {@code --verbose} every occurrence
   * is printed too.
   */
  public static final class Aggregate {
    private record Group(TreeSet<String> subjects, TreeSet<String> where, List<String> lines) {}

    private final Map<String, Group> groups = new LinkedHashMap<>();

    /**
     * @param kind what went wrong, the same text for every occurrence
     * @param subject what it concerns, e.g. a quota code
     * @param where where it happened, e.g. a target
     * @param line the whole line, printed alone when the kind occurs once (and under --verbose)
     */
    public synchronized void add(String kind, String subject, String where, String line) {
      Group g =
          groups.computeIfAbsent(
              kind, k -> new Group(new TreeSet<>(), new TreeSet<>(), new ArrayList<>()));
      g.subjects().add(subject);
      g.where().add(where);
      g.lines().add(line);
    }

    /** Prints one warning per kind (and each occurrence under --verbose). */
    public synchronized void printTo(Diagnostics d) {
      groups.forEach(
          (kind, g) -> {
            if (g.lines().size() == 1) {
              d.warn(g.lines().get(0));
              return;
            }
            d.warn(
                kind
                    + ": "
                    + g.subjects().size()
                    + (g.subjects().size() == 1 ? " quota" : " quotas")
                    + " in "
                    + g.where().size()
                    + (g.where().size() == 1 ? " target" : " targets")
                    + ": "
                    + abbreviated(g.subjects())
                    + (d.verbose() ? "" : " (-v lists each)"));
            g.lines().forEach(d::debug);
          });
    }

    private static String abbreviated(TreeSet<String> subjects) {
      List<String> first = subjects.stream().limit(10).toList();
      return String.join(", ", first)
          + (subjects.size() > first.size()
              ? ", … " + (subjects.size() - first.size()) + " more"
              : "");
    }
  }
}
