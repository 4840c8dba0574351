package dev.quotacli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rule of ARCHITECTURE.md for {@code report}: only {@code cli} imports it, and it
 * imports only the packages below it (cache, quota, cost, collect, output, fs) and Mustache.
 */
class ReportPackageRuleTest {
  private static final Path MAIN = Path.of("src/main/java/dev/quotacli");
  private static final Pattern IMPORT = Pattern.compile("(?m)^import (static )?([\\w.]+)");
  private static final List<String> ALLOWED =
      List.of(
          "java.",
          "com.github.mustachejava.",
          "dev.quotacli.report.",
          "dev.quotacli.cache.",
          "dev.quotacli.quota.",
          "dev.quotacli.cost.",
          "dev.quotacli.collect.",
          "dev.quotacli.output.",
          "dev.quotacli.fs.");

  @Test
  void onlyCliUsesTheReportPackage() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = MAIN.relativize(f).getName(0).toString();
        if (!pkg.equals("cli") && !pkg.equals("report")) {
          assertThat(Files.readString(f)).as(f.toString()).doesNotContain("dev.quotacli.report");
        }
      }
    }
  }

  @Test
  void reportImportsOnlyThePackagesBelowIt() throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve("report"))) {
      List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(sources).isNotEmpty();
      for (Path f : sources) {
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          String imported = m.group(2);
          assertThat(ALLOWED).as(f + " imports " + imported).anyMatch(imported::startsWith);
        }
      }
    }
  }
}
