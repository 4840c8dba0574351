package dev.quotacli.aws;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;

/**
 * CloudFrontCounter against moto. CloudFront is account-wide, so the test works in an account of
 * its own: moto gives credentials from AssumeRole into a role the backend of the role's account.
 */
class CloudFrontCounterIT {
  private static final String ACCOUNT_ID = "565656565656";
  private static final Account ACCOUNT =
      new Account(
          new AccountId(ACCOUNT_ID),
          "cloudfront-it",
          new CredentialSource.AssumeRole(
              "arn:aws:iam::" + ACCOUNT_ID + ":role/quota-cli-cloudfront-it",
              Optional.empty(),
              Optional.of(
                  new CredentialSource.StaticKeys("AKIACLOUDFRONTIT0001", new Secret("any")))),
          List.of());
  private static final String DISTRIBUTIONS = "L-24B04930";
  private static final String ORIGIN_ACCESS_IDENTITIES = "L-08884E5C";

  private final ApiStats stats = new ApiStats();
  private final AwsClientFactory factory = factory(stats);

  private static AwsClientFactory factory(ApiStats stats) {
    return TestClients.onMoto(stats);
  }

  @BeforeAll
  static void seed() {
    try (AwsClientFactory seeding = factory(new ApiStats())) {
      var cloudFront = seeding.cloudFront(ACCOUNT, Region.GLOBAL);
      for (int i = 1; i <= 3; i++) {
        // Caller references are unique per account.
        DistributionConfig config = config("cf-it-" + i + "-" + UUID.randomUUID());
        String arn =
            cloudFront.createDistribution(b -> b.distributionConfig(config)).distribution().arn();
        assertThat(arn).as("created in the assumed role's own account").contains(ACCOUNT_ID);
      }
    }
  }

  private static DistributionConfig config(String reference) {
    return DistributionConfig.builder()
        .callerReference(reference)
        .comment(reference)
        .enabled(true)
        .origins(
            o ->
                o.quantity(1)
                    .items(
                        Origin.builder()
                            .id("origin")
                            .domainName("example-bucket.s3.amazonaws.com")
                            .s3OriginConfig(s -> s.originAccessIdentity(""))
                            .build()))
        .defaultCacheBehavior(
            d ->
                d.targetOriginId("origin")
                    .viewerProtocolPolicy(ViewerProtocolPolicy.ALLOW_ALL)
                    .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))
        .build();
  }

  @AfterEach
  void close() {
    factory.close();
  }

  private CloudFrontCounter counter() {
    var guard = TestClients.guard(stats, ACCOUNT_ID, Region.GLOBAL.apiRegion().name());
    return new CloudFrontCounter(factory.cloudFront(ACCOUNT, Region.GLOBAL), guard);
  }

  private static List<QuotaLimit> quotas(String... codes) {
    return Arrays.stream(codes).map(c -> aLimit(c, 200, LimitSource.DEFAULT)).toList();
  }

  /** CloudFront calls only: the factory also counts its own AssumeRole. */
  private Map<String, Long> cloudFrontCalls() {
    return stats.snapshot().entrySet().stream()
        .filter(e -> e.getKey().service().equals("cloudfront"))
        .collect(Collectors.toMap(e -> e.getKey().operation(), e -> e.getValue().calls()));
  }

  @Test
  void countsTheAccountsDistributionsAndLeavesOriginAccessIdentitiesUncounted() {
    var usage =
        counter()
            .count(quotas(DISTRIBUTIONS, ORIGIN_ACCESS_IDENTITIES, "L-D64DA6E2", "L-B4048FB4"));

    assertThat(usage).containsExactlyEntriesOf(Map.of(DISTRIBUTIONS, 3.0));
    assertThat(cloudFrontCalls()).containsExactlyEntriesOf(Map.of("ListDistributions", 1L));
  }

  @Test
  void quotasItDoesNotCountMakeNoCalls() {
    assertThat(counter().count(quotas(ORIGIN_ACCESS_IDENTITIES, "L-AAD4943E"))).isEmpty();
    assertThat(stats.snapshot()).isEmpty();
  }
}
