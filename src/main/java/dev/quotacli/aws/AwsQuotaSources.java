package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.QuotaSource;
import dev.quotacli.collect.QuotaSources;
import dev.quotacli.quota.Region;

/** Opens Service Quotas adapters on the shared client factory. Thread-safe. */
public final class AwsQuotaSources implements QuotaSources {
  private final AwsClientFactory factory;

  public AwsQuotaSources(AwsClientFactory factory) {
    this.factory = factory;
  }

  @Override
  public QuotaSource open(Account account, Region apiRegion, CallGuard guard) {
    return new ServiceQuotasAdapter(factory.serviceQuotas(account, apiRegion), guard);
  }
}
