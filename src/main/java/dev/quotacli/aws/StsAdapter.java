package dev.quotacli.aws;

import dev.quotacli.account.AccountId;
import dev.quotacli.collect.CallGuard;

/** STS calls quota-cli makes itself (AssumeRole is done by the credentials provider). */
public final class StsAdapter {
  private final AwsClientFactory factory;

  public StsAdapter(AwsClientFactory factory) {
    this.factory = factory;
  }

  /** The account of the ambient default credentials (GetCallerIdentity). */
  public AccountId ambientAccountId(CallGuard guard) {
    String id =
        guard.call(
            "sts",
            "GetCallerIdentity",
            () ->
                AwsErrors.translating(
                    "GetCallerIdentity", () -> factory.ambientSts().getCallerIdentity().account()));
    return new AccountId(id);
  }
}
