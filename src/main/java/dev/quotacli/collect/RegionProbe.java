package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.quota.Region;
import java.util.List;

/** The EC2 calls region discovery makes. Failures are thrown as {@link ApiException}. */
public interface RegionProbe {
  /** The regions enabled for the account (DescribeRegions, asked in us-east-1). */
  List<Region> enabledRegions(Account account, CallGuard guard);

  /** Whether the region holds an EC2 instance in any non-terminated state (one small call). */
  boolean hasInstances(Account account, Region region, CallGuard guard);
}
