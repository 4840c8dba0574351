package dev.quotacli.cli;

import static dev.quotacli.testing.PromText.select;
import static dev.quotacli.testing.PromText.value;
import static dev.quotacli.testing.ServiceQuotasStub.quota;
import static dev.quotacli.testing.ServiceQuotasStub.requested;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.aws.MotoSeed;
import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.MotoAccounts;
import dev.quotacli.testing.MotoServer;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.ServiceQuotasStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Each quota's whole story, end to end as a new user sees it: a role account on moto whose EC2 vCPU
 * quota was raised from its AWS default 1152 to 2048 and has an increase request to 4096 pending
 * for 3 days (Service Quotas, with its request history, on WireMock). The limits file says applied
 * 2048, default 1152, requested 4096 pending since then; {@code usage --account}'s table says the
 * same. In us-east-1 the request history is denied: the limits are still there, the requests are
 * unknown (counted, said once), never "none".
 */
class QuotaStoryEndToEndIT {
  static final String ACCOUNT =
      "661000000001"; // its own: CostEndToEndIT prices 65000000000x in the same moto
  static final String EU = "eu-west-1";
  static final String US = "us-east-1";
  static final String VCPU = "L-1216C47A";
  static final String VCPU_NAME =
      "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances";
  static final String EIP = "L-0263D0A3";
  static final String EIP_NAME = "EC2-VPC Elastic IPs";
  static final String ALB = "L-53DA6B97";
  static final String ALB_NAME = "Application Load Balancers per Region";

  /** When the pending request was made: 3 days and 2 hours before the run. */
  static final Instant CREATED =
      Instant.now()
          .minus(Duration.ofDays(3))
          .minus(Duration.ofHours(2))
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  static MotoServer moto;
  static ServiceQuotasStub quotas;

  @TempDir static Path tmp;
  static Path accountsFile;
  static Path quotasFile;

  @BeforeAll
  static void estate() throws Exception {
    moto = MotoServer.shared();
    MotoSeed seed = new MotoSeed(moto.endpoint());
    Ec2Client ec2 = seed.ec2(MotoSeed.roleAccount(ACCOUNT, "story"), EU);
    String ami =
        ec2.describeImages(b -> b.owners("amazon").maxResults(5)).images().get(0).imageId();
    ec2.runInstances(b -> b.imageId(ami).instanceType("m5.large").minCount(2).maxCount(2));

    quotas = ServiceQuotasStub.start();
    var defaults =
        List.of(quota(VCPU, VCPU_NAME, 1152), quota(EIP, EIP_NAME, 5), quota("L-X", "Other", 1));
    quotas.anyRegion().service("ec2").defaults(defaults);
    quotas.anyRegion().service("elasticloadbalancing").defaults(quota(ALB, ALB_NAME, 50));
    var eu = quotas.forRegion(EU);
    eu.service("ec2").applied(quota(VCPU, VCPU_NAME, 2048)).defaults(defaults);
    eu.service("elasticloadbalancing").defaults(quota(ALB, ALB_NAME, 50));
    eu.requestHistory(
        requested(VCPU, VCPU_NAME, 4096, "PENDING", CREATED.getEpochSecond()),
        // Closed 40 days ago: no longer shown.
        requested(
            EIP,
            EIP_NAME,
            10,
            "APPROVED",
            Instant.now().minus(Duration.ofDays(40)).getEpochSecond()));
    quotas.forRegion(US).requestHistoryDenied();

    accountsFile =
        Files.writeString(
            tmp.resolve("accounts.yaml"),
            "accounts:\n" + MotoAccounts.accountsFileEntry(ACCOUNT, "story", EU + ", " + US));
    quotasFile =
        Files.writeString(
            tmp.resolve("quotas.yaml"),
            """
            version: 1
            services:
              ec2:
                scope: regional
                quotas:
                  - code: L-1216C47A
                    name: Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances
                  - code: L-0263D0A3
                    name: EC2-VPC Elastic IPs
              elasticloadbalancing:
                scope: regional
                quotas:
                  - code: L-53DA6B97
                    name: Application Load Balancers per Region
            """);
  }

  @AfterAll
  static void stop() {
    if (quotas != null) {
      quotas.close();
    }
  }

  static CliRun run(String subcommand, Path cache, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                subcommand,
                "--accounts-file",
                accountsFile.toString(),
                "--quotas",
                quotasFile.toString(),
                "--cache-dir",
                cache.toString(),
                "--endpoint-url",
                moto.endpoint().toString(),
                "--service-endpoint",
                "servicequotas=" + quotas.endpoint()));
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  @Test
  void theLimitsFileTellsAppliedDefaultAndThePendingRequest() throws Exception {
    Path textfiles = Files.createDirectories(tmp.resolve("textfiles"));
    int historyCallsBefore = quotas.requestCount(ServiceQuotasStub.LIST_REQUEST_HISTORY);

    CliRun limits =
        run("limits", tmp.resolve("cache-limits"), "--textfile-dir", textfiles.toString());

    assertThat(limits.exitCode()).as(limits.toString()).isZero();
    var samples = PromText.parse(Files.readString(textfiles.resolve("aws_quota_limits.prom")));
    String[] euVcpu = {"account_id", ACCOUNT, "region", EU, "quota_code", VCPU};
    assertThat(value(samples, "cloud_service_quota_limit", euVcpu)).isEqualTo(2048.0);
    assertThat(value(samples, "cloud_service_quota_limit_default", euVcpu)).isEqualTo(1152.0);
    assertThat(value(samples, "cloud_service_quota_limit_applied", euVcpu)).isEqualTo(1.0);
    var requestedSeries = select(samples, "cloud_service_quota_requested", euVcpu);
    assertThat(requestedSeries).hasSize(1);
    assertThat(requestedSeries.get(0).label("status")).isEqualTo("pending");
    assertThat(requestedSeries.get(0).label("quota_name")).isEqualTo(VCPU_NAME);
    assertThat(requestedSeries.get(0).value()).isEqualTo(4096.0);
    assertThat(
            value(
                samples,
                "cloud_service_quota_request_created_timestamp_seconds",
                "account_id",
                ACCOUNT,
                "quota_code",
                VCPU,
                "status",
                "pending"))
        .isEqualTo((double) CREATED.getEpochSecond());
    // The EIP request closed 40 days ago, and nothing at the default, says nothing.
    assertThat(select(samples, "cloud_service_quota_requested", "quota_code", EIP)).isEmpty();
    assertThat(select(samples, "cloud_service_quota_limit_default", "region", US)).isEmpty();

    // us-east-1's history is denied: its limits are there, its requests unknown (said once).
    assertThat(value(samples, "cloud_service_quota_limit", "region", US, "quota_code", VCPU))
        .isEqualTo(1152.0);
    assertThat(
            value(
                samples, "quota_cli_request_history_unknown", "account_id", ACCOUNT, "region", US))
        .isEqualTo(1.0);
    assertThat(select(samples, "quota_cli_request_history_unknown", "region", EU)).isEmpty();
    assertThat(select(samples, "cloud_service_quota_requested", "region", US)).isEmpty();
    assertThat(limits.err().lines().filter(l -> l.contains("quota increase requests unknown")))
        .as(limits.toString())
        .hasSize(1);
    // One history call per account and region (eu-west-1, us-east-1), not one per service.
    assertThat(quotas.requestCount(ServiceQuotasStub.LIST_REQUEST_HISTORY) - historyCallsBefore)
        .isEqualTo(2);
    assertThat(
            Files.readString(
                tmp.resolve("cache-limits").resolve(ACCOUNT).resolve(EU).resolve("requests.json")))
        .contains("4096");
  }

  @Test
  void theUsageTableShowsTheSameStoryBesideTheQuota() {
    Path cache = tmp.resolve("cache-usage");

    CliRun usage = run("usage", cache, "--account", ACCOUNT);

    assertThat(usage.exitCode()).as(usage.toString()).isZero();
    String header = usage.out().lines().findFirst().orElseThrow();
    assertThat(header).contains("USAGE", "LIMIT", "SOURCE", "REQUESTED");
    String row =
        usage
            .out()
            .lines()
            .filter(l -> l.contains(VCPU) && l.contains(EU))
            .findFirst()
            .orElseThrow(() -> new AssertionError(usage.toString()));
    assertThat(row)
        .contains("2048")
        .contains("applied (default 1152)")
        .contains("4096 (pending, 3 d)");
    assertThat(row).containsPattern("\\b4\\s+2048\\b"); // 2 m5.large: 4 vCPUs in use
    String usRow =
        usage
            .out()
            .lines()
            .filter(l -> l.contains(VCPU) && l.contains(US))
            .findFirst()
            .orElseThrow();
    assertThat(usRow).contains("1152").contains("default").endsWith("unknown");

    // A rerun within the TTL asks nothing again: the history is cached with the limits.
    int before = quotas.requestCount(ServiceQuotasStub.LIST_REQUEST_HISTORY);
    CliRun again = run("usage", cache, "--account", ACCOUNT);
    assertThat(again.out()).contains("4096 (pending, 3 d)");
    assertThat(quotas.requestCount(ServiceQuotasStub.LIST_REQUEST_HISTORY) - before)
        .as("only the denied region is asked again")
        .isEqualTo(1);
  }
}
