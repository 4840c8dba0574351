package dev.quotacli.collect;

import dev.quotacli.account.Account;

/**
 * Account-wide work: an account's enabled regions, a Cost Explorer scope.
 *
 * @param account the account
 */
public record AccountItem(Account account) implements WorkItem, Comparable<AccountItem> {
  @Override
  public String group() {
    return accountId() + "/global";
  }

  @Override
  public String describe() {
    return accountId();
  }

  @Override
  public int compareTo(AccountItem other) {
    return account.compareTo(other.account);
  }
}
