package dev.quotacli.aws;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.quota.InstanceClass;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.MotoServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.MarketType;

/**
 * {@link Ec2Counter} and {@link Ec2InstanceTypes} against moto in a region no other test uses;
 * resources are seeded once through the same SDK client, and every test counts calls in its own
 * {@link ApiStats}.
 */
class Ec2CounterIT {
  private static final String REGION = "ap-southeast-2";
  private static final Account ACCOUNT = Fixtures.anAccount(MotoServer.DEFAULT_ACCOUNT, REGION);

  private static final String STANDARD = "L-1216C47A";
  private static final String G_VT = "L-DB2E81BA";
  private static final String INF = "L-1945791B";
  private static final String SPOT_STANDARD = "L-34B43A08";
  private static final String SPOT_G_VT = "L-3819A6DF";
  private static final String EIPS = "L-0263D0A3";
  private static final String TGWS = "L-A2478D36";
  private static final String AMIS = "L-B665C33B";

  private static AwsClientFactory factory;
  private static Ec2Client ec2;

  @BeforeAll
  static void seed() {
    factory =
        new AwsClientFactory(
            new Endpoints(MotoServer.shared().endpoint(), Map.of()),
            AwsClientFactory.Timeouts.DEFAULT,
            new ApiStats());
    ec2 = factory.ec2(ACCOUNT, new Region(REGION));
    String ami =
        ec2.describeImages(b -> b.owners("amazon").maxResults(5)).images().get(0).imageId();

    // Six running reservations: On-Demand 2×m5.large + c5.xlarge + inf1.xlarge + g4dn.xlarge,
    // Spot m5.large and g4dn.xlarge.
    run(ami, "m5.large", 2, false);
    run(ami, "c5.xlarge", 1, false);
    run(ami, "inf1.xlarge", 1, false);
    run(ami, "g4dn.xlarge", 1, false);
    run(ami, "m5.large", 1, true);
    run(ami, "g4dn.xlarge", 1, true);
    // Neither a stopped nor a terminated instance counts.
    String stopped = run(ami, "c5.xlarge", 1, false).get(0).instanceId();
    ec2.stopInstances(b -> b.instanceIds(stopped));
    String terminated = run(ami, "x1e.xlarge", 1, false).get(0).instanceId();
    ec2.terminateInstances(b -> b.instanceIds(terminated));

    ec2.allocateAddress(b -> b.domain(DomainType.VPC));
    ec2.allocateAddress(b -> b.domain(DomainType.VPC));
    ec2.allocateAddress(b -> b.domain(DomainType.STANDARD));

    ec2.createTransitGateway(b -> b.description("kept"));
    String gone =
        ec2.createTransitGateway(b -> b.description("deleted")).transitGateway().transitGatewayId();
    ec2.deleteTransitGateway(b -> b.transitGatewayId(gone));

    ec2.createImage(b -> b.instanceId(stopped).name("quota-cli-it-1"));
    ec2.createImage(b -> b.instanceId(stopped).name("quota-cli-it-2"));
  }

  private static List<Instance> run(String ami, String type, int count, boolean spot) {
    List<Instance> instances =
        ec2.runInstances(
                b -> {
                  b.imageId(ami).instanceType(type).minCount(count).maxCount(count);
                  if (spot) {
                    b.instanceMarketOptions(m -> m.marketType(MarketType.SPOT));
                  }
                })
            .instances();
    return instances;
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  private static CallGuard guard(ApiStats stats) {
    return TestClients.guard(stats, MotoServer.DEFAULT_ACCOUNT, REGION);
  }

  private static List<QuotaLimit> limits(String... codes) {
    return Arrays.stream(codes).map(c -> aLimit(c, 100, LimitSource.APPLIED)).toList();
  }

  private static Map<String, Long> calls(ApiStats stats) {
    Map<String, Long> out = new TreeMap<>();
    stats.snapshot().forEach((k, v) -> out.put(k.service() + ":" + k.operation(), v.calls()));
    return out;
  }

  @Test
  void motoSpotLaunchesReportSpotLifecycle() {
    var lifecycles =
        ec2
            .describeInstances(b -> b.filters(f -> f.name("instance-type").values("g4dn.xlarge")))
            .reservations()
            .stream()
            .flatMap(r -> r.instances().stream())
            .map(Instance::instanceLifecycle)
            .toList();

    assertThat(lifecycles).containsExactlyInAnyOrder(null, InstanceLifecycleType.SPOT);
  }

  @Test
  void vcpusPerQuotaAreTheSeededTypesDefaultVcpusWithKnownZeros() {
    ApiStats stats = new ApiStats();
    var counter = new Ec2Counter(ec2, guard(stats), new Ec2InstanceTypes(ec2, guard(stats)));

    var usage = counter.count(limits(InstanceClass.QUOTA_CODES.toArray(String[]::new)));

    Map<String, Double> expected = new TreeMap<>();
    InstanceClass.QUOTA_CODES.forEach(c -> expected.put(c, 0.0));
    expected.put(STANDARD, 8.0); // 2 × m5.large (2) + c5.xlarge (4)
    expected.put(INF, 4.0); // inf1.xlarge
    expected.put(G_VT, 4.0); // g4dn.xlarge
    expected.put(SPOT_STANDARD, 2.0); // m5.large
    expected.put(SPOT_G_VT, 4.0); // g4dn.xlarge
    assertThat(usage).containsExactlyEntriesOf(expected);
    assertThat(calls(stats))
        .containsExactly(
            entry("ec2:DescribeInstanceTypes", 1L), entry("ec2:DescribeInstances", 1L));
  }

  @Test
  void everyPageOfDescribeInstancesIsAGuardedCall() {
    ApiStats stats = new ApiStats();
    var counter = new Ec2Counter(ec2, guard(stats), new Ec2InstanceTypes(ec2, guard(stats)), 5);

    var usage = counter.count(limits(STANDARD, SPOT_G_VT));

    assertThat(usage).containsOnly(entry(STANDARD, 8.0), entry(SPOT_G_VT, 4.0));
    assertThat(calls(stats))
        .containsExactly( // six running reservations, five a page
            entry("ec2:DescribeInstanceTypes", 1L), entry("ec2:DescribeInstances", 2L));
  }

  @Test
  void motoDefaultVcpusMatchAwsForTheSeededTypes() {
    ApiStats stats = new ApiStats();

    var vcpus =
        new Ec2InstanceTypes(ec2, guard(stats))
            .vcpus(List.of("m5.large", "c5.xlarge", "inf1.xlarge", "g4dn.xlarge"));

    assertThat(vcpus)
        .containsExactly(
            entry("c5.xlarge", 4),
            entry("g4dn.xlarge", 4),
            entry("inf1.xlarge", 4),
            entry("m5.large", 2));
    assertThat(calls(stats)).containsExactly(entry("ec2:DescribeInstanceTypes", 1L));
  }

  @Test
  void unknownInstanceTypeIsDroppedAndTheRestAskedAgain() {
    ApiStats stats = new ApiStats();

    var vcpus =
        new Ec2InstanceTypes(ec2, guard(stats)).vcpus(List.of("m5.large", "zz9.huge", "c5.xlarge"));

    assertThat(vcpus).containsExactly(entry("c5.xlarge", 4), entry("m5.large", 2));
    assertThat(calls(stats)).containsExactly(entry("ec2:DescribeInstanceTypes", 2L));
  }

  @Test
  void instanceTypesAreAskedAHundredAtATime() {
    List<String> types =
        ec2.describeInstanceTypes(b -> {}).instanceTypes().stream()
            .map(InstanceTypeInfo::instanceTypeAsString)
            .sorted()
            .limit(150)
            .toList();
    assertThat(types).hasSize(150);
    ApiStats stats = new ApiStats();

    var vcpus = new Ec2InstanceTypes(ec2, guard(stats)).vcpus(types);

    assertThat(vcpus).hasSize(150).allSatisfy((type, n) -> assertThat(n).isPositive());
    assertThat(calls(stats)).containsExactly(entry("ec2:DescribeInstanceTypes", 2L));
  }

  @Test
  void elasticIpsCountOnlyVpcAddressesAndNeedOnlyDescribeAddresses() {
    ApiStats stats = new ApiStats();
    var counter = new Ec2Counter(ec2, guard(stats), new Ec2InstanceTypes(ec2, guard(stats)));

    assertThat(counter.count(limits(EIPS))).containsExactly(entry(EIPS, 2.0));
    assertThat(calls(stats)).containsExactly(entry("ec2:DescribeAddresses", 1L));
  }

  @Test
  void deletedTransitGatewaysDoNotCount() {
    ApiStats stats = new ApiStats();
    var counter = new Ec2Counter(ec2, guard(stats), new Ec2InstanceTypes(ec2, guard(stats)));

    assertThat(counter.count(limits(TGWS))).containsExactly(entry(TGWS, 1.0));
    assertThat(calls(stats)).containsExactly(entry("ec2:DescribeTransitGateways", 1L));
  }

  @Test
  void amisCountSelfOwnedImagesOnly() {
    ApiStats stats = new ApiStats();
    var counter = new Ec2Counter(ec2, guard(stats), new Ec2InstanceTypes(ec2, guard(stats)));

    assertThat(counter.count(limits(AMIS))).containsExactly(entry(AMIS, 2.0));
    assertThat(calls(stats)).containsExactly(entry("ec2:DescribeImages", 1L));
  }

  @Test
  void allQuotasTogetherMakeOneCallPerOperation() {
    ApiStats stats = new ApiStats();
    var counter = new Ec2Counter(ec2, guard(stats), new Ec2InstanceTypes(ec2, guard(stats)));

    var usage = counter.count(limits(STANDARD, EIPS, TGWS, AMIS, "L-34B43A08"));

    assertThat(usage)
        .containsOnly(
            entry(STANDARD, 8.0),
            entry(SPOT_STANDARD, 2.0),
            entry(EIPS, 2.0),
            entry(TGWS, 1.0),
            entry(AMIS, 2.0));
    assertThat(calls(stats))
        .containsExactly(
            entry("ec2:DescribeAddresses", 1L),
            entry("ec2:DescribeImages", 1L),
            entry("ec2:DescribeInstanceTypes", 1L),
            entry("ec2:DescribeInstances", 1L),
            entry("ec2:DescribeTransitGateways", 1L));
  }

  @Test
  void quotasItDoesNotCountMakeNoCalls() {
    ApiStats stats = new ApiStats();
    var counter = new Ec2Counter(ec2, guard(stats), new Ec2InstanceTypes(ec2, guard(stats)));

    assertThat(counter.count(limits("L-0E3CBAB9", "L-D18FCD1D"))).isEmpty();
    assertThat(stats.snapshot()).isEmpty();
  }
}
