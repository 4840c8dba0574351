package dev.quotacli.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DiagnosticsTest {
  private static final String KIND = "AWS reports no such quota for ec2 here";

  private final StringWriter err = new StringWriter();

  @AfterEach
  void restore() {
    Diagnostics.install(
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), Diagnostics.Level.NORMAL);
  }

  private Diagnostics at(Diagnostics.Level level) {
    return new Diagnostics(new PrintWriter(err), level);
  }

  private List<String> lines() {
    return err.toString().lines().toList();
  }

  private static void everyKind(Diagnostics d) {
    d.error("e");
    d.warn("w");
    d.info("i");
    d.debug("d");
  }

  @Test
  void quietPrintsErrorsOnly() {
    everyKind(at(Diagnostics.Level.QUIET));

    assertThat(lines()).containsExactly("quota-cli: error: e");
  }

  @Test
  void normalPrintsErrorsWarningsAndInfo() {
    everyKind(at(Diagnostics.Level.NORMAL));

    assertThat(lines())
        .containsExactly("quota-cli: error: e", "quota-cli: warning: w", "quota-cli: info: i");
  }

  @Test
  void verboseAddsDebugLines() {
    Diagnostics d = at(Diagnostics.Level.VERBOSE);
    everyKind(d);

    assertThat(d.verbose()).isTrue();
    assertThat(lines())
        .containsExactly(
            "quota-cli: error: e",
            "quota-cli: warning: w",
            "quota-cli: info: i",
            "quota-cli: debug: d");
  }

  @Test
  void eachMessageIsOneLineWithItsPrefix() {
    at(Diagnostics.Level.NORMAL).warn("cannot read /x/limits.json: not valid cache JSON");

    assertThat(err.toString())
        .isEqualTo(
            "quota-cli: warning: cannot read /x/limits.json: not valid cache JSON"
                + System.lineSeparator());
  }

  @Test
  void aKindThatOccursOnceIsPrintedAsItsOwnLine() {
    var aggregate = new Diagnostics.Aggregate();
    aggregate.add(KIND, "L-0001", "111111111111/eu-west-1/ec2", "the whole line for L-0001");

    aggregate.printTo(at(Diagnostics.Level.NORMAL));

    assertThat(lines()).containsExactly("quota-cli: warning: the whole line for L-0001");
  }

  /** 20 quota codes over 152 targets, each target missing one code: 152 occurrences. */
  private static Diagnostics.Aggregate twentyCodesOver152Targets() {
    var aggregate = new Diagnostics.Aggregate();
    for (int t = 0; t < 152; t++) {
      String code = "L-%04d".formatted(t % 20 + 1);
      String target = "%012d/eu-west-1/ec2".formatted(100_000_000_000L + t);
      aggregate.add(KIND, code, target, target + ": " + KIND + ": " + code);
    }
    return aggregate;
  }

  @Test
  void manyOccurrencesOfAKindArePrintedAsOneLineWithTheCountsAndTenCodes() {
    twentyCodesOver152Targets().printTo(at(Diagnostics.Level.NORMAL));

    assertThat(lines())
        .containsExactly(
            "quota-cli: warning: "
                + KIND
                + ": 20 quotas in 152 targets: L-0001, L-0002, L-0003, L-0004, L-0005, L-0006,"
                + " L-0007, L-0008, L-0009, L-0010, … 10 more (-v lists each)");
  }

  @Test
  void underVerboseEachOccurrenceIsAlsoADebugLine() {
    twentyCodesOver152Targets().printTo(at(Diagnostics.Level.VERBOSE));

    List<String> lines = lines();
    assertThat(lines).hasSize(1 + 152);
    assertThat(lines.get(0))
        .startsWith("quota-cli: warning: " + KIND + ": 20 quotas in 152 targets: L-0001, ")
        .endsWith(", L-0010, … 10 more");
    assertThat(lines.subList(1, lines.size()))
        .allMatch(l -> l.startsWith("quota-cli: debug: ") && l.contains(": " + KIND + ": L-"))
        .contains("quota-cli: debug: 100000000151/eu-west-1/ec2: " + KIND + ": L-0012");
  }

  @Test
  void underQuietAnAggregatePrintsNothing() {
    twentyCodesOver152Targets().printTo(at(Diagnostics.Level.QUIET));

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void eachKindIsItsOwnLineInTheOrderFirstSeenAndCountsAreSingularForOne() {
    var aggregate = new Diagnostics.Aggregate();
    aggregate.add("second kind", "L-9", "t1", "second kind once");
    aggregate.add("first kind", "L-1", "t1", "x");
    aggregate.add("first kind", "L-1", "t2", "y");

    aggregate.printTo(at(Diagnostics.Level.NORMAL));

    assertThat(lines())
        .containsExactly(
            "quota-cli: warning: second kind once",
            "quota-cli: warning: first kind: 1 quota in 2 targets: L-1 (-v lists each)");
  }

  @Test
  void ownSlf4jLoggingGoesThroughTheInstalledDiagnostics() {
    Diagnostics.install(new PrintWriter(err), Diagnostics.Level.NORMAL);
    var own = LoggerFactory.getLogger("dev.quotacli.x");

    own.warn("cannot write region cache {}: {}", "/c/regions.json", "disk full");
    own.info("info from quota-cli");
    own.debug("not under NORMAL");

    assertThat(lines())
        .containsExactly(
            "quota-cli: warning: cannot write region cache /c/regions.json: disk full",
            "quota-cli: info: info from quota-cli");
  }

  @Test
  void ownDebugLoggingIsPrintedUnderVerboseOnly() {
    Diagnostics.install(new PrintWriter(err), Diagnostics.Level.VERBOSE);

    LoggerFactory.getLogger("dev.quotacli.x").debug("a debug line");

    assertThat(lines()).containsExactly("quota-cli: debug: a debug line");
  }

  @Test
  void otherLibrariesGiveWarningsAndErrorsOnly() {
    Diagnostics.install(new PrintWriter(err), Diagnostics.Level.VERBOSE);
    var library = LoggerFactory.getLogger("software.amazon.awssdk.x");

    library.info("library info");
    library.debug("library debug");
    library.warn("library warning");
    library.error("library error");

    assertThat(lines())
        .containsExactly("quota-cli: warning: library warning", "quota-cli: error: library error");
  }

  @Test
  void aLoggerNamedLikeQuotaCliButOutsideItsPackageIsALibrary() {
    Diagnostics.install(new PrintWriter(err), Diagnostics.Level.NORMAL);

    LoggerFactory.getLogger("dev.quotacliextra").info("not ours");

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void quietKeepsLoggedErrorsOnlyAndAThrowableStaysOnOneLine() {
    Diagnostics.install(new PrintWriter(err), Diagnostics.Level.QUIET);
    var own = LoggerFactory.getLogger("dev.quotacli.x");

    own.warn("a warning");
    own.error("failed", new IllegalStateException("first\nsecond"));

    assertThat(lines())
        .containsExactly("quota-cli: error: failed: java.lang.IllegalStateException: first");
  }

  @Test
  void aLoggerMadeBeforeAnInstallFollowsTheNewDiagnostics() {
    var own = LoggerFactory.getLogger("dev.quotacli.early");
    Diagnostics.install(new PrintWriter(err), Diagnostics.Level.NORMAL);

    own.warn("after the install");

    assertThat(lines()).containsExactly("quota-cli: warning: after the install");
  }
}
