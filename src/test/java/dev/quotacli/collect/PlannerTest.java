package dev.quotacli.collect;

import static dev.quotacli.testing.Fixtures.aService;
import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.config.QuotasConfig;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final QuotasConfig config =
      new QuotasConfig(
          "quotas.yaml",
          List.of(
              aService("ec2", Scope.REGIONAL, "L-1216C47A"),
              aService("route53", Scope.GLOBAL, "L-4EA4796A")));

  @Test
  void regionalServicesPerRegionAndGlobalOncePerAccount() {
    var accounts =
        List.of(
            anAccount("222222222222", "eu-west-1", "us-east-1"),
            anAccount("111111111111", "eu-west-1"));

    var targets = Planner.plan(accounts, config, Planner.Filters.NONE, a -> a.regions());

    assertThat(targets)
        .extracting(Target::describe)
        .containsExactly(
            "111111111111/eu-west-1/ec2",
            "111111111111/global/route53",
            "222222222222/eu-west-1/ec2",
            "222222222222/global/route53",
            "222222222222/us-east-1/ec2");
  }

  @Test
  void filtersNarrowAccountsRegionsAndServices() {
    var accounts =
        List.of(
            anAccount("222222222222", "eu-west-1", "us-east-1"),
            anAccount("111111111111", "eu-west-1"));
    var filters =
        new Planner.Filters(Set.of("222222222222"), Set.of(new Region("us-east-1")), Set.of());

    var targets = Planner.plan(accounts, config, filters, a -> a.regions());

    assertThat(targets).extracting(Target::describe).containsExactly("222222222222/us-east-1/ec2");
  }

  @Test
  void globalRegionFilterKeepsOnlyGlobalServices() {
    var filters = new Planner.Filters(Set.of(), Set.of(Region.GLOBAL), Set.of());

    var targets =
        Planner.plan(
            List.of(anAccount("111111111111", "eu-west-1")), config, filters, a -> a.regions());

    assertThat(targets).extracting(Target::describe).containsExactly("111111111111/global/route53");
  }

  @Test
  void regionsComeFromAccountThenDiscoveryThenFlagsThenDefault() {
    var eu = List.of(new Region("eu-west-1"));
    var ap = List.of(new Region("ap-south-1"));
    var us = List.of(Region.US_EAST_1);
    var flags = List.of(new Region("sa-east-1"));

    assertThat(Planner.regionsFor(anAccount("111111111111", "eu-west-1"), ap, flags, us))
        .isEqualTo(eu);
    assertThat(Planner.regionsFor(anAccount("111111111111"), ap, flags, us)).isEqualTo(ap);
    assertThat(Planner.regionsFor(anAccount("111111111111"), List.of(), flags, us))
        .isEqualTo(flags);
    assertThat(Planner.regionsFor(anAccount("111111111111"), List.of(), List.of(), us))
        .isEqualTo(us);
  }

  @Test
  void aServiceItsPartitionLacksIsLeftOutWithOneWarningForTheEstate() {
    var role = "arn:aws-us-gov:iam::%s:role/QuotaCliRole";
    var gov1 =
        new dev.quotacli.account.Account(
            new dev.quotacli.account.AccountId("500000000001"),
            "gov-1",
            new dev.quotacli.account.CredentialSource.AssumeRole(
                role.formatted("500000000001"),
                java.util.Optional.empty(),
                java.util.Optional.empty()),
            List.of());
    var gov2 =
        new dev.quotacli.account.Account(
            new dev.quotacli.account.AccountId("500000000002"),
            "gov-2",
            new dev.quotacli.account.CredentialSource.StaticKeys(
                "AKIAEXAMPLEGOVKEY002", new dev.quotacli.account.Secret("s")),
            List.of(new Region("us-gov-east-1")));
    var commercial = anAccount("100000000000");
    List<Target> targets =
        List.of(
            new Target(gov1, Region.GLOBAL, "cloudfront"),
            new Target(gov1, Region.GLOBAL, "route53"),
            new Target(gov2, Region.GLOBAL, "cloudfront"),
            new Target(commercial, Region.GLOBAL, "cloudfront"));

    Planner.Offered offered = Planner.offeredOnly(targets);

    assertThat(offered.kept())
        .containsExactly(
            new Target(gov1, Region.GLOBAL, "route53"),
            new Target(commercial, Region.GLOBAL, "cloudfront"));
    assertThat(offered.warnings())
        .containsExactly(
            "cloudfront is not offered in aws-us-gov: not collected for 2 accounts (500000000001,"
                + " 500000000002)");
  }
}
