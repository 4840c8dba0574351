package dev.quotacli.aws;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.MotoServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancing.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * ElbCounter against moto: load balancers, target groups and classic load balancers seeded over the
 * SDK.
 */
class ElbCounterIT {
  /** No other test uses these regions, so moto's counts there are ours alone. */
  private static final Region REGION = new Region("ap-southeast-4");

  private static final Region EMPTY_REGION = new Region("ap-southeast-3");
  private static final Account ACCOUNT = Fixtures.anAccount(MotoServer.DEFAULT_ACCOUNT);

  /**
   * Every elasticloadbalancing quota quota-cli configures; most are per-resource and not counted.
   */
  private static final List<String> ALL_CODES =
      List.of(
          "L-53DA6B97",
          "L-69A177A2",
          "L-E9E9831D",
          "L-B22855CB",
          "L-B6DF7632",
          "L-57A373D6",
          "L-1A491844",
          "L-7EED9B64",
          "L-822D1B1B",
          "L-7E6692B2",
          "L-EEF1AD04",
          "L-B211E961",
          "L-A0D0B863",
          "L-9365A611",
          "L-52964454",
          "L-23568085",
          "L-CE3125E5");

  private final ApiStats stats = new ApiStats();
  private final AwsClientFactory factory = factory(stats);

  private static AwsClientFactory factory(ApiStats stats) {
    return TestClients.onMoto(stats);
  }

  @BeforeAll
  static void seed() {
    try (AwsClientFactory seeding = factory(new ApiStats())) {
      var network =
          TestClients.network(seeding.ec2(ACCOUNT, REGION), REGION.name(), "10.41", "a", "b");
      String vpc = network.vpcId();
      String subnetA = network.subnetIds().get(0);
      String subnetB = network.subnetIds().get(1);
      var elbv2 = seeding.elbv2(ACCOUNT, REGION);
      for (String name : List.of("alb-1", "alb-2")) {
        elbv2.createLoadBalancer(
            b -> b.name(name).type(LoadBalancerTypeEnum.APPLICATION).subnets(subnetA, subnetB));
      }
      elbv2.createLoadBalancer(
          b -> b.name("nlb-1").type(LoadBalancerTypeEnum.NETWORK).subnets(subnetA));
      for (String name : List.of("tg-1", "tg-2", "tg-3")) {
        elbv2.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc));
      }
      seeding
          .elb(ACCOUNT, REGION)
          .createLoadBalancer(
              b ->
                  b.loadBalancerName("clb-1")
                      .availabilityZones(REGION + "a")
                      .listeners(
                          Listener.builder()
                              .protocol("HTTP")
                              .loadBalancerPort(80)
                              .instancePort(80)
                              .build()));
    }
  }

  @AfterEach
  void close() {
    factory.close();
  }

  private ElbCounter counter(Region region) {
    var guard = TestClients.guard(stats, ACCOUNT.id().value(), region.name());
    return new ElbCounter(factory.elb(ACCOUNT, region), factory.elbv2(ACCOUNT, region), guard);
  }

  private static List<QuotaLimit> quotas(String... codes) {
    return Arrays.stream(codes).map(c -> aLimit(c, 50, LimitSource.DEFAULT)).toList();
  }

  private Map<String, Long> calls() {
    return stats.snapshot().entrySet().stream()
        .collect(
            Collectors.toMap(
                e -> e.getKey().service() + ":" + e.getKey().operation(),
                e -> e.getValue().calls()));
  }

  @Test
  void countsLoadBalancersByTypeTargetGroupsAndClassicLoadBalancersAndNothingElse() {
    var usage = counter(REGION).count(quotas(ALL_CODES.toArray(String[]::new)));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("L-53DA6B97", 2.0, "L-69A177A2", 1.0, "L-B22855CB", 3.0, "L-E9E9831D", 1.0));
    // elbv2 and classic DescribeLoadBalancers, one page each, and DescribeTargetGroups.
    assertThat(calls())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "elasticloadbalancing:DescribeLoadBalancers",
                2L,
                "elasticloadbalancing:DescribeTargetGroups",
                1L));
  }

  @Test
  void theAlbQuotaAloneNeedsOnlyTheElbv2LoadBalancers() {
    var usage = counter(REGION).count(quotas("L-53DA6B97"));

    assertThat(usage).containsExactlyEntriesOf(Map.of("L-53DA6B97", 2.0));
    assertThat(calls())
        .containsExactlyEntriesOf(Map.of("elasticloadbalancing:DescribeLoadBalancers", 1L));
  }

  @Test
  void theTargetGroupQuotaAloneNeedsNoLoadBalancers() {
    var usage = counter(REGION).count(quotas("L-B22855CB"));

    assertThat(usage).containsExactlyEntriesOf(Map.of("L-B22855CB", 3.0));
    assertThat(calls())
        .containsExactlyEntriesOf(Map.of("elasticloadbalancing:DescribeTargetGroups", 1L));
  }

  @Test
  void perResourceQuotasAloneMakeNoCalls() {
    assertThat(counter(REGION).count(quotas("L-B6DF7632", "L-CE3125E5"))).isEmpty();
    assertThat(stats.snapshot()).isEmpty();
  }

  @Test
  void aRegionWithoutLoadBalancersCountsRealZeros() {
    var usage =
        counter(EMPTY_REGION).count(quotas("L-53DA6B97", "L-69A177A2", "L-E9E9831D", "L-B22855CB"));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("L-53DA6B97", 0.0, "L-69A177A2", 0.0, "L-B22855CB", 0.0, "L-E9E9831D", 0.0));
  }
}
