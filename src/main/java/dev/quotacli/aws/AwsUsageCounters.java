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
  public Optional<UsageCounter> open(
      Account account, Region apiRegion, String service, CallGuard guard) {
    return Optional.ofNullable(
        switch (service) {
          case "ec2" -> {
            var ec2 = factory.ec2(account, apiRegion);
            yield new Ec2Counter(ec2, guard, vcpuCache.apply(new Ec2InstanceTypes(ec2, guard)));
          }
          case "ebs" -> new EbsCounter(factory.ec2(account, apiRegion), guard);
          case "elasticloadbalancing" ->
              new ElbCounter(
                  factory.elb(account, apiRegion), factory.elbv2(account, apiRegion), guard);
          case "eks" -> new EksCounter(factory.eks(account, apiRegion), guard);
          case "elasticache" ->
              new ElastiCacheCounter(factory.elastiCache(account, apiRegion), guard);
          case "route53" -> new Route53Counter(factory.route53(account, apiRegion), guard);
          case "cloudfront" -> new CloudFrontCounter(factory.cloudFront(account, apiRegion), guard);
          case "sagemaker" -> new SageMakerCounter(factory.sageMaker(account, apiRegion), guard);
          default -> null;
        });
  }
}
