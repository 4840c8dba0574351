package dev.quotacli.aws;

import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountSourceException;
import dev.quotacli.account.OrgAccount;
import dev.quotacli.account.OrganizationSource;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.quota.Partition;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ChildType;

/**
 * AWS Organizations on the ambient credentials (the management account or a delegated
 * administrator): ListAccounts, ListAccountsForParent, ListChildren, every page through the guard.
 * Any failure is an {@link AccountSourceException}, so the pass falls back to the cached list.
 */
public final class OrganizationsAdapter implements OrganizationSource {
  static final String SERVICE = "organizations";

  private final Supplier<OrganizationsClient> client;
  private final CallGuard guard;

  public OrganizationsAdapter(AwsClientFactory factory, CallGuard guard) {
    this.client = factory::ambientOrganizations;
    this.guard = guard;
  }

  @Override
  public List<OrgAccount> accounts() {
    return reading(
        () ->
            GuardedPages.all(
                    guard,
                    SERVICE,
                    "ListAccounts",
                    token -> {
                      var r = client.get().listAccounts(b -> b.nextToken(token));
                      return new GuardedPages.Page<>(r.accounts(), r.nextToken());
                    })
                .stream()
                .map(OrganizationsAdapter::member)
                .toList());
  }

  @Override
  public List<OrgAccount> accountsUnder(String parentId) {
    return reading(
        () ->
            GuardedPages.all(
                    guard,
                    SERVICE,
                    "ListAccountsForParent",
                    token -> {
                      var r =
                          client
                              .get()
                              .listAccountsForParent(b -> b.parentId(parentId).nextToken(token));
                      return new GuardedPages.Page<>(r.accounts(), r.nextToken());
                    })
                .stream()
                .map(OrganizationsAdapter::member)
                .toList());
  }

  @Override
  public List<String> childUnits(String parentId) {
    return reading(
        () ->
            GuardedPages.all(
                    guard,
                    SERVICE,
                    "ListChildren",
                    token -> {
                      var r =
                          client
                              .get()
                              .listChildren(
                                  b ->
                                      b.parentId(parentId)
                                          .childType(ChildType.ORGANIZATIONAL_UNIT)
                                          .nextToken(token));
                      return new GuardedPages.Page<>(r.children(), r.nextToken());
                    })
                .stream()
                .map(c -> c.id())
                .toList());
  }

  /** One member: its state (the newer field), else its status; its partition from its ARN. */
  static OrgAccount member(Account a) {
    String state = a.stateAsString() != null ? a.stateAsString() : a.statusAsString();
    return new OrgAccount(
        new AccountId(a.id()),
        a.name() == null || a.name().isBlank() ? a.id() : a.name(),
        Partition.ofArn(a.arn()).orElse(Partition.AWS),
        state == null ? "UNKNOWN" : state);
  }

  private static <T> T reading(Supplier<T> call) {
    try {
      return call.get();
    } catch (ApiException | IllegalArgumentException e) {
      throw new AccountSourceException(
          "cannot list the organization's accounts (AWS Organizations): " + e.getMessage(), e);
    }
  }
}
