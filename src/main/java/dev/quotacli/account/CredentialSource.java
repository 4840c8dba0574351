package dev.quotacli.account;

import java.util.Optional;

/** How to get an account's credentials. Every implementation redacts secrets in toString. */
public sealed interface CredentialSource
    permits CredentialSource.StaticKeys,
        CredentialSource.AssumeRole,
        CredentialSource.Ambient,
        CredentialSource.Unavailable {

  /**
   * Long-lived access keys.
   *
   * @param accessKeyId the access key id (shown masked)
   * @param secretAccessKey the secret key (never shown)
   */
  record StaticKeys(String accessKeyId, Secret secretAccessKey) implements CredentialSource {
    @Override
    public String toString() {
      return "StaticKeys[accessKeyId=" + mask(accessKeyId) + ", secretAccessKey=***]";
    }
  }

  /**
   * STS AssumeRole, from the given keys or else the ambient default chain.
   *
   * @param roleArn the role to assume
   * @param externalId the ExternalId, if the role's trust policy wants one (never shown)
   * @param base the keys that call AssumeRole, or empty for the ambient chain
   */
  record AssumeRole(String roleArn, Optional<Secret> externalId, Optional<StaticKeys> base)
      implements CredentialSource {
    @Override
    public String toString() {
      return "AssumeRole[roleArn="
          + roleArn
          + ", externalId="
          + (externalId.isPresent() ? "***" : "none")
          + ", base="
          + base.map(StaticKeys::toString).orElse("ambient")
          + "]";
    }
  }

  /** The SDK's default chain (environment, profile, instance role). */
  record Ambient() implements CredentialSource {}

  /**
   * No credentials can be had: the account came from the cached account list, which never holds
   * keys, while the CMDB was down.
   *
   * @param reason why, one line
   */
  record Unavailable(String reason) implements CredentialSource {}

  /** {@code AKIA…WXYZ}: enough to recognize a key, not enough to use it. */
  static String mask(String accessKeyId) {
    if (accessKeyId == null || accessKeyId.length() < 8) {
      return "***";
    }
    return accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
  }
}
