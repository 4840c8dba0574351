package dev.quotacli.account;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * AWS Organizations as an account source: which members to collect and how to reach each. Pure over
 * the {@link OrganizationSource} port.
 *
 * <p>With rows from the CMDB or an accounts file as well, Organizations gives the set of accounts
 * and their names; a row for the same account id overrides how it is reached (role, keys,
 * ExternalId) and its regions, and a disabled row leaves the account out; a row for an account that
 * is not among the selected active members is skipped with a reason.
 */
public final class OrganizationAccounts {
  private static final Pattern OU_ID = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");

  private OrganizationAccounts() {}

  /** Whether the text is an OU id as Organizations spells it. */
  public static boolean isUnitId(String id) {
    return id != null && OU_ID.matcher(id).matches();
  }

  /**
   * What a listing gave, before merging with any rows.
   *
   * @param members the selected accounts of every status, by id
   * @param units the OUs asked (empty: the whole organization)
   */
  public record Listing(List<OrgAccount> members, List<String> units) {
    public Listing {
      members = members.stream().sorted().toList();
      units = List.copyOf(units);
    }

    /** The members not ACTIVE (SUSPENDED, PENDING_CLOSURE): skipped. */
    public List<OrgAccount> inactive() {
      return members.stream().filter(m -> !m.active()).toList();
    }

    /** One line naming the inactive members, or null when every member is active. */
    public String inactiveWarning() {
      List<OrgAccount> off = inactive();
      if (off.isEmpty()) {
        return null;
      }
      List<String> each = off.stream().map(m -> m.id() + " (" + m.status() + ")").toList();
      return "organizations: skipping "
          + off.size()
          + " account"
          + (off.size() == 1 ? "" : "s")
          + " not ACTIVE: "
          + String.join(", ", each);
    }
  }

  /**
   * The organization's accounts: all of them (ListAccounts), or those under the given OUs and every
   * OU below them (ListAccountsForParent, ListChildren).
   */
  public static Listing list(OrganizationSource source, List<String> units) {
    if (units.isEmpty()) {
      return new Listing(dedupe(source.accounts()), units);
    }
    List<OrgAccount> found = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    List<String> queue = new ArrayList<>(units);
    while (!queue.isEmpty()) {
      String unit = queue.remove(0);
      if (!visited.add(unit)) {
        continue;
      }
      found.addAll(source.accountsUnder(unit));
      queue.addAll(source.childUnits(unit));
    }
    return new Listing(dedupe(found), units);
  }

  private static List<OrgAccount> dedupe(List<OrgAccount> accounts) {
    Map<AccountId, OrgAccount> byId = new TreeMap<>();
    accounts.forEach(a -> byId.putIfAbsent(a.id(), a));
    return List.copyOf(byId.values());
  }

  /**
   * The accounts to collect: each ACTIVE member with its Organizations name, reached through the
   * row of the same id if there is one (its credentials and regions), else through the role
   * template in the member's partition, with its regions discovered.
   *
   * @param rows what the CMDB or accounts file gave, or null when Organizations is the only source
   * @param rowsSource how to name the rows' source in messages ({@code the CMDB})
   */
  public static AccountLoad accounts(
      Listing listing, OrgRole role, AccountLoad rows, String rowsSource) {
    Map<AccountId, Account> byId = new TreeMap<>();
    if (rows != null) {
      rows.accounts().forEach(a -> byId.put(a.id(), a));
    }
    List<Account> accounts = new ArrayList<>();
    Set<AccountId> members = new HashSet<>();
    for (OrgAccount m : listing.members()) {
      members.add(m.id());
      if (!m.active() || (rows != null && rows.disabled().contains(m.id()))) {
        continue;
      }
      Account row = byId.get(m.id());
      accounts.add(
          row == null
              ? new Account(m.id(), m.name(), role.credentials(m.partition(), m.id()), List.of())
              : new Account(m.id(), m.name(), row.credentials(), row.regions()));
    }
    List<String> skipped = new ArrayList<>();
    if (rows != null) {
      skipped.addAll(rows.skipped());
      String where =
          listing.units().isEmpty()
              ? "the organization"
              : "the organization under --org-unit " + String.join(",", listing.units());
      for (Account a : rows.accounts()) {
        if (!members.contains(a.id())) {
          skipped.add(rowsSource + ": account " + a.id() + " is not in " + where + "; skipped");
        }
      }
    }
    return new AccountLoad(accounts, skipped);
  }
}
