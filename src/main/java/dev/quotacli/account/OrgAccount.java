package dev.quotacli.account;

import dev.quotacli.quota.Partition;

/**
 * A member account as AWS Organizations lists it.
 *
 * @param id the account id
 * @param name its name in Organizations
 * @param partition the partition its ARN names ({@code arn:aws-us-gov:organizations::...})
 * @param status ACTIVE, SUSPENDED, PENDING_CLOSURE, or another state AWS may add
 */
public record OrgAccount(AccountId id, String name, Partition partition, String status)
    implements Comparable<OrgAccount> {
  public static final String ACTIVE = "ACTIVE";

  public boolean active() {
    return ACTIVE.equals(status);
  }

  @Override
  public int compareTo(OrgAccount other) {
    return id.compareTo(other.id);
  }
}
