package dev.quotacli.testing;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RegionProbe;
import dev.quotacli.quota.Region;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link RegionProbe}: per account, the enabled regions and those holding instances;
 * failures per account (DescribeRegions) or per account and region (DescribeInstances) as {@link
 * ApiException}s of a {@link FailureKind}. Each call goes through the guard under the real
 * operation names ({@code ec2} DescribeRegions, DescribeInstances) and is recorded. Thread-safe.
 */
public final class InMemoryRegionProbe implements RegionProbe {
  public static final String SERVICE = "ec2";
  public static final String DESCRIBE_REGIONS = "DescribeRegions";
  public static final String DESCRIBE_INSTANCES = "DescribeInstances";

  /**
   * One call.
   *
   * @param operation DescribeRegions or DescribeInstances
   * @param accountId the account
   * @param region the region probed, or null for DescribeRegions
   */
  public record Call(String operation, String accountId, Region region) {}

  private final Map<String, List<Region>> enabled = new ConcurrentHashMap<>();
  private final Map<String, Set<Region>> withInstances = new ConcurrentHashMap<>();
  private final Map<String, FailureKind> accountFailures = new ConcurrentHashMap<>();
  private final Map<String, FailureKind> regionFailures = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  /** The regions DescribeRegions answers for the account, in this order. */
  public InMemoryRegionProbe enabled(String accountId, String... regions) {
    enabled.put(accountId, Arrays.stream(regions).map(Region::new).toList());
    return this;
  }

  /** The regions of the account that hold an instance (others answer none). */
  public InMemoryRegionProbe instancesIn(String accountId, String... regions) {
    Set<Region> set = ConcurrentHashMap.newKeySet();
    Arrays.stream(regions).map(Region::new).forEach(set::add);
    withInstances.put(accountId, set);
    return this;
  }

  /** DescribeRegions fails for the account with this kind. */
  public InMemoryRegionProbe failEnabledRegions(String accountId, FailureKind kind) {
    accountFailures.put(accountId, kind);
    return this;
  }

  /** DescribeInstances fails for the account in this region with this kind. */
  public InMemoryRegionProbe failProbe(String accountId, String region, FailureKind kind) {
    regionFailures.put(accountId + "/" + region, kind);
    return this;
  }

  /** Every call so far, in the order made. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** How many calls of one operation were made. */
  public long calls(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).count();
  }

  @Override
  public List<Region> enabledRegions(Account account, CallGuard guard) {
    String id = account.id().value();
    return guard.call(
        SERVICE,
        DESCRIBE_REGIONS,
        () -> {
          calls.add(new Call(DESCRIBE_REGIONS, id, null));
          FailureKind kind = accountFailures.get(id);
          if (kind != null) {
            throw new ApiException(kind, false, false, DESCRIBE_REGIONS + ": " + kind.label());
          }
          return enabled.getOrDefault(id, List.of());
        });
  }

  /** Answers EC2 instances (what this probe knows); a region holds no other kind. */
  @Override
  public boolean holds(
      Account account, Region region, RegionProbe.ResourceKind kind, CallGuard guard) {
    if (kind != RegionProbe.ResourceKind.EC2_INSTANCES) {
      return false;
    }
    String id = account.id().value();
    return guard.call(
        SERVICE,
        DESCRIBE_INSTANCES,
        () -> {
          calls.add(new Call(DESCRIBE_INSTANCES, id, region));
          FailureKind failure = regionFailures.get(id + "/" + region.name());
          if (failure != null) {
            throw new ApiException(
                failure, false, false, DESCRIBE_INSTANCES + ": " + failure.label());
          }
          return withInstances.getOrDefault(id, Set.of()).contains(region);
        });
  }
}
