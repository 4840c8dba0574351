package dev.quotacli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.MotoAccounts;
import dev.quotacli.testing.MotoServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/** discover-regions against moto: active regions are exactly those holding live instances. */
class DiscoverRegionsIT {
  static final String BUSY = "620000000001";
  static final String IDLE = "620000000002";

  /** Only an EBS volume, in eu-south-1. */
  static final String DISKS = "620000000003";

  private static MotoServer moto;

  @TempDir Path tmp;

  @BeforeAll
  static void seed() {
    moto = MotoServer.shared();
    var creds = MotoAccounts.credentials(moto.endpoint(), BUSY);
    run(creds, "eu-west-3", false, false);
    run(creds, "ap-south-1", false, true); // stopped still means in use
    run(creds, "us-west-1", true, false); // terminated does not
    try (Ec2Client ec2 = ec2(MotoAccounts.credentials(moto.endpoint(), DISKS), "eu-south-1")) {
      ec2.createVolume(r -> r.availabilityZone("eu-south-1a").size(8));
    }
  }

  private static Ec2Client ec2(
      software.amazon.awssdk.auth.credentials.AwsCredentialsProvider creds, String region) {
    return Ec2Client.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.of(region))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(creds)
        .build();
  }

  private static void run(
      software.amazon.awssdk.auth.credentials.AwsCredentialsProvider creds,
      String region,
      boolean terminate,
      boolean stop) {
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.of(region))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(creds)
            .build()) {
      String id =
          ec2.runInstances(
                  r ->
                      r.imageId("ami-12c6146b")
                          .instanceType(InstanceType.T3_MICRO)
                          .minCount(1)
                          .maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      if (terminate) {
        ec2.terminateInstances(r -> r.instanceIds(id));
      }
      if (stop) {
        ec2.stopInstances(r -> r.instanceIds(id));
      }
    }
  }

  private Path accountsFile() throws Exception {
    return Files.writeString(
        tmp.resolve("accounts.yaml"),
        "accounts:\n"
            + MotoAccounts.accountsFileEntry(BUSY, "busy", null)
            + MotoAccounts.accountsFileEntry(IDLE, "idle", null));
  }

  @Test
  void activeRegionsAreExactlyTheRegionsHoldingInstancesAndAreCached() throws Exception {
    Path cache = tmp.resolve("cache");

    CliRun run =
        Cli.run(
            Map.of(),
            "discover-regions",
            "--accounts-file",
            accountsFile().toString(),
            "--cache-dir",
            cache.toString(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(
            "\"account_id\": \""
                + BUSY
                + "\", \"account_name\": \"busy\", "
                + "\"active_regions\": [\"ap-south-1\", \"eu-west-3\"]");
    assertThat(run.out())
        .contains(
            "\"account_id\": \"" + IDLE + "\", \"account_name\": \"idle\", \"active_regions\": []");
    assertThat(Files.readString(cache.resolve(BUSY).resolve("regions.json")))
        .contains("\"ap-south-1\", \"eu-west-3\" ]");
  }

  @Test
  void theServicesOfQuotasSayWhatMakesARegionActive() throws Exception {
    Path accounts =
        Files.writeString(
            tmp.resolve("disks.yaml"),
            "accounts:\n" + MotoAccounts.accountsFileEntry(DISKS, "disks", null));
    Path ebsOnly =
        Files.writeString(
            tmp.resolve("ebs.yaml"),
            "services:\n  ebs:\n    scope: regional\n    quotas:\n      - code: L-D18FCD1D\n        name: Storage for gp2\n");
    Path ec2Only =
        Files.writeString(
            tmp.resolve("ec2.yaml"),
            "services:\n  ec2:\n    scope: regional\n    quotas:\n      - code: L-1216C47A\n        name: Standard vCPUs\n");

    List<String> out = new java.util.ArrayList<>();
    for (Path quotas : List.of(ebsOnly, ec2Only)) {
      CliRun run =
          Cli.run(
              Map.of(),
              "discover-regions",
              "--accounts-file",
              accounts.toString(),
              "--quotas",
              quotas.toString(),
              "--cache-dir",
              tmp.resolve("cache").toString(),
              "--endpoint-url",
              moto.endpoint().toString(),
              "--format",
              "json");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      out.add(run.out());
    }

    assertThat(out.get(0)).contains("\"active_regions\": [\"eu-south-1\"]");
    assertThat(out.get(1)).contains("\"active_regions\": []");
  }

  @Test
  void whenDescribeRegionsCannotBeReachedThePreviousListStandsInAndStaysCached() throws Exception {
    Path cache = tmp.resolve("cache");
    Path accounts = accountsFile();
    CliRun first = discover(accounts, cache, moto.endpoint().toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Path entry = cache.resolve(BUSY).resolve("regions.json");
    byte[] before = Files.readAllBytes(entry);
    String down;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      down = "http://127.0.0.1:" + s.getLocalPort();
    }

    CliRun second = discover(accounts, cache, down);

    assertThat(second.exitCode()).as(second.toString()).isEqualTo(3);
    assertThat(second.out())
        .contains(
            "\"account_id\": \""
                + BUSY
                + "\", \"account_name\": \"busy\", "
                + "\"active_regions\": [\"ap-south-1\", \"eu-west-3\"]")
        .containsPattern("\"previous_list_from\": \"20[0-9-]+T[0-9:.]+Z\"");
    assertThat(second.err())
        .contains(BUSY + ": unavailable: region discovery failed: unavailable: DescribeRegions: ")
        .contains("; the previous list of 20")
        .contains(" stands in");
    assertThat(Files.readAllBytes(entry)).as("the entry is left as it was").isEqualTo(before);
  }

  private static CliRun discover(Path accounts, Path cache, String endpoint) {
    return Cli.run(
        Map.of(),
        "discover-regions",
        "--accounts-file",
        accounts.toString(),
        "--account",
        BUSY,
        "--cache-dir",
        cache.toString(),
        "--endpoint-url",
        endpoint,
        "--format",
        "json");
  }

  @Test
  void theTextfileListsActiveRegionsWithTheSelfMetrics() throws Exception {
    Path textfiles = Files.createDirectories(tmp.resolve("textfiles"));

    CliRun run =
        Cli.run(
            Map.of(),
            "discover-regions",
            "--accounts-file",
            accountsFile().toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--textfile-dir",
            textfiles.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    var s =
        dev.quotacli.testing.PromText.parse(
            Files.readString(textfiles.resolve("aws_quota_discover-regions.prom")));
    assertThat(
            dev.quotacli.testing.PromText.select(s, "quota_cli_active_region", "account_id", BUSY))
        .extracting(x -> x.label("region"))
        .containsExactly("ap-south-1", "eu-west-3");
    assertThat(
            dev.quotacli.testing.PromText.select(s, "quota_cli_active_region", "account_id", IDLE))
        .isEmpty();
    assertThat(
            dev.quotacli.testing.PromText.value(
                s, "quota_cli_last_success_timestamp_seconds", "subcommand", "discover-regions"))
        .isPositive();
    assertThat(
            dev.quotacli.testing.PromText.value(
                s, "quota_cli_targets", "subcommand", "discover-regions", "status", "ok"))
        .isEqualTo(2);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void limitsUsesDiscoveredRegionsForAccountsThatListNone() throws Exception {
    Path cache = tmp.resolve("cache");
    Path quotas =
        Files.writeString(
            tmp.resolve("quotas.yaml"),
            "services:\n  vpc:\n    scope: regional\n    quotas:\n      - code: L-F678F1CE\n        name: VPCs per Region\n");

    // moto's Service Quotas knows the vpc service (Get calls only: one quota makes quota-cli use
    // Get).
    CliRun run =
        Cli.run(
            Map.of(),
            "limits",
            "--accounts-file",
            accountsFile().toString(),
            "--account",
            BUSY,
            "--quotas",
            quotas.toString(),
            "--cache-dir",
            cache.toString(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("\"region\": \"ap-south-1\"")
        .contains("\"region\": \"eu-west-3\"")
        .doesNotContain("us-west-1")
        .doesNotContain("us-east-1");
    assertThat(run.out())
        .contains(
            "\"quota_code\": \"L-F678F1CE\", \"quota_name\": \"VPCs per Region\", \"limit\": 5");
    assertThat(Files.exists(cache.resolve(BUSY).resolve("regions.json"))).isTrue();
    assertThat(List.of(run.out().split("\n"))).filteredOn(l -> l.contains("L-F678F1CE")).hasSize(2);
  }

  @Test
  void regionFlagsNameTheRegionsToCollectWhateverWasDiscovered() throws Exception {
    Path cache = tmp.resolve("cache-flags");
    Path quotas =
        Files.writeString(
            tmp.resolve("quotas-flags.yaml"),
            "services:\n  vpc:\n    scope: regional\n    quotas:\n      - code: L-F678F1CE\n        name: VPCs per Region\n");

    // BUSY's discovered regions are ap-south-1 and eu-west-3; the operator asks for us-west-1.
    CliRun run =
        Cli.run(
            Map.of(),
            "limits",
            "--accounts-file",
            accountsFile().toString(),
            "--account",
            BUSY,
            "--region",
            "us-west-1",
            "--quotas",
            quotas.toString(),
            "--cache-dir",
            cache.toString(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("\"region\": \"us-west-1\"")
        .doesNotContain("ap-south-1")
        .doesNotContain("eu-west-3");
    assertThat(Files.exists(cache.resolve(BUSY).resolve("regions.json")))
        .as("no discovery when the regions are named")
        .isFalse();
  }
}
