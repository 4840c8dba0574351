package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import java.util.List;
import java.util.Optional;

/** IAM calls quota-cli makes itself: the ambient account's alias. */
public final class IamAdapter {
  static final String SERVICE = "iam";

  private final AwsClientFactory factory;

  public IamAdapter(AwsClientFactory factory) {
    this.factory = factory;
  }

  /**
   * The IAM account alias of the ambient credentials' account (ListAccountAliases: an account has
   * at most one; the first is taken), or empty when it has none.
   */
  public Optional<String> ambientAccountAlias(CallGuard guard) {
    List<String> aliases =
        GuardedPages.one(
            guard,
            SERVICE,
            "ListAccountAliases",
            () -> factory.ambientIam().listAccountAliases().accountAliases());
    return aliases.stream().filter(a -> a != null && !a.isBlank()).findFirst();
  }
}
