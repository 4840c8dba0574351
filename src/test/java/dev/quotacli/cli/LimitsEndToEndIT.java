package dev.quotacli.cli;

import static dev.quotacli.testing.Estate.ALB;
import static dev.quotacli.testing.Estate.BROKEN;
import static dev.quotacli.testing.Estate.EIP;
import static dev.quotacli.testing.Estate.PROD;
import static dev.quotacli.testing.Estate.SHARED;
import static dev.quotacli.testing.Estate.SPOT;
import static dev.quotacli.testing.Estate.STAGING;
import static dev.quotacli.testing.Estate.VCPU;
import static dev.quotacli.testing.Estate.ZONES;
import static dev.quotacli.testing.PromText.select;
import static dev.quotacli.testing.PromText.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.Estate;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.PromText.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quota-cli limits} against the emulated estate: CMDB in MariaDB/MySQL, STS on moto, Service
 * Quotas on WireMock.
 */
class LimitsEndToEndIT {
  private static final String LIMIT = "cloud_service_quota_limit";
  private static Estate estate;

  @TempDir Path tmp;
  private Path cache;
  private Path textfiles;

  @BeforeAll
  static void startEstate() {
    estate = Estate.start();
  }

  @AfterAll
  static void stopEstate() {
    if (estate != null) {
      estate.close();
    }
  }

  @BeforeEach
  void dirs() throws Exception {
    cache = tmp.resolve("cache");
    textfiles = Files.createDirectories(tmp.resolve("textfiles"));
    estate.quotas.reset();
    estate.stubQuotas();
  }

  private CliRun limits(String... extra) {
    List<String> args = new ArrayList<>(List.of("limits"));
    args.addAll(estate.args(cache));
    args.addAll(List.of("--textfile-dir", textfiles.toString()));
    for (int i = 0; i < extra.length; i++) {
      int at = args.indexOf(extra[i]);
      if (at >= 0 && i + 1 < extra.length && !extra[i + 1].startsWith("--")) {
        args.set(at + 1, extra[++i]); // the test overrides an estate option
      } else {
        args.add(extra[i]);
      }
    }
    return Cli.run(estate.env(), args.toArray(String[]::new));
  }

  /** Requests the Service Quotas stub received signed with an access key. */
  private static int requestsSignedBy(String accessKey) {
    return estate
        .quotas
        .server()
        .countRequestsMatching(
            com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.allRequests()
                .withHeader(
                    "Authorization",
                    com.github.tomakehurst.wiremock.client.WireMock.containing(accessKey))
                .build())
        .getCount();
  }

  private List<Sample> written() throws Exception {
    return PromText.parse(Files.readString(textfiles.resolve("aws_quota_limits.prom")));
  }

  @Test
  void wholeEstateGetsAppliedOrDefaultLimitsAndTheBrokenAccountOnlyFailsItself() throws Exception {
    int brokenBefore = requestsSignedBy(Estate.BROKEN_KEY);
    CliRun run = limits();
    // One refused credential, one call: its other targets fail with the same reason, unasked.
    assertThat(requestsSignedBy(Estate.BROKEN_KEY) - brokenBefore).isEqualTo(1);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    List<Sample> s = written();
    // prod: applied where set, defaults elsewhere; ELB through GetServiceQuota (one quota: Get is
    // cheaper).
    assertThat(value(s, LIMIT, "account_id", PROD, "region", "eu-west-1", "quota_code", VCPU))
        .isEqualTo(1152);
    assertThat(
            value(
                s,
                "cloud_service_quota_limit_applied",
                "account_id",
                PROD,
                "region",
                "eu-west-1",
                "quota_code",
                VCPU))
        .isEqualTo(1);
    assertThat(value(s, LIMIT, "account_id", PROD, "region", "eu-west-1", "quota_code", EIP))
        .isEqualTo(5);
    // At its AWS default: no applied series.
    assertThat(
            select(
                s,
                "cloud_service_quota_limit_applied",
                "account_id",
                PROD,
                "region",
                "eu-west-1",
                "quota_code",
                EIP))
        .isEmpty();
    assertThat(value(s, LIMIT, "account_id", PROD, "region", "eu-west-1", "quota_code", ALB))
        .isEqualTo(100);
    assertThat(value(s, LIMIT, "account_id", PROD, "region", "us-east-1", "quota_code", ALB))
        .isEqualTo(50);
    assertThat(value(s, LIMIT, "account_id", PROD, "region", "us-east-1", "quota_code", VCPU))
        .isEqualTo(5);
    assertThat(
            value(
                s,
                LIMIT,
                "account_id",
                PROD,
                "region",
                "global",
                "service",
                "route53",
                "quota_code",
                ZONES))
        .isEqualTo(1000);
    // staging: raised EIPs; the ErrorReason quota is omitted, not zero, and counted as a problem.
    assertThat(value(s, LIMIT, "account_id", STAGING, "quota_code", EIP)).isEqualTo(20);
    assertThat(select(s, LIMIT, "account_id", STAGING, "quota_code", SPOT)).isEmpty();
    assertThat(value(s, "quota_cli_quota_problems", "account_id", STAGING, "service", "ec2"))
        .isEqualTo(1);
    assertThat(run.err())
        .contains("quota-cli: warning: " + STAGING + "/eu-west-1/ec2: " + SPOT + " (")
        .contains("DEPENDENCY_ACCESS_DENIED_ERROR");
    // shared: reached through AssumeRole on moto; defaults.
    assertThat(value(s, LIMIT, "account_id", SHARED, "region", "eu-west-1", "quota_code", VCPU))
        .isEqualTo(5);
    assertThat(value(s, LIMIT, "account_id", SHARED, "region", "global", "quota_code", ZONES))
        .isEqualTo(500);
    assertThat(select(s, LIMIT, "account_id", SHARED).get(0).label("account_name"))
        .isEqualTo("shared-services");
    // broken: failed, visible in self-metrics and stderr, no limits.
    assertThat(select(s, LIMIT, "account_id", BROKEN)).isEmpty();
    assertThat(select(s, "quota_cli_target_success", "account_id", BROKEN))
        .hasSize(3)
        .allMatch(x -> x.value() == 0);
    assertThat(
            select(
                s,
                "quota_cli_target_failed",
                "account_id",
                BROKEN,
                "reason",
                "invalid_credentials"))
        .hasSize(3);
    assertThat(run.err())
        .contains("quota-cli: error: " + BROKEN + "/eu-west-1/ec2: invalid_credentials: ");
    // Exactly the expected series: prod 9, staging 4, shared 5.
    assertThat(select(s, LIMIT)).hasSize(18);
    assertThat(select(s, "quota_cli_target_success")).filteredOn(x -> x.value() == 1).hasSize(11);
    assertThat(value(s, "quota_cli_targets", "status", "failed")).isEqualTo(3);
    assertThat(value(s, "quota_cli_accounts_skipped")).isEqualTo(1);
    assertThat(run.err()).contains("skipping account: cmdb row");
    assertThat(
            value(
                s,
                "quota_cli_api_calls",
                "service",
                "servicequotas",
                "operation",
                "ListServiceQuotas"))
        .isGreaterThan(0);
    assertThat(value(s, "quota_cli_api_calls", "service", "sts", "operation", "AssumeRole"))
        .isEqualTo(1);
    // The run finished and wrote its file: its last success is set although a target failed.
    assertThat(value(s, "quota_cli_last_success_timestamp_seconds", "subcommand", "limits"))
        .isPositive();
    // Each target's own: every healthy target has one; the broken account's never succeeded.
    assertThat(select(s, "quota_cli_target_last_success_timestamp_seconds")).hasSize(11);
    assertThat(select(s, "quota_cli_target_last_success_timestamp_seconds", "account_id", BROKEN))
        .isEmpty();
    // The file: 0644, nothing else left in the directory.
    Path file = textfiles.resolve("aws_quota_limits.prom");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    try (Stream<Path> files = Files.list(textfiles)) {
      assertThat(files).containsExactly(file);
    }
    assertNoSecretsIn(run);
    assertThat(run.err() + run.out() + Files.readString(file)).doesNotContain(Estate.EXTERNAL_ID);
  }

  @Test
  void secondRunWithinTheTtlMakesNoServiceQuotasCall() throws Exception {
    String[] good = {"--account", PROD + "," + STAGING + "," + SHARED};
    CliRun first = limits(good);
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(0);
    List<Sample> before = select(written(), LIMIT);
    int callsBefore = estate.quotas.totalRequests();
    assertThat(callsBefore).isGreaterThan(0);

    CliRun second = limits(good);

    assertThat(second.exitCode()).as(second.toString()).isEqualTo(0);
    assertThat(estate.quotas.totalRequests()).isEqualTo(callsBefore);
    List<Sample> after = written();
    assertThat(select(after, LIMIT)).isEqualTo(before);
    assertThat(value(after, "quota_cli_targets_from_cache")).isEqualTo(11);
    assertThat(select(after, "quota_cli_api_calls")).isEmpty();
    assertThat(value(after, "quota_cli_last_success_timestamp_seconds")).isGreaterThan(0);
  }

  @Test
  void withEveryThirdServiceQuotasCallThrottledTheResultIsStillComplete() throws Exception {
    CliRun clean = limits("--account", PROD + "," + STAGING + "," + SHARED);
    List<Sample> expected = select(written(), LIMIT);
    estate.quotas.throttle().enable(3);

    CliRun throttled = limits("--account", PROD + "," + STAGING + "," + SHARED, "--force");

    assertThat(clean.exitCode()).isZero();
    assertThat(throttled.exitCode()).as(throttled.toString()).isEqualTo(0);
    assertThat(estate.quotas.throttle().throttledCount()).isGreaterThan(3);
    List<Sample> s = written();
    assertThat(select(s, LIMIT)).isEqualTo(expected);
    double throttles =
        select(s, "quota_cli_api_throttles").stream().mapToDouble(Sample::value).sum();
    double retries = select(s, "quota_cli_api_retries").stream().mapToDouble(Sample::value).sum();
    assertThat(throttles).isEqualTo(estate.quotas.throttle().throttledCount());
    assertThat(retries).isGreaterThanOrEqualTo(throttles);
  }

  @Test
  void unreachableCmdbExitsOneAndKeepsThePreviousFile() throws Exception {
    Path file = textfiles.resolve("aws_quota_limits.prom");
    Files.writeString(file, "# previous good file\nup 1\n");
    byte[] previous = Files.readAllBytes(file);

    CliRun run = limits("--cmdb-url", "jdbc:mysql://127.0.0.1:1/cmdb", "--cmdb-timeout", "3s");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            "quota-cli: error: cannot read accounts from the CMDB at jdbc:mysql://127.0.0.1:1/cmdb");
    assertThat(Files.readAllBytes(file)).isEqualTo(previous);
    assertThat(estate.quotas.totalRequests()).isZero();
  }

  @Test
  void brokenQuotasFileExitsTwoNamingFileLineAndColumn() throws Exception {
    Path file = textfiles.resolve("aws_quota_limits.prom");
    Files.writeString(file, "up 1\n");
    Path broken = tmp.resolve("quotas.yaml");
    Files.writeString(
        broken, "version: 1\nservices:\n  ec2:\n    scop: regional\n    quotas: []\n");

    CliRun run = limits("--quotas", broken.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("quota-cli: error: " + broken + ":4:5: unknown key 'scop'");
    assertThat(file).hasContent("up 1");
  }

  @Test
  void corruptCacheFileIsReportedRefetchedAndRewritten() throws Exception {
    String[] prodOnly = {"--account", PROD, "--service", "ec2", "--region", "eu-west-1"};
    assertThat(limits(prodOnly).exitCode()).isZero();
    Path entry = cache.resolve(PROD).resolve("eu-west-1").resolve("ec2.json");
    Files.writeString(entry, "{ not json");
    int callsBefore = estate.quotas.totalRequests();

    CliRun run = limits(prodOnly);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(estate.quotas.totalRequests()).isGreaterThan(callsBefore);
    assertThat(Files.readString(entry)).contains("\"schemaVersion\" : 1");
    assertThat(value(written(), LIMIT, "account_id", PROD, "quota_code", VCPU)).isEqualTo(1152);
  }

  @Test
  void withoutAccountSourceTheAmbientCredentialsAreOneAccount() throws Exception {
    // The SDK's default chain reads these system properties; moto maps any key to 123456789012.
    System.setProperty("aws.accessKeyId", "AKIAAMBIENTQUOTACLI5");
    System.setProperty("aws.secretAccessKey", "ambient-secret-5566");
    try {
      Path out = textfiles.resolve("ambient.prom");
      CliRun run =
          Cli.run(
              java.util.Map.of(),
              "limits",
              "--quotas",
              "src/test/resources/estate/quotas.yaml",
              "--cache-dir",
              cache.toString(),
              "--service-endpoint",
              "sts=" + estate.moto.endpoint(),
              "--service-endpoint",
              "servicequotas=" + estate.quotas.endpoint(),
              // The account's name (IAM alias) from moto too: nothing leaves the machine.
              "--service-endpoint",
              "iam=" + estate.moto.endpoint(),
              "--region",
              "eu-west-1",
              "--output",
              out.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      List<Sample> s = PromText.parse(Files.readString(out));
      assertThat(
              value(
                  s,
                  LIMIT,
                  "account_id",
                  "123456789012",
                  "region",
                  "eu-west-1",
                  "quota_code",
                  VCPU))
          .isEqualTo(5);
      assertThat(
              value(s, "quota_cli_api_calls", "service", "sts", "operation", "GetCallerIdentity"))
          .isEqualTo(1);
      assertThat(Files.readString(out) + run.err()).doesNotContain("ambient-secret-5566");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void refreshCacheRewritesReportsAChangedLimitAndPrunesGoneAccounts() throws Exception {
    String[] prodEc2 = {"--account", PROD, "--service", "ec2", "--region", "eu-west-1"};
    assertThat(limits(prodEc2).exitCode()).isZero();
    Path gone = Files.createDirectories(cache.resolve("999999999999").resolve("eu-west-1"));
    Files.writeString(gone.resolve("ec2.json"), "{}");
    estate
        .quotas
        .forAccessKey(Estate.PROD_KEY)
        .forRegion("eu-west-1")
        .account(PROD)
        .service("ec2")
        .applied(dev.quotacli.testing.ServiceQuotasStub.quota(VCPU, Estate.VCPU_NAME, 2048));
    Path requests = cache.resolve(PROD).resolve("eu-west-1").resolve("requests.json");
    String requestsBefore = Files.readString(requests);
    Thread.sleep(5); // the refetched history's fetchedAt differs

    List<String> args = new ArrayList<>(List.of("refresh-cache"));
    args.addAll(estate.args(cache));
    args.addAll(List.of(prodEc2));
    args.addAll(List.of("--endpoint-url", estate.moto.endpoint().toString()));
    CliRun run = Cli.run(estate.env(), args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(PROD + "/eu-west-1/ec2 " + VCPU + " limit 1152 -> 2048 (up)")
        .contains("999999999999 pruned: no longer in the account source")
        .contains("refreshed 1 of 1 targets; 1 limit changes; 1 accounts pruned");
    assertThat(cache.resolve("999999999999")).doesNotExist();
    assertThat(Files.readString(cache.resolve(PROD).resolve("eu-west-1").resolve("ec2.json")))
        .contains("2048");
    assertThat(cache.resolve(PROD).resolve("eu-west-1").resolve("ec2.usage.json")).exists();
    assertThat(Files.readString(requests))
        .as("the increase requests are refreshed with the limits")
        .isNotEqualTo(requestsBefore);
  }

  @Test
  void refreshCacheOfOneShardLeavesTheOtherShardsCachesInPlace() throws Exception {
    assertThat(limits().exitCode()).isIn(0, 3);
    var shard = new dev.quotacli.quota.Shard(0, 3);
    // Two accounts gone from the source: the shard prunes the one it owns, not the other.
    String goneMine = null;
    String goneOthers = null;
    for (long n = 900000000000L; goneMine == null || goneOthers == null; n++) {
      String id = Long.toString(n);
      if (shard.owns(id) && goneMine == null) {
        goneMine = id;
      } else if (!shard.owns(id) && goneOthers == null) {
        goneOthers = id;
      }
    }
    for (String id : List.of(goneMine, goneOthers)) {
      Files.writeString(
          Files.createDirectories(cache.resolve(id).resolve("eu-west-1")).resolve("ec2.json"),
          "{}");
    }
    List<String> others =
        java.util.stream.Stream.of(SHARED, PROD, STAGING, BROKEN)
            .filter(id -> !shard.owns(id))
            .filter(id -> Files.isDirectory(cache.resolve(id)))
            .toList();
    assertThat(others).as("the estate has accounts of other shards with a cache").isNotEmpty();

    List<String> args = new ArrayList<>(List.of("refresh-cache"));
    args.addAll(estate.args(cache));
    args.addAll(List.of("--shard", "0/3", "--endpoint-url", estate.moto.endpoint().toString()));
    CliRun run = Cli.run(estate.env(), args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isIn(0, 3);
    assertThat(cache.resolve(goneMine)).doesNotExist();
    assertThat(cache.resolve(goneOthers)).isDirectory();
    for (String id : others) {
      assertThat(cache.resolve(id)).as("cache of %s (another shard)", id).isDirectory();
    }
    assertThat(run.out()).contains(goneMine + " pruned").doesNotContain(goneOthers + " pruned");
  }

  @Test
  void shardsWriteTheirOwnFilesAndTogetherCoverEveryAccountOnce() throws Exception {
    java.util.Map<String, Integer> owner = new java.util.TreeMap<>();
    for (int index = 0; index < 2; index++) {
      List<String> args = new ArrayList<>(List.of("limits"));
      args.addAll(estate.args(cache));
      args.addAll(List.of("--textfile-dir", textfiles.toString(), "--shard-count", "2"));
      java.util.Map<String, String> env = new java.util.HashMap<>(estate.env());
      env.put("JOB_COMPLETION_INDEX", Integer.toString(index));
      CliRun run = Cli.run(env, args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.toString()).isIn(0, 3);

      List<Sample> s =
          PromText.parse(
              Files.readString(
                  textfiles.resolve("aws_quota_limits.shard-" + index + "-of-2.prom")));
      assertThat(
              value(
                  s,
                  "quota_cli_last_run_timestamp_seconds",
                  "subcommand",
                  "limits",
                  "shard",
                  index + "/2"))
          .isPositive();
      for (Sample target : select(s, "quota_cli_target_success")) {
        Integer previous = owner.put(target.label("account_id"), index);
        assertThat(previous)
            .as("account %s in two shards", target.label("account_id"))
            .isIn(null, index);
      }
    }
    assertThat(owner.keySet()).containsExactlyInAnyOrder(SHARED, PROD, STAGING, BROKEN);
    assertThat(new java.util.HashSet<>(owner.values()))
        .as("both shards own accounts")
        .containsExactlyInAnyOrder(0, 1);
    assertThat(Files.exists(textfiles.resolve("aws_quota_limits.prom"))).isFalse();
  }

  @Test
  void aSecondRunWhileTheFirstHoldsTheLockExitsAtOnceTouchingNothing() throws Exception {
    String[] prodEc2 = {"--account", PROD, "--service", "ec2", "--region", "eu-west-1", "--force"};
    assertThat(limits(prodEc2).exitCode()).isZero();
    Path file = textfiles.resolve("aws_quota_limits.prom");
    byte[] before = Files.readAllBytes(file);
    Path entry = cache.resolve(PROD).resolve("eu-west-1").resolve("ec2.json");
    byte[] cacheBefore = Files.readAllBytes(entry);
    // The first run is a real process (the built launcher), slowed by 3 s answers.
    estate.quotas.server().setGlobalFixedDelay(3000);
    List<String> args = new ArrayList<>(List.of("bin/quota-cli", "limits"));
    args.addAll(estate.args(cache));
    args.addAll(List.of("--textfile-dir", textfiles.toString()));
    args.addAll(List.of(prodEc2));
    Path lock = cache.resolve("locks").resolve("limits.lock");
    Files.delete(lock); // left by the run above (released); wait below for the process's own
    ProcessBuilder builder =
        new ProcessBuilder(args)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("first.log").toFile());
    builder.environment().putAll(estate.env());
    Process first = builder.start();
    try {
      for (int i = 0; i < 100 && (!Files.exists(lock) || Files.readString(lock).isBlank()); i++) {
        Thread.sleep(100);
      }
      long start = System.nanoTime();
      CliRun second = limits(prodEc2);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(second.exitCode()).as(second.toString()).isEqualTo(4);
      assertThat(second.err().lines())
          .singleElement()
          .asString()
          .startsWith(
              "quota-cli: error: another 'limits' run is in progress (pid " + first.pid() + ")");
      assertThat(millis).isLessThan(2000);
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
      assertThat(Files.readAllBytes(entry)).isEqualTo(cacheBefore);
    } finally {
      assertThat(first.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      estate.quotas.server().setGlobalFixedDelay(0);
    }
    assertThat(first.exitValue()).as(Files.readString(tmp.resolve("first.log"))).isZero();
    assertThat(value(written(), LIMIT, "account_id", PROD, "quota_code", VCPU)).isEqualTo(1152);
  }

  @Test
  void withTheCmdbDownRoleAccountsComeFromTheCachedListAndStaticKeyAccountsFailClearly()
      throws Exception {
    assertThat(limits().exitCode()).isEqualTo(3); // a good read caches the account list
    String accountList = Files.readString(cache.resolve("accounts.json"));
    assertThat(accountList).contains(SHARED).contains("quota-reader").doesNotContain("AKIA");
    Estate.SECRETS.forEach(secret -> assertThat(accountList).doesNotContain(secret));
    // The role account's AssumeRole now comes from the ambient chain (the row's keys are not
    // cached).
    System.setProperty("aws.accessKeyId", "AKIAAMBIENTQUOTACLI5");
    System.setProperty("aws.secretAccessKey", "ambient-secret-5566");
    try {
      CliRun run =
          limits("--cmdb-url", "jdbc:mysql://127.0.0.1:1/cmdb", "--cmdb-timeout", "3s", "--force");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      assertThat(run.err())
          .contains(
              "quota-cli: warning: cannot read accounts from the CMDB at jdbc:mysql://127.0.0.1:1/cmdb")
          .contains("using the account list cached at")
          .contains(
              "quota-cli: error: "
                  + PROD
                  + "/eu-west-1/ec2: no_credentials: the CMDB is unreachable and static keys are never cached");
      List<Sample> s = written();
      assertThat(value(s, "quota_cli_account_source_stale")).isEqualTo(1);
      assertThat(value(s, LIMIT, "account_id", SHARED, "region", "eu-west-1", "quota_code", VCPU))
          .isEqualTo(5);
      assertThat(select(s, LIMIT, "account_id", PROD)).isEmpty();
      assertThat(
              select(s, "quota_cli_target_failed", "account_id", PROD, "reason", "no_credentials"))
          .hasSize(5);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
    CliRun tooOld =
        limits(
            "--cmdb-url",
            "jdbc:mysql://127.0.0.1:1/cmdb",
            "--cmdb-timeout",
            "3s",
            "--account-cache-max-age",
            "0s");
    assertThat(tooOld.exitCode()).isEqualTo(1);
    assertThat(tooOld.err()).contains("and no cached account list younger than 0s");
  }

  @Test
  void aHangingRegionCostsAtMostItsBudgetThenIsSkippedWithItsCachedLimitsStillExported()
      throws Exception {
    // 4 s of API time an hour: the hanging region uses it up; the healthy one (us-east-1) keeps
    // enough for three runs even on a loaded machine.
    String[] prod = {"--account", PROD, "--budget", "4"};
    assertThat(limits(prod).exitCode()).isZero(); // caches every prod target
    // eu-west-1 now hangs: every Service Quotas answer there takes 20 s.
    estate
        .quotas
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.post("/")
                .atPriority(1)
                .withHeader(
                    "Authorization",
                    com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "/eu-west-1/servicequotas/"))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(500)
                        .withFixedDelay(20_000)));

    long start = System.nanoTime();
    CliRun hanging = limits(prod[0], prod[1], prod[2], prod[3], "--force");
    long firstMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(hanging.exitCode()).as(hanging.toString()).isEqualTo(3);
    assertThat(firstMillis)
        .as("the hanging region costs about its 4 s budget, not 20 s per call")
        .isLessThan(8_000);
    assertThat(hanging.err())
        .contains(PROD + "/eu-west-1/ec2: timeout: time budget used up by this account and region");
    assertThat(
            select(written(), LIMIT, "account_id", PROD, "region", "us-east-1", "quota_code", VCPU))
        .as(hanging.toString())
        .singleElement()
        .extracting(Sample::value)
        .isEqualTo(5.0);

    start = System.nanoTime();
    CliRun next = limits(prod[0], prod[1], prod[2], prod[3], "--force");
    long nextMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(nextMillis).isLessThan(5_000);
    List<Sample> s = written();
    assertThat(value(s, "quota_cli_target_degraded", "account_id", PROD, "region", "eu-west-1"))
        .isEqualTo(1);
    assertThat(select(s, "quota_cli_target_degraded")).hasSize(1);
    assertThat(value(s, "quota_cli_targets", "status", "degraded")).isEqualTo(2);
    assertThat(value(s, LIMIT, "account_id", PROD, "region", "eu-west-1", "quota_code", VCPU))
        .as("the degraded target's cached limit is still exported")
        .isEqualTo(1152);
    assertThat(value(s, LIMIT, "account_id", PROD, "region", "us-east-1", "quota_code", VCPU))
        .isEqualTo(5);
    String budgets = Files.readString(cache.resolve("budgets.json"));
    assertThat(budgets).contains("\"" + PROD + "/eu-west-1\"");

    CliRun status =
        Cli.run(
            java.util.Map.of(),
            "status",
            "--cache-dir",
            cache.toString(),
            "--budget",
            "4",
            "--shard-count",
            "2");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out())
        .containsPattern(PROD + "/eu-west-1 +skipped for \\d+[smh] more")
        .containsPattern(
            "limits +\\d+s ago, [0-9.]+s, ok 3, failed 0, degraded 2, last success \\d+s ago")
        .contains("SHARDS (of 2)")
        .containsPattern(PROD + " +[0-9]/2");
  }

  @Test
  void usageForceBypassesTheUsageCacheButNotTheFreshLimitCache() throws Exception {
    String[] prodEc2 = {"--account", PROD, "--service", "ec2", "--region", "eu-west-1"};
    assertThat(limits(prodEc2).exitCode()).isZero();
    int quotaCalls = estate.quotas.totalRequests();

    List<String> args = new ArrayList<>(List.of("usage"));
    args.addAll(estate.args(cache));
    args.addAll(List.of(prodEc2));
    args.addAll(
        List.of(
            "--force", "--endpoint-url", estate.moto.endpoint().toString(), "--format", "json"));
    CliRun run = Cli.run(estate.env(), args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(estate.quotas.totalRequests()).isEqualTo(quotaCalls);
    assertThat(run.out()).contains("\"quota_code\": \"" + VCPU + "\"").contains("\"limit\": 1152");
  }

  private void assertNoSecretsIn(CliRun run) throws Exception {
    List<String> texts = new ArrayList<>(List.of(run.out(), run.err()));
    for (Path root : List.of(cache, textfiles)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          texts.add(Files.readString(f));
        }
      }
    }
    for (String text : texts) {
      for (String secret : Estate.SECRETS) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
