package dev.quotacli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quotacli.cost.Price.Source;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRateTest {
  private static final String R = "eu-south-2";

  private static final Map<PriceKey, Price> PRICES =
      Map.of(
          PriceKey.instance(R, "t3.micro", "Linux", "Shared"), new Price(0.0114, "Hrs", Source.API),
          PriceKey.ebsStorage(R, "gp3"), new Price(0.088, "GB-Mo", Source.API),
          PriceKey.ebsIops(R, "gp3"), new Price(0.0055, "IOPS-Mo", Source.API),
          PriceKey.ebsThroughput(R, "gp3"), new Price(0.044, "MiBps-Mo", Source.API),
          PriceKey.ebsStorage(R, "io1"), new Price(0.138, "GB-Mo", Source.API),
          PriceKey.ebsIops(R, "io1"), new Price(0.072, "IOPS-Mo", Source.API),
          PriceKey.natGatewayHours(R), new Price(0.048, "Hrs", Source.API),
          PriceKey.idleIpv4Hours(R), new Price(0.005, "Hrs", Source.API));

  @Test
  void sumsHourlyCostPerRegionServiceAndResourceType() {
    List<RunningResource> resources =
        List.of(
            new Ec2Running(R, "t3.micro", "Linux", "Shared"),
            new Ec2Running(R, "t3.micro", "Linux", "Shared"),
            new EbsVolume(R, "gp3", 100, 4000, 200),
            new EbsVolume(R, "io1", 50, 1000, null),
            new NatGateway(R),
            new IdleAddress(R),
            new IdleAddress(R));

    RunRate.Result result = RunRate.compute(resources, PRICES);

    assertThat(result.unpriced()).isEmpty();
    assertThat(result.lines())
        .extracting(RunRate.Line::service, RunRate.Line::resourceType, RunRate.Line::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ebs", "gp3", 1),
            org.assertj.core.groups.Tuple.tuple("ebs", "io1", 1),
            org.assertj.core.groups.Tuple.tuple("ec2", "t3.micro", 2),
            org.assertj.core.groups.Tuple.tuple("vpc", "nat_gateway", 1),
            org.assertj.core.groups.Tuple.tuple("vpc", "public_ipv4_idle", 2));
    // gp3: 100 GiB * 0.088 + (4000-3000) IOPS * 0.0055 + (200-125) MiB/s * 0.044 = 17.6 per month
    assertThat(result.lines().get(0).usdPerHour()).isCloseTo(17.6 / 730, within(1e-12));
    // io1: 50 * 0.138 + 1000 * 0.072 = 78.9 per month
    assertThat(result.lines().get(1).usdPerHour()).isCloseTo(78.9 / 730, within(1e-12));
    assertThat(result.lines().get(2).usdPerHour()).isCloseTo(0.0228, within(1e-12));
    assertThat(result.lines().get(3).usdPerHour()).isCloseTo(0.048, within(1e-12));
    assertThat(result.lines().get(4).usdPerHour()).isCloseTo(0.010, within(1e-12));
    assertThat(result.totalUsdPerHour())
        .isCloseTo(0.0228 + 0.048 + 0.010 + (17.6 + 78.9) / 730, within(1e-12));
  }

  @Test
  void gp3AtBaselineNeedsOnlyTheStoragePrice() {
    var volume = new EbsVolume(R, "gp3", 10, 3000, 125);
    assertThat(RunRate.wanted(List.of(volume))).containsExactly(PriceKey.ebsStorage(R, "gp3"));
    assertThat(RunRate.compute(List.of(volume), PRICES).totalUsdPerHour())
        .isCloseTo(0.88 / 730, within(1e-12));
  }

  @Test
  void throughputPricedPerGibpsIsConvertedToMibps() {
    var volume = new EbsVolume(R, "gp3", 0, 3000, 1149);
    var prices =
        Map.of(
            PriceKey.ebsStorage(R, "gp3"), new Price(0.088, "GB-Mo", Source.API),
            PriceKey.ebsThroughput(R, "gp3"), new Price(40.96, "GiBps-mo", Source.API));
    assertThat(RunRate.compute(List.of(volume), prices).totalUsdPerHour())
        .isCloseTo(1024 * 40.96 / 1024 / 730, within(1e-12));
  }

  @Test
  void resourcesWithoutEveryPriceAreUnpricedNeverPricedAtZero() {
    List<RunningResource> resources =
        List.of(
            new Ec2Running(R, "m5.large", "Linux", "Shared"),
            new Ec2Running(R, "t3.micro", "Linux", "Shared", true),
            new Ec2Running(R, "t3.micro", "Windows with SQL Server Standard", "Shared"),
            new Ec2Running(R, "t3.micro", "Linux", "Host"),
            new EbsVolume(R, "io2", 10, 40000, null),
            new EbsVolume(R, "io1", 10, null, null),
            new EbsVolume(R, "gp2", 10, null, null));

    RunRate.Result result =
        RunRate.compute(
            resources,
            PRICES,
            Map.of(PriceKey.instance(R, "m5.large", "Linux", "Shared"), "ambiguous"));

    assertThat(result.lines()).isEmpty();
    assertThat(result.unpriced())
        .extracting(RunRate.Unpriced::reason)
        .containsExactly(
            "no price for eu-south-2/EC2_INSTANCE_HOURS/m5.large|Linux|Shared: ambiguous",
            "Spot instance: the On-Demand price does not apply",
            "platform 'Windows with SQL Server Standard' is not priced (Linux, Windows, RHEL, SUSE only)",
            "tenancy 'Host' is not priced (billed per dedicated host)",
            "io2 IOPS above 32000 are tier-priced, not supported",
            "io1 volume without provisioned IOPS",
            "no price for eu-south-2/EBS_STORAGE/gp2");
  }

  @Test
  void aPriceInAnUnexpectedUnitLeavesTheResourceUnpriced() {
    var nat = new NatGateway(R);
    var result =
        RunRate.compute(
            List.of(nat), Map.of(PriceKey.natGatewayHours(R), new Price(0.045, "GB", Source.API)));
    assertThat(result.unpriced())
        .extracting(RunRate.Unpriced::reason)
        .containsExactly("unexpected unit GB for eu-south-2/NAT_GATEWAY_HOURS");
  }

  @Test
  void wantedListsEachNeededPriceOnce() {
    assertThat(
            RunRate.wanted(
                List.of(
                    new Ec2Running(R, "t3.micro", "Linux", "Shared"),
                    new Ec2Running(R, "t3.micro", "Linux", "Shared"),
                    new Ec2Running(R, "t3.micro", "Linux", "Shared", true),
                    new EbsVolume(R, "io1", 10, 100, null),
                    new IdleAddress(R))))
        .containsExactly(
            PriceKey.instance(R, "t3.micro", "Linux", "Shared"),
            PriceKey.ebsStorage(R, "io1"),
            PriceKey.ebsIops(R, "io1"),
            PriceKey.idleIpv4Hours(R));
  }

  @Test
  void ec2PlatformDetailsMapToPricingOperatingSystems() {
    assertThat(Ec2Running.operatingSystem("Linux/UNIX", null)).isEqualTo("Linux");
    assertThat(Ec2Running.operatingSystem("Windows", "windows")).isEqualTo("Windows");
    assertThat(Ec2Running.operatingSystem("Red Hat Enterprise Linux", null)).isEqualTo("RHEL");
    assertThat(Ec2Running.operatingSystem(null, "windows")).isEqualTo("Windows");
    assertThat(Ec2Running.operatingSystem(null, null)).isEqualTo("Linux");
    assertThat(Ec2Running.tenancy("default")).isEqualTo("Shared");
    assertThat(Ec2Running.tenancy("dedicated")).isEqualTo("Dedicated");
    assertThat(Ec2Running.tenancy("host")).isEqualTo("Host");
  }
}
