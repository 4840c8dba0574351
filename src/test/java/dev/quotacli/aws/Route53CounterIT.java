package dev.quotacli.aws;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.Route53Stub;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route53Counter against a WireMock stub of GetAccountLimit (moto 5.2.1 lacks it). */
class Route53CounterIT {
  private static final Account ACCOUNT = Fixtures.anAccount("123456789012");
  private static final String HOSTED_ZONES = "L-4EA4796A";
  private static final String HEALTH_CHECKS = "L-ACB674F3";
  private static final String DELEGATION_SETS = "L-A72C7724";
  private static final String TRAFFIC_POLICIES = "L-FC688E7C";
  private static final String TRAFFIC_POLICY_RECORDS = "L-628D5A56";

  private static Route53Stub stub;

  private final ApiStats stats = new ApiStats();
  private AwsClientFactory factory;

  @BeforeAll
  static void start() {
    stub = Route53Stub.start();
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @BeforeEach
  void setUp() {
    stub.reset();
    factory =
        new AwsClientFactory(
            new Endpoints(null, Map.of("route53", stub.endpoint())),
            AwsClientFactory.Timeouts.DEFAULT,
            stats);
  }

  @AfterEach
  void close() {
    factory.close();
  }

  private Route53Counter counter() {
    var guard = TestClients.guard(stats, ACCOUNT.id().value(), Region.GLOBAL.apiRegion().name());
    return new Route53Counter(factory.route53(ACCOUNT, Region.GLOBAL), guard);
  }

  private static List<QuotaLimit> quotas(String... codes) {
    return Arrays.stream(codes).map(c -> aLimit(c, 100, LimitSource.DEFAULT)).toList();
  }

  @Test
  void eachAccountLimitsCountIsTheUsageOfItsQuota() {
    stub.accountLimit("MAX_HOSTED_ZONES_BY_OWNER", 500, 3)
        .accountLimit("MAX_HEALTH_CHECKS_BY_OWNER", 200, 7)
        .accountLimit("MAX_REUSABLE_DELEGATION_SETS_BY_OWNER", 100, 1)
        .accountLimit("MAX_TRAFFIC_POLICIES_BY_OWNER", 50, 0)
        .accountLimit("MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER", 5, 2);

    var usage =
        counter()
            .count(
                quotas(
                    HOSTED_ZONES,
                    HEALTH_CHECKS,
                    DELEGATION_SETS,
                    TRAFFIC_POLICIES,
                    TRAFFIC_POLICY_RECORDS,
                    "L-E209CC9F",
                    "L-84B40094",
                    "L-FF06D527"));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                HOSTED_ZONES,
                3.0,
                HEALTH_CHECKS,
                7.0,
                DELEGATION_SETS,
                1.0,
                TRAFFIC_POLICIES,
                0.0,
                TRAFFIC_POLICY_RECORDS,
                2.0));
    assertThat(stub.requests()).isEqualTo(5);
    assertThat(stats.snapshot())
        .containsOnlyKeys(new ApiStats.Key("route53", "GetAccountLimit"))
        .extractingByKey(new ApiStats.Key("route53", "GetAccountLimit"))
        .isEqualTo(new ApiStats.Counts(5, 0, 0));
  }

  @Test
  void onlyTheLimitTypesOfTheWantedQuotasAreRequested() {
    stub.accountLimit("MAX_HOSTED_ZONES_BY_OWNER", 500, 3);

    assertThat(counter().count(quotas(HOSTED_ZONES, "L-E209CC9F")))
        .containsExactlyEntriesOf(Map.of(HOSTED_ZONES, 3.0));
    assertThat(stub.accountLimitRequests("MAX_HOSTED_ZONES_BY_OWNER")).isEqualTo(1);
    assertThat(stub.requests()).isEqualTo(1);
  }

  @Test
  void quotasWithoutAnAccountLimitMakeNoCalls() {
    assertThat(counter().count(quotas("L-E209CC9F", "L-84B40094"))).isEmpty();
    assertThat(stub.requests()).isZero();
  }

  @Test
  void accessDeniedFailsTheCountWithoutRetrying() {
    stub.accountLimitError(
        "MAX_HEALTH_CHECKS_BY_OWNER",
        403,
        "AccessDenied",
        "User is not authorized to perform: route53:GetAccountLimit");

    assertThatThrownBy(() -> counter().count(quotas(HEALTH_CHECKS)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.ACCESS_DENIED))
        .hasMessageStartingWith("GetAccountLimit: AccessDenied");
    assertThat(stub.requests()).isEqualTo(1);
  }
}
