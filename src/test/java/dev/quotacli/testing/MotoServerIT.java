package dev.quotacli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Proves {@link MotoServer} gives a working STS endpoint for the real SDK client. */
class MotoServerIT {

  private static final String ROLE_ARN = "arn:aws:iam::210987654321:role/quota-reader";

  private static MotoServer moto;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.shared();
  }

  private static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(moto.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void endpointIsLoopbackOrConfigured() {
    assertThat(moto.isRunning()).isTrue();
    if (!moto.isExternal()) {
      assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
    }
    assertThat(MotoServer.shared()).isSameAs(moto);
  }

  @Test
  void staticKeysMapToMotosDefaultAccount() {
    try (StsClient sts = sts(AwsBasicCredentials.create("AKIAMOTOSTATIC000001", "any-secret"))) {
      GetCallerIdentityResponse identity = sts.getCallerIdentity();
      assertThat(identity.account()).isEqualTo(MotoServer.DEFAULT_ACCOUNT);
      assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:user/moto");
    }
  }

  @Test
  void assumeRoleIntoAnotherAccountThenGetCallerIdentity() {
    Credentials assumed;
    try (StsClient sts = sts(AwsBasicCredentials.create("AKIAMOTOSTATIC000002", "any-secret"))) {
      AssumeRoleResponse response =
          sts.assumeRole(
              r ->
                  r.roleArn(ROLE_ARN)
                      .roleSessionName("quota-cli")
                      .externalId("quota-cli-external-id")
                      .durationSeconds(900));
      assumed = response.credentials();
      assertThat(assumed.accessKeyId()).startsWith("ASIA");
      assertThat(assumed.secretAccessKey()).isNotBlank();
      assertThat(assumed.sessionToken()).isNotBlank();
      assertThat(assumed.expiration())
          .isBetween(
              Instant.now().plus(Duration.ofMinutes(14)),
              Instant.now().plus(Duration.ofMinutes(16)));
      assertThat(response.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::210987654321:assumed-role/quota-reader/quota-cli");
    }

    AwsSessionCredentials session =
        AwsSessionCredentials.create(
            assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken());
    try (StsClient sts = sts(session)) {
      GetCallerIdentityResponse identity = sts.getCallerIdentity();
      assertThat(identity.account()).isEqualTo("210987654321");
      assertThat(identity.arn())
          .isEqualTo("arn:aws:sts::210987654321:assumed-role/quota-reader/quota-cli");
    }
  }

  @Test
  void resetForgetsAssumedRoles() {
    Credentials assumed;
    try (StsClient sts = sts(AwsBasicCredentials.create("AKIAMOTOSTATIC000003", "any-secret"))) {
      assumed =
          sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("before-reset")).credentials();
    }
    moto.reset();
    try (StsClient sts =
        sts(
            AwsSessionCredentials.create(
                assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken()))) {
      assertThat(sts.getCallerIdentity().account()).isEqualTo(MotoServer.DEFAULT_ACCOUNT);
    }
  }
}
