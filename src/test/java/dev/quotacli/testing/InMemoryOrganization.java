package dev.quotacli.testing;

import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountSourceException;
import dev.quotacli.account.OrgAccount;
import dev.quotacli.account.OrganizationSource;
import dev.quotacli.quota.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization in memory: a root, OUs below it, accounts in each; {@link #down} makes every call
 * fail as an unreachable Organizations does. Counts the calls.
 */
public final class InMemoryOrganization implements OrganizationSource {
  public static final String ROOT = "r-ab12";

  private final Map<String, List<OrgAccount>> accounts = new LinkedHashMap<>();
  private final Map<String, List<String>> units = new LinkedHashMap<>();
  private String down;
  public int calls;

  public InMemoryOrganization() {
    accounts.put(ROOT, new ArrayList<>());
    units.put(ROOT, new ArrayList<>());
  }

  /** A new OU under a parent. */
  public InMemoryOrganization unit(String parent, String ou) {
    units.get(parent).add(ou);
    units.put(ou, new ArrayList<>());
    accounts.put(ou, new ArrayList<>());
    return this;
  }

  public InMemoryOrganization account(String parent, String id, String name, String status) {
    return account(parent, id, name, status, Partition.AWS);
  }

  public InMemoryOrganization account(
      String parent, String id, String name, String status, Partition partition) {
    accounts.get(parent).add(new OrgAccount(new AccountId(id), name, partition, status));
    return this;
  }

  public InMemoryOrganization down(String why) {
    this.down = why;
    return this;
  }

  private void call() {
    calls++;
    if (down != null) {
      throw new AccountSourceException(down, null);
    }
  }

  @Override
  public List<OrgAccount> accounts() {
    call();
    return accounts.values().stream().flatMap(List::stream).toList();
  }

  @Override
  public List<OrgAccount> accountsUnder(String parentId) {
    call();
    return List.copyOf(accounts.getOrDefault(parentId, List.of()));
  }

  @Override
  public List<String> childUnits(String parentId) {
    call();
    return List.copyOf(units.getOrDefault(parentId, List.of()));
  }
}
