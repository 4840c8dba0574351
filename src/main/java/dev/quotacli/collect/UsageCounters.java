package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.quota.Region;
import java.util.Optional;

/** Opens the counter of a service for an account in a region. Thread-safe. */
public interface UsageCounters {
  /**
   * @param service the Service Quotas code ({@code ec2}, {@code ebs}, ...)
   * @param apiRegion the region to call (us-east-1 for global services)
   * @return the counter, or empty when quota-cli has none for the service
   */
  Optional<UsageCounter> open(Account account, Region apiRegion, String service, CallGuard guard);
}
