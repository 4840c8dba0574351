package dev.quotacli.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Credentials of a separate moto account: moto gives AssumeRole credentials their own account
 * backend, so tests seed resources per account without touching other tests' data.
 */
public final class MotoAccounts {
  private MotoAccounts() {}

  /** Base keys any test may use to call AssumeRole on moto. */
  public static final String BASE_KEY = "AKIAMOTOSEEDBASE0001";

  public static final String BASE_SECRET = "moto-seed-base-secret";

  /** Session credentials inside {@code accountId}, by AssumeRole on moto. */
  public static AwsCredentialsProvider credentials(URI moto, String accountId) {
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(moto)
            .region(Region.US_EAST_1)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(BASE_KEY, BASE_SECRET)))
            .build()) {
      var c =
          sts.assumeRole(
                  r ->
                      r.roleArn("arn:aws:iam::" + accountId + ":role/quota-reader")
                          .roleSessionName("seed"))
              .credentials();
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }
  }

  /** The accounts-file entry of a role account reached from {@link #BASE_KEY}. */
  public static String accountsFileEntry(String accountId, String name, String regions) {
    return "  - account_id: \""
        + accountId
        + "\"\n"
        + "    account_name: "
        + name
        + "\n"
        + "    access_key_id: "
        + BASE_KEY
        + "\n"
        + "    secret_access_key: "
        + BASE_SECRET
        + "\n"
        + "    role_arn: arn:aws:iam::"
        + accountId
        + ":role/quota-reader\n"
        + (regions == null ? "" : "    regions: [" + regions + "]\n");
  }
}
