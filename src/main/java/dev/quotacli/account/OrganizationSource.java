package dev.quotacli.account;

import java.util.List;

/**
 * The port to AWS Organizations, asked from the management account or a delegated administrator.
 * Every method reads every page; each throws {@link AccountSourceException} when Organizations
 * cannot be read (unreachable, access denied, not an organization).
 */
public interface OrganizationSource {
  /** Every account of the organization, whatever its status (ListAccounts). */
  List<OrgAccount> accounts();

  /** The accounts directly under a root or OU (ListAccountsForParent). */
  List<OrgAccount> accountsUnder(String parentId);

  /** The OUs directly under a root or OU (ListChildren, ORGANIZATIONAL_UNIT). */
  List<String> childUnits(String parentId);
}
