package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.quota.Region;
import java.util.Comparator;

/**
 * Work in one account and region that is not one service's quotas: a region probe, the resources
 * the run-rate prices.
 *
 * @param account the account
 * @param region the region
 */
public record AccountRegion(Account account, Region region)
    implements WorkItem, Comparable<AccountRegion> {
  private static final Comparator<AccountRegion> ORDER =
      Comparator.comparing(AccountRegion::account).thenComparing(AccountRegion::region);

  @Override
  public String group() {
    return accountId() + "/" + region.name();
  }

  @Override
  public String describe() {
    return accountId() + "/" + region.name();
  }

  @Override
  public int compareTo(AccountRegion other) {
    return ORDER.compare(this, other);
  }
}
