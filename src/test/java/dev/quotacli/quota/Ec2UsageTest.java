package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.quotacli.quota.Ec2Usage.Ec2Instance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Ec2UsageTest {
  private static final String STANDARD = "L-1216C47A";
  private static final String G_VT = "L-DB2E81BA";
  private static final String INF = "L-1945791B";
  private static final String P = "L-417A185B";
  private static final String DL = "L-6E869C2A";
  private static final String SPOT_STANDARD = "L-34B43A08";
  private static final String SPOT_P432 = "L-7212CCBC";
  private static final String SPOT_P5 = "L-C4BD4855";

  private static final Map<String, Integer> VCPUS =
      Map.of(
          "m5.large", 2,
          "c5.xlarge", 4,
          "inf2.xlarge", 4,
          "g4dn.xlarge", 4,
          "dl1.24xlarge", 96,
          "p5.48xlarge", 192,
          "p3.2xlarge", 8);

  private static Ec2Instance onDemand(String type) {
    return new Ec2Instance(type, false, "default", null);
  }

  private static Ec2Instance spot(String type) {
    return new Ec2Instance(type, true, "default", null);
  }

  @Test
  void sumsDefaultVcpusPerClassAndGivesKnownZerosForEmptyClasses() {
    var instances =
        List.of(
            onDemand("m5.large"),
            onDemand("m5.large"),
            onDemand("c5.xlarge"),
            onDemand("inf2.xlarge"),
            onDemand("g4dn.xlarge"));

    var usage = Ec2Usage.vcpusByQuota(instances, VCPUS, Set.of(STANDARD, INF, G_VT, P, DL));

    assertThat(usage)
        .containsExactly( // sorted by code
            entry(STANDARD, 8.0), entry(INF, 4.0), entry(P, 0.0), entry(DL, 0.0), entry(G_VT, 4.0));
  }

  @Test
  void inf2AndDl1AreNotCountedAsStandard() {
    var usage =
        Ec2Usage.vcpusByQuota(
            List.of(onDemand("inf2.xlarge"), onDemand("dl1.24xlarge")),
            VCPUS,
            Set.of(STANDARD, INF, DL));

    assertThat(usage).containsOnly(entry(STANDARD, 0.0), entry(INF, 4.0), entry(DL, 96.0));
  }

  @Test
  void spotAndOnDemandCountAgainstDifferentQuotasAndP5SpotHasItsOwn() {
    var instances =
        List.of(
            onDemand("m5.large"),
            spot("m5.large"),
            spot("c5.xlarge"),
            onDemand("p5.48xlarge"),
            spot("p5.48xlarge"),
            spot("p3.2xlarge"));

    var usage =
        Ec2Usage.vcpusByQuota(
            instances, VCPUS, Set.of(STANDARD, SPOT_STANDARD, P, SPOT_P432, SPOT_P5));

    assertThat(usage)
        .containsOnly(
            entry(STANDARD, 2.0),
            entry(SPOT_STANDARD, 6.0),
            entry(P, 192.0),
            entry(SPOT_P5, 192.0),
            entry(SPOT_P432, 8.0));
  }

  @Test
  void dedicatedAndHostTenancyAreExcluded() {
    var instances =
        List.of(
            onDemand("m5.large"),
            new Ec2Instance("c5.xlarge", false, "dedicated", null),
            new Ec2Instance("c5.xlarge", false, "host", null),
            new Ec2Instance("m5.large", false, null, null));

    assertThat(Ec2Usage.vcpusByQuota(instances, VCPUS, Set.of(STANDARD)))
        .containsOnly(entry(STANDARD, 4.0));
    assertThat(Ec2Usage.typesToLookUp(instances)).containsExactly("m5.large");
  }

  @Test
  void unknownTypeFallsBackToCpuOptions() {
    var instances =
        List.of(onDemand("m5.large"), new Ec2Instance("m99.large", false, "default", 6));

    assertThat(Ec2Usage.vcpusByQuota(instances, VCPUS, Set.of(STANDARD)))
        .containsOnly(entry(STANDARD, 8.0));
  }

  @Test
  void defaultVcpusOfTheTypeWinOverCpuOptions() {
    var instances = List.of(new Ec2Instance("c5.xlarge", false, "default", 2));

    assertThat(Ec2Usage.vcpusByQuota(instances, VCPUS, Set.of(STANDARD)))
        .containsOnly(entry(STANDARD, 4.0));
  }

  @Test
  void instanceWithUnknownVcpusMakesItsQuotaAbsentNotUndercounted() {
    var instances =
        List.of(
            onDemand("m5.large"), onDemand("m99.large"), onDemand("g4dn.xlarge"), spot("m5.large"));

    var usage = Ec2Usage.vcpusByQuota(instances, VCPUS, Set.of(STANDARD, G_VT, SPOT_STANDARD));

    assertThat(usage).containsOnly(entry(G_VT, 4.0), entry(SPOT_STANDARD, 2.0));
  }

  @Test
  void unknownVcpusInAClassNotAskedForChangesNothing() {
    var usage = Ec2Usage.vcpusByQuota(List.of(onDemand("m99.large")), VCPUS, Set.of(G_VT));

    assertThat(usage).containsOnly(entry(G_VT, 0.0));
  }

  @Test
  void onlyWantedVcpuQuotasAreAnswered() {
    var usage =
        Ec2Usage.vcpusByQuota(
            List.of(onDemand("m5.large"), onDemand("g4dn.xlarge")),
            VCPUS,
            Set.of(G_VT, "L-0263D0A3"));

    assertThat(usage).containsOnly(entry(G_VT, 4.0));
  }

  @Test
  void noInstancesGiveZeroForEveryWantedVcpuQuota() {
    assertThat(Ec2Usage.vcpusByQuota(List.of(), Map.of(), Set.of(STANDARD, SPOT_P5)))
        .containsOnly(entry(STANDARD, 0.0), entry(SPOT_P5, 0.0));
  }

  @Test
  void needsInstancesOnlyForVcpuQuotas() {
    assertThat(Ec2Usage.needsInstances(Set.of("L-0263D0A3", "L-B665C33B"))).isFalse();
    assertThat(Ec2Usage.needsInstances(Set.of("L-0263D0A3", SPOT_P5))).isTrue();
  }

  @Test
  void typesToLookUpAreDistinctAndSorted() {
    var instances = List.of(onDemand("m5.large"), spot("c5.xlarge"), onDemand("m5.large"));

    assertThat(Ec2Usage.typesToLookUp(instances)).containsExactly("c5.xlarge", "m5.large");
  }

  @Test
  void onlyVpcAddressesCount() {
    assertThat(Ec2Usage.vpcAddresses(List.of("vpc", "standard", "vpc"))).isEqualTo(2);
  }

  @Test
  void deletedTransitGatewaysDoNotCount() {
    assertThat(
            Ec2Usage.liveTransitGateways(
                List.of("available", "pending", "modifying", "deleting", "deleted")))
        .isEqualTo(4);
  }
}
