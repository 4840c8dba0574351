package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.quota.Region;

/** Opens a {@link QuotaSource} for an account in a region. Thread-safe. */
public interface QuotaSources {
  /**
   * @param account whose credentials to use
   * @param apiRegion the region whose endpoint to call (us-east-1 for global services)
   * @param guard wraps every call
   */
  QuotaSource open(Account account, Region apiRegion, CallGuard guard);
}
