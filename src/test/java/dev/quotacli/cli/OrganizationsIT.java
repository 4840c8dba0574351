package dev.quotacli.cli;

import static dev.quotacli.testing.PromText.select;
import static dev.quotacli.testing.PromText.value;
import static dev.quotacli.testing.ServiceQuotasStub.quota;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.MotoServer;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.PromText.Sample;
import dev.quotacli.testing.ServiceQuotasStub;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * {@code limits --accounts-from organizations} against an organization emulated in a moto server of
 * its own (an organization is global per moto server, so the shared one is left alone):
 *
 * <pre>
 * root: management (moto's default account), loose
 *   quota-cli OU: team-a, closed (SUSPENDED by CloseAccount)
 *     quota-cli-dev OU: team-b
 * </pre>
 *
 * Each member is reached by AssumeRole of {@code arn:aws:iam::<id>:role/QuotaCliRole} on moto's
 * STS; Service Quotas answers from WireMock for any account.
 */
class OrganizationsIT {
  private static final String LIMIT = "cloud_service_quota_limit";
  private static final String ZONES = "L-4EA4796A";
  private static final String KEY = "AKIAORGANIZATIONSIT1";
  private static final String SECRET = "organizations-it-secret";

  private static MotoServer moto;
  private static ServiceQuotasStub quotas;
  private static final Map<String, String> names = new TreeMap<>();
  private static String unit;
  private static String teamA;
  private static String teamB;
  private static String loose;
  private static String closed;

  @TempDir Path tmp;

  @BeforeAll
  static void emulateOrganization() {
    moto = MotoServer.startProcess();
    quotas = ServiceQuotasStub.start();
    try (OrganizationsClient org =
        OrganizationsClient.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.US_EAST_1)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
            .build()) {
      org.createOrganization(b -> b.featureSet("ALL"));
      String root = org.listRoots().roots().get(0).id();
      unit =
          org.createOrganizationalUnit(b -> b.parentId(root).name("quota-cli"))
              .organizationalUnit()
              .id();
      String dev =
          org.createOrganizationalUnit(b -> b.parentId(unit).name("quota-cli-dev"))
              .organizationalUnit()
              .id();
      teamA = member(org, "team-a", root, unit);
      teamB = member(org, "team-b", root, dev);
      loose = member(org, "loose", root, null);
      closed = member(org, "closed", root, unit);
      org.closeAccount(b -> b.accountId(closed));
      names.put(MotoServer.DEFAULT_ACCOUNT, "master");
    }
  }

  private static String member(OrganizationsClient org, String name, String root, String parent) {
    String id =
        org.createAccount(b -> b.accountName(name).email(name + "@quota-cli.example"))
            .createAccountStatus()
            .accountId();
    if (parent != null) {
      org.moveAccount(b -> b.accountId(id).sourceParentId(root).destinationParentId(parent));
    }
    names.put(id, name);
    return id;
  }

  @AfterAll
  static void stop() {
    if (quotas != null) {
      quotas.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @BeforeEach
  void ambientCredentials() {
    // The SDK's default chain reads these system properties first: the management account.
    System.setProperty("aws.accessKeyId", KEY);
    System.setProperty("aws.secretAccessKey", SECRET);
    quotas.reset();
    quotas.anyRegion().service("route53").defaults(quota(ZONES, "Hosted zones", 500));
  }

  @AfterEach
  void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private CliRun limits(Path out, String organizationsEndpoint, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "limits",
                "--accounts-from",
                "organizations",
                "--org-role-name",
                "QuotaCliRole",
                "--quotas",
                "src/test/resources/estate/quotas.yaml",
                "--cache-dir",
                tmp.resolve("cache").toString(),
                "--service-endpoint",
                "sts=" + moto.endpoint(),
                "--service-endpoint",
                "organizations=" + organizationsEndpoint,
                "--service-endpoint",
                "servicequotas=" + quotas.endpoint(),
                // A global service only: no region to discover.
                "--service",
                "route53",
                "--output",
                out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  /** account_id → account_name of the limits written. */
  private static Map<String, String> collected(List<Sample> samples) {
    Map<String, String> byId = new TreeMap<>();
    for (Sample s : select(samples, LIMIT, "quota_code", ZONES)) {
      byId.put(s.label("account_id"), s.label("account_name"));
    }
    return byId;
  }

  @Test
  void everyActiveMemberIsCollectedWithItsOrganizationsNameAndTheClosedOneIsNamedOnce()
      throws Exception {
    Path out = tmp.resolve("all.prom");

    CliRun run = limits(out, moto.baseUrl());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<Sample> s = PromText.parse(Files.readString(out));
    Map<String, String> expected = new TreeMap<>(names);
    expected.remove(closed);
    assertThat(collected(s)).isEqualTo(expected);
    assertThat(value(s, LIMIT, "account_id", teamB, "quota_code", ZONES)).isEqualTo(500);
    assertThat(run.err())
        .containsOnlyOnce(closed)
        .contains(
            "quota-cli: warning: organizations: skipping 1 account not ACTIVE: "
                + closed
                + " (SUSPENDED)");
    assertThat(value(s, "quota_cli_account_source_stale")).isZero();
    assertThat(
            value(
                s, "quota_cli_api_calls", "service", "organizations", "operation", "ListAccounts"))
        .isEqualTo(1);
    assertThat(value(s, "quota_cli_api_calls", "service", "sts", "operation", "AssumeRole"))
        .as("one role per active member")
        .isEqualTo(expected.size());
  }

  @Test
  void anOuNarrowsTheSetToTheAccountsBelowItRecursively() throws Exception {
    Path out = tmp.resolve("unit.prom");

    CliRun run = limits(out, moto.baseUrl(), "--org-unit", unit);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(collected(PromText.parse(Files.readString(out))))
        .isEqualTo(Map.of(teamA, "team-a", teamB, "team-b"));
    assertThat(run.err()).contains(closed + " (SUSPENDED)");
  }

  @Test
  void withOrganizationsUnreachableTheCachedListIsUsedAndFlaggedStale() throws Exception {
    CliRun first = limits(tmp.resolve("first.prom"), moto.baseUrl(), "--org-unit", unit);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Path out = tmp.resolve("stale.prom");

    CliRun run = limits(out, "http://127.0.0.1:" + deadPort(), "--org-unit", unit);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<Sample> s = PromText.parse(Files.readString(out));
    assertThat(collected(s)).isEqualTo(Map.of(teamA, "team-a", teamB, "team-b"));
    assertThat(value(s, "quota_cli_account_source_stale")).isEqualTo(1);
    assertThat(run.err())
        .contains("quota-cli: warning: cannot list the organization's accounts")
        .contains("using the account list cached at");
  }

  @Test
  void withoutACacheAnUnreachableOrganizationIsAFatalError() throws Exception {
    Path out = tmp.resolve("fatal.prom");

    CliRun run = limits(out, "http://127.0.0.1:" + deadPort());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("cannot list the organization's accounts", "no cached account");
    assertThat(out).doesNotExist();
  }

  private static int deadPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
