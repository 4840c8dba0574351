package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.collect.UsageCounters;
import dev.quotacli.collect.VcpuLookup;
import dev.quotacli.quota.Region;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Opens the Describe/List counter of each service on the shared client factory. Thread-safe. */
public final class AwsUsageCounters implements UsageCounters {
  private final AwsClientFactory factory;
  private final UnaryOperator<VcpuLookup> vcpuCache;

  /**
   * @param vcpuCache wraps the DescribeInstanceTypes lookup (e.g. with a disk cache)
   */
  public AwsUsageCounters(AwsClientFactory factory, UnaryOperator<VcpuLookup> vcpuCache) {
    this.factory = factory;
    this.vcpuCache = vcpuCache;
  }

  @Override
  public Optional<UsageCounter> open(Account account, Region apiRegion, String service, CallGuard guard) {
    return Optional.empty();
  }
}
