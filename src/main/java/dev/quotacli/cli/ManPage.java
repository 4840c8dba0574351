package dev.quotacli.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes the quota-cli(1) man page (roff) and the bash completion from the picocli model, so it can
 * never disagree with {@code --help}. Run at build time: {@code ManPage target/man/quota-cli.1}.
 */
public final class ManPage {
  private ManPage() {}

  /** {@code ManPage MAN_FILE [COMPLETION_FILE]}: the man page, and the bash completion script. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/man/quota-cli.1");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(
        out, render(new CommandLine(new QuotaCli()).getCommandSpec()), StandardCharsets.UTF_8);
    if (args.length > 1) {
      Path completion = Path.of(args[1]);
      Files.createDirectories(completion.toAbsolutePath().getParent());
      Files.writeString(
          completion,
          picocli.AutoComplete.bash("quota-cli", new CommandLine(new QuotaCli())),
          StandardCharsets.UTF_8);
    }
  }

  static String render(CommandSpec root) {
    StringBuilder m = new StringBuilder();
    m.append(".TH QUOTA-CLI 1 \"\" \"quota-cli ")
        .append(esc(Version.get()))
        .append("\" \"User Commands\"\n");
    m.append(".SH NAME\nquota\\-cli \\- ")
        .append(esc(String.join(" ", root.usageMessage().description())))
        .append('\n');
    m.append(".SH SYNOPSIS\n.B quota\\-cli\n.I subcommand\n[\\fIoptions\\fR]\n");
    m.append(".SH DESCRIPTION\n")
        .append(esc(String.join(" ", root.usageMessage().description())))
        .append('\n');
    m.append(
            "Every option can also be set with the environment variable \\fBQUOTA_CLI_\\fR\\fINAME\\fR ")
        .append(
            "(e.g. \\fB\\-\\-cmdb\\-url\\fR from \\fBQUOTA_CLI_CMDB_URL\\fR); a flag wins over the variable.\n");
    m.append(".SH SUBCOMMANDS\n");
    for (var e : root.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      m.append(".SS ").append(esc(e.getKey())).append('\n');
      m.append(esc(String.join(" ", sub.usageMessage().description()))).append('\n');
      for (OptionSpec o : sub.options()) {
        if (o.hidden()) {
          continue;
        }
        m.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
        if (o.arity().max() > 0) {
          m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
        }
        m.append('\n').append(esc(description(o))).append('\n');
      }
      // plan's subcommands take the options of the subcommand they plan (listed above).
      for (var nested : e.getValue().getSubcommands().entrySet()) {
        m.append(".TP\n.B ")
            .append(esc(e.getKey() + " " + nested.getKey()))
            .append('\n')
            .append(
                esc(
                    String.join(
                        " ", nested.getValue().getCommandSpec().usageMessage().description())))
            .append('\n');
      }
    }
    m.append(".SH EXIT STATUS\n");
    for (String line :
        List.of(
            root.usageMessage().exitCodeList().entrySet().stream()
                .map(x -> x.getKey().trim() + "\t" + x.getValue())
                .toArray(String[]::new))) {
      String[] parts = line.split("\t", 2);
      m.append(".TP\n.B ").append(esc(parts[0])).append('\n').append(esc(parts[1])).append('\n');
    }
    m.append(
            ".SH ENVIRONMENT\n.TP\n.B QUOTA_CLI_CMDB_PASSWORD\nThe CMDB password (never a flag).\n")
        .append(".TP\n.B QUOTA_CLI_JAVA_OPTS\nJVM options for the launcher.\n")
        .append(
            ".TP\n.B JOB_COMPLETION_INDEX\nThe shard index with \\fB\\-\\-shard\\-count\\fR (Kubernetes Indexed Job).\n");
    m.append(
            ".SH FILES\n.TP\n.I .quota_limit_cache/\nCaches (limits, usage, regions, budgets, run state); see \\fB\\-\\-cache\\-dir\\fR.\n")
        .append(".TP\n.I aws_quota_<subcommand>.prom\nThe textfiles for node_exporter.\n")
        .append(
            ".TP\n.I quota\\-report.html\nThe HTML report \\fBreport\\fR writes (see \\fB\\-\\-output\\fR).\n");
    m.append(".SH SEE ALSO\n.BR node_exporter (1)\n");
    return m.toString();
  }

  private static String description(OptionSpec o) {
    String text = String.join(" ", o.description());
    String def = o.defaultValue() == null ? "" : o.defaultValue();
    return text.replace("${DEFAULT-VALUE}", def);
  }

  /** Escapes backslashes, leading dots and dashes for roff. */
  static String esc(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }
}
