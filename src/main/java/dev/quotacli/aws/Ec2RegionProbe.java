package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.RegionProbe;
import dev.quotacli.quota.Region;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Filter;

/** Region discovery over EC2: DescribeRegions, then one DescribeInstances page per region. */
public final class Ec2RegionProbe implements RegionProbe {
  /** Every state but terminated: a stopped instance still means the region is in use. */
  static final List<String> LIVE_STATES =
      List.of("pending", "running", "shutting-down", "stopping", "stopped");

  private final AwsClientFactory factory;

  public Ec2RegionProbe(AwsClientFactory factory) {
    this.factory = factory;
  }

  @Override
  public List<Region> enabledRegions(Account account, CallGuard guard) {
    var response =
        guard.call(
            "ec2",
            "DescribeRegions",
            () ->
                AwsErrors.translating(
                    "DescribeRegions",
                    () ->
                        factory
                            .ec2(account, Region.US_EAST_1)
                            .describeRegions(r -> r.allRegions(false))));
    return response.regions().stream()
        .filter(r -> r.optInStatus() == null || !r.optInStatus().equals("not-opted-in"))
        .map(r -> r.regionName())
        .filter(Region::isValid)
        .map(Region::new)
        .sorted()
        .toList();
  }

  @Override
  public boolean hasInstances(Account account, Region region, CallGuard guard) {
    var response =
        guard.call(
            "ec2",
            "DescribeInstances",
            () ->
                AwsErrors.translating(
                    "DescribeInstances",
                    () ->
                        factory
                            .ec2(account, region)
                            .describeInstances(
                                r ->
                                    r.filters(
                                            Filter.builder()
                                                .name("instance-state-name")
                                                .values(LIVE_STATES)
                                                .build())
                                        .maxResults(5))));
    return response.reservations().stream().anyMatch(r -> !r.instances().isEmpty());
  }
}
