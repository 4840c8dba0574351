package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.MotoAccounts;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Seeds resources in moto role accounts through the production {@link AwsClientFactory} (same
 * client configuration as quota-cli), for tests outside this package. Each account is reached by
 * AssumeRole from {@link MotoAccounts#BASE_KEY}, so moto gives it a backend of its own. Close it
 * when done.
 */
public final class MotoSeed implements AutoCloseable {
  private final AwsClientFactory factory;

  public MotoSeed(URI moto) {
    this.factory =
        new AwsClientFactory(
            new Endpoints(moto, Map.of()), AwsClientFactory.Timeouts.DEFAULT, new ApiStats());
  }

  /** The role account {@code accountId} as {@link MotoAccounts#accountsFileEntry} describes it. */
  public static Account roleAccount(String accountId, String name) {
    return new Account(
        new AccountId(accountId),
        name,
        new CredentialSource.AssumeRole(
            "arn:aws:iam::" + accountId + ":role/quota-reader",
            Optional.empty(),
            Optional.of(
                new CredentialSource.StaticKeys(
                    MotoAccounts.BASE_KEY, new Secret(MotoAccounts.BASE_SECRET)))),
        List.of());
  }

  public Ec2Client ec2(Account account, String region) {
    return factory.ec2(account, new Region(region));
  }

  public ElasticLoadBalancingClient elb(Account account, String region) {
    return factory.elb(account, new Region(region));
  }

  public ElasticLoadBalancingV2Client elbv2(Account account, String region) {
    return factory.elbv2(account, new Region(region));
  }

  public EksClient eks(Account account, String region) {
    return factory.eks(account, new Region(region));
  }

  public ElastiCacheClient elastiCache(Account account, String region) {
    return factory.elastiCache(account, new Region(region));
  }

  public SageMakerClient sageMaker(Account account, String region) {
    return factory.sageMaker(account, new Region(region));
  }

  public CloudWatchClient cloudWatch(Account account, String region) {
    return factory.cloudWatch(account, new Region(region));
  }

  /** CloudFront is global: its client is in us-east-1. */
  public CloudFrontClient cloudFront(Account account) {
    return factory.cloudFront(account, Region.GLOBAL);
  }

  /**
   * A VPC and one /24 subnet per availability zone.
   *
   * @param vpcId the VPC
   * @param subnetIds its subnets, in the order of the zones asked for
   */
  public record Network(String vpcId, List<String> subnetIds) {}

  /**
   * @param cidr16 the first two octets of the VPC's /16, e.g. {@code "10.61"}
   * @param zoneSuffixes e.g. {@code "a", "b"}
   */
  public Network network(Account account, String region, String cidr16, String... zoneSuffixes) {
    return TestClients.network(ec2(account, region), region, cidr16, zoneSuffixes);
  }

  @Override
  public void close() {
    factory.close();
  }
}
