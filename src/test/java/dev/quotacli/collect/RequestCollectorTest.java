package dev.quotacli.collect;

import static dev.quotacli.testing.Fixtures.aLimit;
import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.cache.RequestCache;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.DirectCallGuards;
import dev.quotacli.testing.InMemoryServiceQuotas;
import dev.quotacli.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RequestCollector} over an in-memory Service Quotas, a direct call guard and a real {@link
 * RequestCache} on a temporary directory.
 */
class RequestCollectorTest {
  private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
  private static final Duration TTL = Duration.ofHours(24);
  private static final String ID = "111111111111";
  private static final Account ACCOUNT = anAccount(ID, "eu-west-1", "us-east-1");
  private static final Region EU = new Region("eu-west-1");
  private static final String VCPU = "L-1216C47A";

  @TempDir Path root;

  private MutableClock clock;
  private RequestCache cache;
  private InMemoryServiceQuotas quotas;
  private DirectCallGuards guards;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    cache = new RequestCache(root, TTL, clock);
    quotas = new InMemoryServiceQuotas();
    guards = new DirectCallGuards();
    quotas.requests(
        ID,
        "eu-west-1",
        new IncreaseRequest(
            "r1",
            "ec2",
            VCPU,
            "Running On-Demand",
            4096,
            IncreaseRequest.Status.PENDING,
            T0.minus(Duration.ofDays(3)),
            null),
        new IncreaseRequest(
            "r2",
            "elasticloadbalancing",
            "L-53DA6B97",
            "ALBs",
            100,
            IncreaseRequest.Status.APPROVED,
            T0.minus(Duration.ofDays(40)),
            T0.minus(Duration.ofDays(35))));
  }

  private RequestCollector collector(boolean force) {
    return new RequestCollector(cache, quotas, guards, clock, force);
  }

  private static TargetResult.Collected collected(String service) {
    return new TargetResult.Collected(
        new Target(ACCOUNT, EU, service),
        List.of(aLimit(VCPU, 2048, LimitSource.APPLIED)),
        false,
        List.of());
  }

  @Test
  void theTargetsOfAnAccountAndRegionShareOneHistoryCallAndEachGetsItsServicesRequests() {
    RequestCollector requests = collector(false);

    var ec2 = (TargetResult.Collected) requests.attach(collected("ec2"));
    var elb = (TargetResult.Collected) requests.attach(collected("elasticloadbalancing"));

    assertThat(quotas.calls(InMemoryServiceQuotas.LIST_REQUESTS)).isEqualTo(1);
    assertThat(guards.calls(InMemoryServiceQuotas.SERVICE, InMemoryServiceQuotas.LIST_REQUESTS))
        .isEqualTo(1);
    assertThat(ec2.requests().requests())
        .extracting(IncreaseRequest::quotaCode, IncreaseRequest::desiredValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(VCPU, 4096.0));
    // Closed 35 days ago: no longer shown.
    assertThat(elb.requests().known()).isTrue();
    assertThat(elb.requests().requests()).isEmpty();
    assertThat(cache.path(ID, EU))
        .isEqualTo(root.resolve(ID).resolve("eu-west-1").resolve("requests.json"))
        .exists();
  }

  @Test
  void aFreshCacheAnswersTheNextPassWithoutACallAndForceRefetches() {
    collector(false).attach(collected("ec2"));
    clock.advance(Duration.ofHours(2));

    var again = (TargetResult.Collected) collector(false).attach(collected("ec2"));

    assertThat(quotas.calls(InMemoryServiceQuotas.LIST_REQUESTS)).isEqualTo(1);
    assertThat(again.requests().requests()).hasSize(1);

    collector(true).attach(collected("ec2"));
    assertThat(quotas.calls(InMemoryServiceQuotas.LIST_REQUESTS)).isEqualTo(2);

    clock.advance(TTL);
    collector(false).attach(collected("ec2"));
    assertThat(quotas.calls(InMemoryServiceQuotas.LIST_REQUESTS)).isEqualTo(3);
  }

  @Test
  void aFailedHistoryIsUnknownAskedOncePerAccountAndRegionAndKeepsTheLimits() {
    quotas.requestsFailing(FailureKind.ACCESS_DENIED);
    RequestCollector requests = collector(false);

    var ec2 = (TargetResult.Collected) requests.attach(collected("ec2"));
    var elb = (TargetResult.Collected) requests.attach(collected("elasticloadbalancing"));

    assertThat(quotas.calls(InMemoryServiceQuotas.LIST_REQUESTS)).isEqualTo(1);
    assertThat(ec2.requests().known()).isFalse();
    assertThat(ec2.requests().failure()).isEqualTo("access_denied");
    assertThat(elb.requests().known()).isFalse();
    assertThat(ec2.limits()).hasSize(1);
    // Nothing cached: the next pass asks again.
    assertThat(cache.path(ID, EU)).doesNotExist();
  }

  @Test
  void aFailedTargetIsNotAskedForRequests() {
    var failed =
        new TargetResult.Failed(
            new Target(ACCOUNT, EU, "ec2"), FailureKind.INVALID_CREDENTIALS, "refused");

    assertThat(collector(false).attach(failed)).isSameAs(failed);
    assertThat(quotas.calls(InMemoryServiceQuotas.LIST_REQUESTS)).isZero();
  }

  @Test
  void aGovCloudAccountsGlobalAndHomeRegionTargetsShareOneHistoryCall() {
    var gov = dev.quotacli.testing.Fixtures.anAccount("222222222222", "us-gov-west-1");
    RequestCollector requests = collector(false);

    requests.attach(
        new TargetResult.Collected(
            new Target(gov, new Region("us-gov-west-1"), "ec2"), List.of(), false, List.of()));
    requests.attach(
        new TargetResult.Collected(
            new Target(gov, Region.GLOBAL, "route53"), List.of(), false, List.of()));

    assertThat(quotas.calls(InMemoryServiceQuotas.LIST_REQUESTS))
        .as("both are asked in us-gov-west-1")
        .isEqualTo(1);
  }
}
