package dev.quotacli.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.quotacli.testing.PromText.select;
import static dev.quotacli.testing.PromText.value;
import static dev.quotacli.testing.ServiceQuotasStub.quota;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.MotoServer;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.PromText.Sample;
import dev.quotacli.testing.ServiceQuotasStub;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Without an account source the ambient credentials are one account, named by its IAM account alias
 * (moto's IAM) when it has one, else by its id; a denied alias lookup (a stub answering
 * AccessDenied) names it by its id and fails nothing.
 */
class AmbientAccountNameIT {
  private static final String LIMIT = "cloud_service_quota_limit";
  private static final String ACCOUNT = MotoServer.DEFAULT_ACCOUNT;
  private static final String ZONES = "L-4EA4796A";
  private static final String ALIAS = "quota-cli-ambient-it";
  private static final String KEY = "AKIAAMBIENTNAMEIT001";
  private static final String SECRET = "ambient-name-it-secret";

  private static ServiceQuotasStub quotas;
  private static WireMockServer deniedIam;
  private static IamClient iam;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    quotas = ServiceQuotasStub.start();
    deniedIam =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    deniedIam.start();
    deniedIam.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=ListAccountAliases"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                            + "<Message>User: arn:aws:iam::"
                            + ACCOUNT
                            + ":user/ambient is not authorized to perform:"
                            + " iam:ListAccountAliases</Message></Error>"
                            + "<RequestId>00000000-0000-4000-8000-000000000403</RequestId>"
                            + "</ErrorResponse>")));
    iam =
        IamClient.builder()
            .endpointOverride(MotoServer.shared().endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
            .build();
  }

  @AfterAll
  static void stop() {
    if (iam != null) {
      iam.close();
    }
    if (deniedIam != null) {
      deniedIam.stop();
    }
    if (quotas != null) {
      quotas.close();
    }
  }

  @BeforeEach
  void ambientCredentials() {
    // The SDK's default chain reads these system properties first.
    System.setProperty("aws.accessKeyId", KEY);
    System.setProperty("aws.secretAccessKey", SECRET);
    quotas.reset();
    quotas.anyRegion().service("route53").defaults(quota(ZONES, "Hosted zones", 500));
    deleteAliases();
  }

  @AfterEach
  void clearCredentials() {
    try {
      deleteAliases();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  private static void deleteAliases() {
    for (String alias : iam.listAccountAliases().accountAliases()) {
      iam.deleteAccountAlias(b -> b.accountAlias(alias));
    }
  }

  private CliRun limits(URI iamEndpoint, Path out) {
    return Cli.run(
        Map.of(),
        "limits",
        "--quotas",
        "src/test/resources/estate/quotas.yaml",
        "--cache-dir",
        tmp.resolve("cache").toString(),
        "--service-endpoint",
        "sts=" + MotoServer.shared().endpoint(),
        "--service-endpoint",
        "iam=" + iamEndpoint,
        "--service-endpoint",
        "servicequotas=" + quotas.endpoint(),
        // A global service only: no region to discover.
        "--service",
        "route53",
        "--output",
        out.toString());
  }

  private static String accountName(List<Sample> samples) {
    List<Sample> limits = select(samples, LIMIT, "account_id", ACCOUNT, "quota_code", ZONES);
    assertThat(limits).hasSize(1);
    return limits.get(0).label("account_name");
  }

  @Test
  void theAmbientAccountIsNamedByItsAlias() throws Exception {
    iam.createAccountAlias(b -> b.accountAlias(ALIAS));
    Path out = tmp.resolve("alias.prom");

    CliRun run = limits(MotoServer.shared().endpoint(), out);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("error", "warning");
    List<Sample> s = PromText.parse(Files.readString(out));
    assertThat(accountName(s)).isEqualTo(ALIAS);
    assertThat(value(s, LIMIT, "account_id", ACCOUNT, "quota_code", ZONES)).isEqualTo(500);
    assertThat(value(s, "quota_cli_api_calls", "service", "iam", "operation", "ListAccountAliases"))
        .isEqualTo(1);
  }

  @Test
  void withoutAliasTheAmbientAccountIsNamedByItsId() throws Exception {
    Path out = tmp.resolve("no-alias.prom");

    CliRun run = limits(MotoServer.shared().endpoint(), out);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("error", "warning");
    assertThat(accountName(PromText.parse(Files.readString(out)))).isEqualTo(ACCOUNT);
  }

  @Test
  void aDeniedAliasLookupNamesTheAccountByItsIdAndFailsNothing() throws Exception {
    Path out = tmp.resolve("denied.prom");

    CliRun run = limits(URI.create(deniedIam.baseUrl()), out);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("error", "warning");
    List<Sample> s = PromText.parse(Files.readString(out));
    assertThat(accountName(s)).isEqualTo(ACCOUNT);
    assertThat(value(s, LIMIT, "account_id", ACCOUNT, "quota_code", ZONES)).isEqualTo(500);
    // One attempt: the name is not worth a retry.
    assertThat(deniedIam.getAllServeEvents()).hasSize(1);
  }
}
