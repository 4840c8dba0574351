package dev.quotacli.account;

import dev.quotacli.quota.Partition;
import dev.quotacli.quota.Region;
import java.util.List;

/**
 * An AWS account to collect.
 *
 * @param id the account id
 * @param name a human name (CMDB {@code account_name})
 * @param credentials how to get its credentials (redacted in toString)
 * @param regions the regions configured for it; empty means discover
 */
public record Account(AccountId id, String name, CredentialSource credentials, List<Region> regions)
    implements Comparable<Account> {
  public Account {
    regions = List.copyOf(regions);
  }

  /**
   * The partition the account lives in: its role ARN's ({@code arn:aws-us-gov:...}), else its first
   * configured region's, else {@code aws}.
   */
  public Partition partition() {
    if (credentials instanceof CredentialSource.AssumeRole r) {
      var p = Partition.ofArn(r.roleArn());
      if (p.isPresent()) {
        return p.get();
      }
    }
    return regions.isEmpty() ? Partition.AWS : Partition.of(regions.get(0));
  }

  @Override
  public int compareTo(Account other) {
    return id.compareTo(other.id);
  }
}
