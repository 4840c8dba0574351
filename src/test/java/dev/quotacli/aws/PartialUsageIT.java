package dev.quotacli.aws;

import static dev.quotacli.testing.Fixtures.aLimit;
import static dev.quotacli.testing.Fixtures.aService;
import static dev.quotacli.testing.Fixtures.anApiQuota;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailsafeCallGuards;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.LimitCollector;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.collect.UsageCollector;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import dev.quotacli.quota.UsageOrigin;
import dev.quotacli.testing.InMemoryServiceQuotas;
import dev.quotacli.testing.InMemoryUsageMetrics;
import dev.quotacli.testing.MotoServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * A denied call loses only the quotas that need it, against a moto server of its own that checks
 * IAM policies ({@code INITIAL_NO_AUTH_ACTION_COUNT}): after the three IAM calls that make a user
 * whose policy denies ec2:DescribeImages, every request is authorized as AWS would. The vCPUs and
 * Elastic IPs are still counted; the AMIs are unknown, with the denial as reason.
 */
class PartialUsageIT {
  /** CreateUser, CreateAccessKey, PutUserPolicy: then moto enforces IAM. */
  static final int SETUP_CALLS = 3;

  static final String STANDARD_VCPUS = "L-1216C47A";
  static final String EIPS = "L-0263D0A3";
  static final String AMIS = "L-B665C33B";
  static final Region EU = new Region("eu-west-1");

  static final String POLICY =
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "ec2:DescribeImages", "Resource": "*"}]}""";

  static MotoServer moto;
  static Account reader;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    moto =
        MotoServer.startProcess(
            Map.of("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(SETUP_CALLS)));
    iam("CreateUser", Map.of("UserName", "reader"));
    String key = iam("CreateAccessKey", Map.of("UserName", "reader"));
    iam(
        "PutUserPolicy",
        Map.of("UserName", "reader", "PolicyName", "no-images", "PolicyDocument", POLICY));
    reader =
        new Account(
            new AccountId(MotoServer.DEFAULT_ACCOUNT),
            "reader",
            new CredentialSource.StaticKeys(
                field(key, "AccessKeyId"), new Secret(field(key, "SecretAccessKey"))),
            List.of());
    // Seeded as the reader, so under its policy: RunInstances and AllocateAddress are allowed.
    try (AwsClientFactory seeding = TestClients.on(moto.endpoint(), new ApiStats())) {
      var ec2 = seeding.ec2(reader, EU);
      ec2.runInstances(
          b ->
              b.imageId("ami-12c6146b")
                  .instanceType(InstanceType.T3_MICRO)
                  .minCount(1)
                  .maxCount(1));
      ec2.allocateAddress(b -> b.domain(DomainType.VPC));
    }
  }

  @AfterAll
  static void stop() {
    if (moto != null) {
      moto.close();
    }
  }

  /** An IAM Query call, unsigned: moto answers the first calls without checking anything. */
  private static String iam(String action, Map<String, String> params) throws Exception {
    String body =
        "Action="
            + action
            + "&Version=2010-05-08"
            + params.entrySet().stream()
                .map(
                    e ->
                        "&"
                            + e.getKey()
                            + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    HttpRequest request =
        HttpRequest.newBuilder(moto.endpoint().resolve("/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            // moto routes by the credential scope's service.
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIASETUP/20260101/us-east-1/iam/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(action + ": HTTP " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static String field(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
    assertThat(m.find()).as(name + " in " + xml).isTrue();
    return m.group(1);
  }

  @Test
  void theDeniedCallLosesTheAmisOnlyAndTheVcpusAreStillCounted() {
    ApiStats stats = new ApiStats();
    try (AwsClientFactory factory = TestClients.on(moto.endpoint(), stats)) {
      var counter =
          new AwsUsageCounters(factory, lookup -> lookup)
              .open(reader, EU, "ec2", TestClients.guard(stats, reader.id().value(), EU.name()))
              .orElseThrow();

      var counted =
          counter.countEach(
              List.of(
                  aLimit(STANDARD_VCPUS, 640, LimitSource.DEFAULT),
                  aLimit(EIPS, 5, LimitSource.DEFAULT),
                  aLimit(AMIS, 50000, LimitSource.DEFAULT)));

      assertThat(counted.usage())
          .containsExactlyEntriesOf(
              new java.util.TreeMap<>(Map.of(EIPS, 1.0, STANDARD_VCPUS, 2.0)));
      assertThat(counted.failed()).containsOnlyKeys(AMIS);
      assertThat(counted.failed().get(AMIS).kind()).isEqualTo(FailureKind.ACCESS_DENIED);
      assertThat(counted.failed().get(AMIS))
          .hasMessageStartingWith("DescribeImages: AccessDenied: ")
          .hasMessageContaining("not authorized to perform: ec2:DescribeImages");
    }
  }

  @Test
  void theTargetIsCollectedWithItsOtherUsageAndTheAmisUnknownWithTheDenial() {
    ApiStats stats = new ApiStats();
    Clock clock = Clock.systemUTC();
    InMemoryServiceQuotas quotas = new InMemoryServiceQuotas();
    quotas.defaults(
        "ec2", anApiQuota(STANDARD_VCPUS, 640), anApiQuota(EIPS, 5), anApiQuota(AMIS, 50000));
    try (AwsClientFactory factory = TestClients.on(moto.endpoint(), stats)) {
      var guards = new FailsafeCallGuards(TestClients.FAST, stats);
      var collector =
          new UsageCollector(
              new LimitCollector(
                  new LimitCache(tmp, Duration.ofHours(24), clock), quotas, guards, clock, false),
              new UsageCache(tmp, Duration.ofHours(1), clock),
              new AwsUsageCounters(factory, lookup -> lookup),
              new InMemoryUsageMetrics(),
              guards,
              clock,
              false);

      TargetResult r =
          collector.collect(
              new Target(reader, EU, "ec2"),
              aService("ec2", Scope.REGIONAL, STANDARD_VCPUS, EIPS, AMIS));

      assertThat(r).isInstanceOf(TargetResult.Collected.class);
      var c = (TargetResult.Collected) r;
      assertThat(c.usage())
          .containsExactly(
              new QuotaUsage(EIPS, 1, UsageOrigin.COUNTER),
              new QuotaUsage(STANDARD_VCPUS, 2, UsageOrigin.COUNTER));
      assertThat(c.unknownUsage())
          .singleElement()
          .asString()
          .startsWith(AMIS + ": access_denied: DescribeImages: AccessDenied: ");
      // The denied call was made once (no retry of a refusal), the others once each.
      assertThat(stats.snapshot().get(new ApiStats.Key("ec2", "DescribeImages")).calls())
          .isEqualTo(1);
    }
  }
}
