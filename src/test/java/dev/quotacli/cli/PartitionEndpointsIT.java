package dev.quotacli.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.quotacli.testing.PromText.value;
import static dev.quotacli.testing.ServiceQuotasStub.quota;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.PromText.Sample;
import dev.quotacli.testing.ServiceQuotasStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GovCloud account is collected with its partition's endpoints: the role is assumed at the STS of
 * us-gov-west-1, a global service's quotas are read in us-gov-west-1, a regional one's in its own
 * GovCloud region, and CloudFront (not offered in GovCloud) is left out with one warning. The stubs
 * answer only requests signed for those regions (the SigV4 credential scope).
 */
class PartitionEndpointsIT {
  private static final String GOV = "500000000001";
  private static final String BASE_KEY = "AKIAPARTITIONIT00001";
  private static final String BASE_SECRET = "partition-it-base-secret";
  private static final String SESSION_KEY = "ASIAGOVSESSIONIT0001";
  private static final String VCPU = "L-1216C47A";
  private static final String ZONES = "L-4EA4796A";

  private static WireMockServer sts;
  private static ServiceQuotasStub quotas;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    sts =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    sts.start();
    sts.stubFor(
        post(urlEqualTo("/"))
            .withHeader("Authorization", containing("/us-gov-west-1/sts/aws4_request"))
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            + "<AssumeRoleResult><Credentials><AccessKeyId>"
                            + SESSION_KEY
                            + "</AccessKeyId><SecretAccessKey>gov-session-secret</SecretAccessKey>"
                            + "<SessionToken>gov-session-token</SessionToken>"
                            + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                            + "<AssumedRoleUser><AssumedRoleId>AROAGOV:quota-cli</AssumedRoleId>"
                            + "<Arn>arn:aws-us-gov:sts::"
                            + GOV
                            + ":assumed-role/QuotaCliRole/quota-cli</Arn></AssumedRoleUser>"
                            + "</AssumeRoleResult><ResponseMetadata><RequestId>"
                            + "00000000-0000-4000-8000-000000000001</RequestId></ResponseMetadata>"
                            + "</AssumeRoleResponse>")));
    quotas = ServiceQuotasStub.start();
    quotas
        .forRegion("us-gov-west-1")
        .service("route53")
        .defaults(quota(ZONES, "Hosted zones", 500));
    quotas
        .forRegion("us-gov-east-1")
        .service("ec2")
        .defaults(quota(VCPU, "Running On-Demand Standard instances", 64));
  }

  @AfterAll
  static void stop() {
    if (quotas != null) {
      quotas.close();
    }
    if (sts != null) {
      sts.stop();
    }
  }

  @Test
  void aGovCloudAccountIsAskedAtItsPartitionsEndpoints() throws Exception {
    Path quotasYaml = tmp.resolve("quotas.yaml");
    Files.writeString(
        quotasYaml,
        """
        version: 1
        services:
          ec2:
            scope: regional
            quotas:
              - code: L-1216C47A
                name: Running On-Demand Standard instances
          route53:
            scope: global
            quotas:
              - code: L-4EA4796A
                name: Hosted zones
          cloudfront:
            scope: global
            quotas:
              - code: L-24B04930
                name: Web distributions per AWS account
        """);
    Path accounts = tmp.resolve("accounts.yaml");
    Files.writeString(
        accounts,
        "accounts:\n"
            + "  - account_id: \""
            + GOV
            + "\"\n"
            + "    account_name: gov-workloads\n"
            + "    access_key_id: "
            + BASE_KEY
            + "\n"
            + "    secret_access_key: "
            + BASE_SECRET
            + "\n"
            + "    role_arn: arn:aws-us-gov:iam::"
            + GOV
            + ":role/QuotaCliRole\n"
            + "    regions: [us-gov-east-1]\n");
    Path out = tmp.resolve("gov.prom");

    CliRun run =
        Cli.run(
            Map.of(),
            "limits",
            "--accounts-file",
            accounts.toString(),
            "--quotas",
            quotasYaml.toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--service-endpoint",
            "sts=" + sts.baseUrl(),
            "--service-endpoint",
            "servicequotas=" + quotas.endpoint(),
            "--output",
            out.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<Sample> s = PromText.parse(Files.readString(out));
    assertThat(value(s, "cloud_service_quota_limit", "account_id", GOV, "quota_code", ZONES))
        .isEqualTo(500);
    assertThat(
            value(
                s,
                "cloud_service_quota_limit",
                "account_id",
                GOV,
                "region",
                "us-gov-east-1",
                "quota_code",
                VCPU))
        .isEqualTo(64);
    assertThat(run.err())
        .containsOnlyOnce("cloudfront is not offered in aws-us-gov")
        .contains(
            "quota-cli: warning: cloudfront is not offered in aws-us-gov: not collected for 1"
                + " account ("
                + GOV
                + ")");
    assertThat(sts.getAllServeEvents()).hasSize(1);
    assertThat(sts.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
        .contains(BASE_KEY + "/")
        .contains("/us-gov-west-1/sts/aws4_request");
    List<String> scopes =
        quotas.server().getAllServeEvents().stream()
            .map(e -> e.getRequest())
            .map(PartitionEndpointsIT::credentialScope)
            .distinct()
            .sorted()
            .toList();
    assertThat(scopes)
        .containsExactly(
            SESSION_KEY + " us-gov-east-1/servicequotas",
            SESSION_KEY + " us-gov-west-1/servicequotas");
  }

  /** {@code <key> <region>/<service>} of a SigV4 Authorization header. */
  private static String credentialScope(LoggedRequest r) {
    String auth = r.getHeader("Authorization");
    String credential = auth.substring(auth.indexOf("Credential=") + "Credential=".length());
    String[] parts = credential.substring(0, credential.indexOf(',')).split("/");
    return parts[0] + " " + parts[2] + "/" + parts[3];
  }
}
