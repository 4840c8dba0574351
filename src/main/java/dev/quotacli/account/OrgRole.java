package dev.quotacli.account;

import dev.quotacli.quota.Partition;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The role quota-cli assumes in every member account: {@code --org-role-name QuotaCliRole} gives
 * {@code arn:<partition>:iam::<id>:role/QuotaCliRole}.
 *
 * @param name the role name, optionally with its path ({@code ops/QuotaCliRole})
 * @param externalId the ExternalId its trust policy wants, if any (never shown)
 */
public record OrgRole(String name, Optional<Secret> externalId) {
  /** IAM's role name characters, 1-64 of them, after an optional path of the same characters. */
  private static final Pattern NAME = Pattern.compile("([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

  public OrgRole {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("not an IAM role name: '" + name + "'");
    }
  }

  public static boolean isValidName(String name) {
    return name != null && name.length() <= 512 && NAME.matcher(name).matches();
  }

  /** The role's ARN in one account of one partition. */
  public String arn(Partition partition, AccountId account) {
    return "arn:" + partition.id() + ":iam::" + account.value() + ":role/" + name;
  }

  /** How to reach one member: AssumeRole of the templated ARN from the ambient credentials. */
  public CredentialSource credentials(Partition partition, AccountId account) {
    return new CredentialSource.AssumeRole(arn(partition, account), externalId, Optional.empty());
  }

  @Override
  public String toString() {
    return "OrgRole[" + name + ", externalId=" + (externalId.isPresent() ? "***" : "none") + "]";
  }
}
