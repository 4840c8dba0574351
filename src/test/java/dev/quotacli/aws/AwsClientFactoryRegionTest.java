package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.quota.Region;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the factory sends an account's calls: its partition's home region for global ones. */
class AwsClientFactoryRegionTest {
  private static Account role(String arn, String... regions) {
    return new Account(
        new AccountId("500000000001"),
        "a",
        new CredentialSource.AssumeRole(arn, Optional.empty(), Optional.empty()),
        java.util.Arrays.stream(regions).map(Region::new).toList());
  }

  @Test
  void globalServicesAndDiscoveryOfAGovCloudAccountGoToUsGovWest1() {
    Account gov = role("arn:aws-us-gov:iam::500000000001:role/QuotaCliRole");

    assertThat(AwsClientFactory.apiRegion(gov, Region.GLOBAL))
        .isEqualTo(new Region("us-gov-west-1"));
    // Ec2RegionProbe asks DescribeRegions "in us-east-1": the partition's home region instead.
    assertThat(AwsClientFactory.apiRegion(gov, Region.US_EAST_1))
        .isEqualTo(new Region("us-gov-west-1"));
    assertThat(AwsClientFactory.apiRegion(gov, new Region("us-gov-east-1")))
        .isEqualTo(new Region("us-gov-east-1"));
  }

  @Test
  void aChinaAccountKnownByItsRegionsGoesToNingxiaAndACommercialOneIsUnchanged() {
    Account cn =
        new Account(
            new AccountId("600000000001"),
            "cn",
            new CredentialSource.Ambient(),
            List.of(new Region("cn-north-1")));
    Account commercial = role("arn:aws:iam::500000000001:role/QuotaCliRole", "eu-west-1");

    assertThat(AwsClientFactory.apiRegion(cn, Region.GLOBAL))
        .isEqualTo(new Region("cn-northwest-1"));
    assertThat(AwsClientFactory.apiRegion(cn, new Region("cn-north-1")))
        .isEqualTo(new Region("cn-north-1"));
    assertThat(AwsClientFactory.apiRegion(commercial, Region.GLOBAL)).isEqualTo(Region.US_EAST_1);
    assertThat(AwsClientFactory.apiRegion(commercial, new Region("eu-west-1")))
        .isEqualTo(new Region("eu-west-1"));
  }

  @Test
  void releasingAnAccountClosesItsClientsOnlyAndAClientIsBuiltAgainWhenAsked() {
    Account a = role("arn:aws:iam::500000000001:role/QuotaCliRole", "eu-west-1");
    Account b =
        new Account(
            new AccountId("500000000002"),
            "b",
            new CredentialSource.StaticKeys(
                "AKIATEST00000002", new dev.quotacli.account.Secret("not-a-secret")),
            List.of(new Region("eu-west-1")));
    try (AwsClientFactory factory =
        new AwsClientFactory(
            new Endpoints(java.net.URI.create("http://127.0.0.1:9"), java.util.Map.of()),
            AwsClientFactory.Timeouts.DEFAULT,
            new dev.quotacli.collect.ApiStats())) {
      var ec2 = factory.ec2(a, new Region("eu-west-1"));
      factory.serviceQuotas(a, new Region("eu-west-1"));
      factory.ec2(b, new Region("eu-west-1"));
      int open = factory.openClients();

      factory.release("500000000001");

      assertThat(factory.openClients()).isEqualTo(open - 2);
      assertThat(factory.ec2(b, new Region("eu-west-1"))).isNotNull();
      assertThat(factory.ec2(a, new Region("eu-west-1"))).isNotSameAs(ec2);
    }
  }
}
