package dev.quotacli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line errors of the command line, with no AWS call and no CMDB. */
class MainTest {
  @TempDir Path tmp;

  private CliRun run(String... args) {
    return run(Map.of(), args);
  }

  /**
   * Runs with the cache (locks, run state) under the test's temp dir: without it, a run that gets
   * as far as its lock would create .quota_limit_cache/ in the checkout.
   */
  private CliRun run(Map<String, String> env, String... args) {
    Map<String, String> withCache = new HashMap<>(env);
    withCache.put("QUOTA_CLI_CACHE_DIR", tmp.resolve("cache").toString());
    return Cli.run(withCache, args);
  }

  private static String onlyErrorLine(CliRun run) {
    assertThat(run.err().lines()).as(run.toString()).hasSize(1);
    return run.err().strip();
  }

  @Test
  void versionPrintsAndExitsZero() {
    CliRun run = run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("quota-cli ");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = run("limits", "--no-such-flag");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("quota-cli: error: Unknown option: '--no-such-flag'");
  }

  @Test
  void unknownSubcommandIsNamed() {
    CliRun run = run("limitz");
    CliRun afterRootFlag = run("-v", "limitz", "--account", "123456789012");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .as(run.toString())
        .containsExactly(
            "quota-cli: error: unknown subcommand 'limitz'", "Try 'quota-cli --help'.");
    assertThat(afterRootFlag.exitCode()).isEqualTo(2);
    assertThat(afterRootFlag.err().lines())
        .as(afterRootFlag.toString())
        .containsExactly(
            "quota-cli: error: unknown subcommand 'limitz'", "Try 'quota-cli --help'.");
  }

  @Test
  void unmatchedWordThatMayBeASecretIsNotEchoed() {
    // Not shaped like a subcommand name; after an unknown flag; a subcommand's extra positional.
    CliRun notAName = run("Hunter2-S3cret!");
    CliRun afterWrongFlag = run("--cmdb-password", "hunter2");
    CliRun subcommandPositional = run("limits", "hunter2");

    assertThat(notAName.exitCode()).isEqualTo(2);
    assertThat(notAName.err())
        .as(notAName.toString())
        .startsWith("quota-cli: error: unexpected argument (1 unmatched)\n")
        .doesNotContain("Hunter2");
    assertThat(afterWrongFlag.exitCode()).isEqualTo(2);
    assertThat(afterWrongFlag.err())
        .as(afterWrongFlag.toString())
        .startsWith("quota-cli: error: Unknown option: '--cmdb-password'\n")
        .doesNotContain("hunter2");
    assertThat(subcommandPositional.exitCode()).isEqualTo(2);
    assertThat(subcommandPositional.err())
        .as(subcommandPositional.toString())
        .startsWith("quota-cli: error: unexpected argument (1 unmatched)\n")
        .doesNotContain("hunter2");
  }

  @Test
  void statusOfAnEmptyCacheSaysThereIsNothingYet() {
    CliRun run = run("status", "--cache-dir", tmp.resolve("none").toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("DEGRADED TARGETS\n  (none)").contains("LAST RUNS\n  (none)");
  }

  @Test
  void badAccountFlagNamesTheFlag() {
    CliRun run = run("limits", "--account", "1234", "--output", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(run))
        .isEqualTo("quota-cli: error: --account '1234' is not a 12-digit account id");
  }

  @Test
  void badRegionAndServiceFlagsNameTheFlag() {
    assertThat(onlyErrorLine(run("limits", "--region", "mars-1", "--output", "-")))
        .isEqualTo("quota-cli: error: --region 'mars-1' is not a region name");
    assertThat(onlyErrorLine(run("limits", "--service", "lambda", "--output", "-")))
        .isEqualTo("quota-cli: error: --service 'lambda' is not in quotas.yaml");
  }

  @Test
  void organizationsFlagsAreCheckedBeforeAnythingIsTouchedAndNameTheFlag() throws Exception {
    java.nio.file.Path cache = tmp.resolve("org-cache");
    String[] base = {"limits", "--output", "-", "--cache-dir", cache.toString()};
    java.util.function.Function<String[], CliRun> limits =
        extra ->
            run(
                java.util.stream.Stream.concat(
                        java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                    .toArray(String[]::new));

    assertThat(onlyErrorLine(limits.apply(new String[] {"--org-role-name", "QuotaCliRole"})))
        .isEqualTo("quota-cli: error: --org-role-name needs --accounts-from organizations");
    assertThat(onlyErrorLine(limits.apply(new String[] {"--org-unit", "ou-ab12-cdef3456"})))
        .isEqualTo("quota-cli: error: --org-unit needs --accounts-from organizations");
    assertThat(onlyErrorLine(limits.apply(new String[] {"--accounts-from", "ldap"})))
        .isEqualTo(
            "quota-cli: error: --accounts-from 'ldap' is not a source (known: organizations)");
    assertThat(onlyErrorLine(limits.apply(new String[] {"--accounts-from", "organizations"})))
        .isEqualTo(
            "quota-cli: error: --accounts-from organizations needs --org-role-name (the role in"
                + " each member)");
    String[] org = {"--accounts-from", "organizations", "--org-role-name"};
    CliRun badRole =
        limits.apply(
            java.util.stream.Stream.concat(
                    java.util.Arrays.stream(org), java.util.stream.Stream.of("Quota Cli Role"))
                .toArray(String[]::new));
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(badRole))
        .isEqualTo("quota-cli: error: --org-role-name 'Quota Cli Role' is not an IAM role name");
    assertThat(
            onlyErrorLine(
                limits.apply(
                    new String[] {
                      "--accounts-from",
                      "organizations",
                      "--org-role-name",
                      "QuotaCliRole",
                      "--org-unit",
                      "ou-ab12-cdef3456,ou-BAD"
                    })))
        .isEqualTo(
            "quota-cli: error: --org-unit 'ou-BAD' is not an OU id (ou-xxxx-xxxxxxxx, as"
                + " Organizations shows it)");
    CliRun missingFile =
        limits.apply(
            new String[] {
              "--accounts-from",
              "organizations",
              "--org-role-name",
              "QuotaCliRole",
              "--org-external-id-file",
              tmp.resolve("no-such-file").toString()
            });
    assertThat(missingFile.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(missingFile))
        .startsWith("quota-cli: error: --org-external-id-file: cannot read ");
    assertThat(cache).as("nothing touched").doesNotExist();
  }

  @Test
  void accountsFromAlsoComesFromTheEnvironment() {
    CliRun run =
        run(
            Map.of("QUOTA_CLI_ACCOUNTS_FROM", "organisations"),
            "limits",
            "--output",
            "-",
            "--org-role-name",
            "QuotaCliRole");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(run))
        .isEqualTo(
            "quota-cli: error: --accounts-from 'organisations' is not a source (known:"
                + " organizations)");
  }

  @Test
  void outputMustEndInPromAndItsDirectoryMustExist() {
    CliRun wrongName = run("limits", "--output", tmp.resolve("limits.txt").toString());
    CliRun noDir = run("limits", "--textfile-dir", tmp.resolve("missing").toString());

    assertThat(wrongName.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(wrongName)).contains("--output").contains("ending in .prom");
    assertThat(noDir.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(noDir))
        .contains(tmp.resolve("missing").toString())
        .contains("does not exist");
  }

  @Test
  void invalidSettingsTouchNothing() {
    CliRun run = run("limits", "--concurrency", "0", "--output", "-");

    assertThat(onlyErrorLine(run))
        .isEqualTo("quota-cli: error: --concurrency must be between 1 and 256");
    assertThat(run.exitCode()).isEqualTo(2);
    // No lock directory, no cache: the settings are checked before any side effect.
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void eachSubcommandOffersOnlyTheOptionsThatActThere() {
    String cost = run("cost", "--help").out();
    assertThat(cost)
        .contains("--max-ce-requests", "--payer", "--force", "--concurrency", "--deadline")
        // The run-rate is under the time budget (its account x region work), so --budget acts.
        .contains("--budget", "--ignore-degradation")
        .doesNotContain("--cache-ttl", "--service=", "--format");
    String discover = run("discover-regions", "--help").out();
    assertThat(discover)
        .contains("--account=", "--concurrency")
        .doesNotContain("--budget", "--force", "--cache-ttl", "--region=", "--service=");
    String refresh = run("refresh-cache", "--help").out();
    assertThat(refresh)
        .contains("--service=", "--region=")
        .doesNotContain("--budget", "--force", "--output", "--textfile-dir", "--cache-ttl");
    assertThat(run("limits", "--help").out())
        .contains("--budget", "--cache-ttl", "--force")
        .doesNotContain("--usage-ttl");
    assertThat(run("usage", "--help").out()).contains("--usage-ttl", "usage cache is fresh");
  }

  @Test
  void optionsAlsoReadTheirEnvironmentVariable() {
    CliRun run = run(Map.of("QUOTA_CLI_CONCURRENCY", "0"), "limits", "--output", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(run))
        .isEqualTo("quota-cli: error: --concurrency must be between 1 and 256");
  }

  @Test
  void flagWinsOverEnvironment() {
    CliRun run =
        run(
            Map.of("QUOTA_CLI_CONCURRENCY", "0"),
            "limits",
            "--concurrency",
            "4",
            "--account",
            "12",
            "--output",
            "-");

    assertThat(onlyErrorLine(run)).contains("--account '12'");
  }

  @Test
  void cmdbAndAccountsFileTogetherAreRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("accounts.yaml"), "accounts: []\n");

    CliRun run =
        run(
            "limits",
            "--cmdb-url",
            "jdbc:mysql://127.0.0.1:1/x",
            "--accounts-file",
            file.toString(),
            "--output",
            "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(run))
        .isEqualTo("quota-cli: error: --cmdb-url and --accounts-file are mutually exclusive");
  }

  @Test
  void missingAccountsFileIsAConfigErrorNamingIt() {
    Path missing = tmp.resolve("nope.yaml");

    CliRun run = run("limits", "--accounts-file", missing.toString(), "--output", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(onlyErrorLine(run)).contains(missing.toString());
  }

  @Test
  void malformedDurationIsAUsageError() {
    CliRun run = run("limits", "--cache-ttl", "soon", "--output", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'soon' is not a duration");
  }

  @Test
  void formatIsTableOrJsonInAnyCase() {
    CliRun run = run("usage", "--format", "yaml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--format");
  }

  @Test
  void shardFlagsAreChecked() {
    assertThat(onlyErrorLine(run("limits", "--shard", "4/4")))
        .isEqualTo("quota-cli: error: --shard: shard 4/4: need 0 <= I < N");
    assertThat(onlyErrorLine(run("limits", "--shard-count", "3")))
        .isEqualTo(
            "quota-cli: error: --shard-count needs JOB_COMPLETION_INDEX (0-based shard index) in the environment");
    assertThat(
            onlyErrorLine(run(Map.of("JOB_COMPLETION_INDEX", "3"), "limits", "--shard-count", "3")))
        .isEqualTo("quota-cli: error: --shard-count: shard 3/3: need 0 <= I < N");
  }

  @Test
  void passwordFlagDoesNotExist() {
    CliRun run = run("limits", "--cmdb-password", "hunter2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).doesNotContain("hunter2");
  }
}
