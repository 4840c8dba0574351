package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.quota.Region;
import java.util.Comparator;

/**
 * One unit of collection: an account's service in a region ({@link Region#GLOBAL} for global
 * services).
 *
 * @param account the account
 * @param region the region, or global
 * @param service the Service Quotas service code
 */
public record Target(Account account, Region region, String service)
    implements WorkItem, Comparable<Target> {
  private static final Comparator<Target> ORDER =
      Comparator.comparing((Target t) -> t.account().id())
          .thenComparing(Target::region)
          .thenComparing(Target::service);

  @Override
  public String accountId() {
    return account.id().value();
  }

  /** {@code account/region}: the targets of an account in a region share a time budget. */
  @Override
  public String group() {
    return accountId() + "/" + region.name();
  }

  /**
   * Where the target's calls go: its region, or for a global service the home region of the
   * account's partition (us-east-1, us-gov-west-1 or cn-northwest-1).
   */
  public Region apiRegion() {
    return account.partition().apiRegion(region.apiRegion());
  }

  @Override
  public int compareTo(Target other) {
    return ORDER.compare(this, other);
  }

  /** {@code 123456789012/eu-west-1/ec2}: for messages. */
  @Override
  public String describe() {
    return accountId() + "/" + region.name() + "/" + service;
  }
}
