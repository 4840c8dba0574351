package dev.quotacli.collect;

import static dev.quotacli.testing.Fixtures.aDiscoveringService;
import static dev.quotacli.testing.Fixtures.aLimit;
import static dev.quotacli.testing.Fixtures.aService;
import static dev.quotacli.testing.Fixtures.anAccount;
import static dev.quotacli.testing.Fixtures.anApiQuota;
import static dev.quotacli.testing.InMemoryServiceQuotas.GET_APPLIED;
import static dev.quotacli.testing.InMemoryServiceQuotas.GET_DEFAULT;
import static dev.quotacli.testing.InMemoryServiceQuotas.LIST_APPLIED;
import static dev.quotacli.testing.InMemoryServiceQuotas.LIST_DEFAULTS;
import static dev.quotacli.testing.InMemoryServiceQuotas.withErrorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.Account;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import dev.quotacli.testing.DirectCallGuards;
import dev.quotacli.testing.InMemoryServiceQuotas;
import dev.quotacli.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LimitCollector} over an in-memory Service Quotas ({@link InMemoryServiceQuotas}), a direct
 * call guard and a real {@link LimitCache} on a temporary directory with a clock the tests move.
 */
class LimitCollectorTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final Duration TTL = Duration.ofHours(24);
  private static final String ID = "111111111111";
  private static final Account ACCOUNT = anAccount(ID, "eu-west-1");
  private static final Region EU = new Region("eu-west-1");
  private static final Target EC2 = new Target(ACCOUNT, EU, "ec2");

  private static final String VCPU = "L-1216C47A";
  private static final String EIP = "L-0263D0A3";
  private static final String OTHER = "L-85EED4F7";

  @TempDir Path root;

  private MutableClock clock;
  private LimitCache cache;
  private InMemoryServiceQuotas quotas;
  private DirectCallGuards guards;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    cache = new LimitCache(root.resolve("limits"), TTL, clock);
    quotas = new InMemoryServiceQuotas();
    guards = new DirectCallGuards();
  }

  private LimitCollector collector(boolean force) {
    return new LimitCollector(cache, quotas, guards, clock, force);
  }

  private TargetResult.Collected collect(Target target, ServiceConfig service) {
    return collect(target, service, false);
  }

  private TargetResult.Collected collect(Target target, ServiceConfig service, boolean force) {
    TargetResult r = collector(force).collect(target, service);
    assertThat(r).isInstanceOf(TargetResult.Collected.class);
    return (TargetResult.Collected) r;
  }

  /** vCPUs applied at 1152 over a default of 32; EIPs and one unconfigured quota at default. */
  private void ec2Quotas() {
    quotas
        .defaults("ec2", anApiQuota(VCPU, 32), anApiQuota(EIP, 5), anApiQuota(OTHER, 10))
        .applied("ec2", anApiQuota(VCPU, 1152));
  }

  private LimitCache.Entry cachedEntry(Target target) {
    var lookup = cache.read(target.accountId(), target.region(), target.service());
    assertThat(lookup).isInstanceOf(Lookup.Fresh.class);
    return ((Lookup.Fresh<LimitCache.Entry>) lookup).data();
  }

  private Instant cachedFetchedAt(Target target) {
    var lookup = cache.read(target.accountId(), target.region(), target.service());
    if (lookup instanceof Lookup.Fresh<LimitCache.Entry> f) {
      return f.fetchedAt();
    }
    if (lookup instanceof Lookup.Stale<LimitCache.Entry> s) {
      return s.fetchedAt();
    }
    throw new AssertionError("no cache entry: " + lookup);
  }

  @Test
  void coldTargetListsMergesAppliedOverDefaultsAndCachesTheWholeService() {
    ec2Quotas();
    ServiceConfig service = aService("ec2", Scope.REGIONAL, VCPU, EIP);

    var result = collect(EC2, service);

    assertThat(result.limits())
        .containsExactly(
            aLimit(EIP, 5, LimitSource.DEFAULT),
            aLimit(VCPU, 1152, LimitSource.APPLIED).withDefault(32));
    assertThat(result.fromCache()).isFalse();
    assertThat(result.warnings()).isEmpty();
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(1);
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(1);
    assertThat(quotas.calls(GET_APPLIED) + quotas.calls(GET_DEFAULT)).isZero();
    assertThat(quotas.opened()).containsExactly(new InMemoryServiceQuotas.Opened(ID, EU));
    assertThat(guards.made()).containsExactly(new DirectCallGuards.Made(ID, "eu-west-1"));
    assertThat(guards.calls(InMemoryServiceQuotas.SERVICE, LIST_APPLIED)).isEqualTo(1);
    assertThat(guards.calls(InMemoryServiceQuotas.SERVICE, LIST_DEFAULTS)).isEqualTo(1);

    Path file = root.resolve("limits").resolve(ID).resolve("eu-west-1").resolve("ec2.json");
    assertThat(file).isEqualTo(cache.path(ID, EU, "ec2")).exists();
    LimitCache.Entry entry = cachedEntry(EC2);
    assertThat(entry.complete()).isTrue();
    // The whole service is cached (discovery and newly configured codes can use it), not only the
    // configured codes.
    assertThat(entry.quotas())
        .containsExactly(
            aLimit(EIP, 5, LimitSource.DEFAULT),
            aLimit(VCPU, 1152, LimitSource.APPLIED).withDefault(32),
            aLimit(OTHER, 10, LimitSource.DEFAULT));
    assertThat(cachedFetchedAt(EC2)).isEqualTo(T0);
  }

  @Test
  void secondCollectWithinTtlMakesNoCallAndAnswersFromCache() {
    ec2Quotas();
    ServiceConfig service = aService("ec2", Scope.REGIONAL, VCPU, EIP);
    var first = collect(EC2, service);
    // AWS changes, but the cache is still fresh: the old value stands.
    quotas.applied("ec2", anApiQuota(VCPU, 2000));
    clock.advance(TTL.minusMinutes(1));

    var second = collect(EC2, service);

    assertThat(second.fromCache()).isTrue();
    assertThat(second.limits()).isEqualTo(first.limits());
    assertThat(second.warnings()).isEmpty();
    assertThat(quotas.totalCalls()).isEqualTo(2);
    assertThat(quotas.opened()).hasSize(1);
    assertThat(guards.totalCalls()).isEqualTo(2);
    assertThat(cachedFetchedAt(EC2)).isEqualTo(T0);
  }

  @Test
  void aFreshCompleteEntryAnswersANewlyConfiguredCodeWithoutCalls() {
    ec2Quotas();
    collect(EC2, aService("ec2", Scope.REGIONAL, VCPU, EIP));

    var result = collect(EC2, aService("ec2", Scope.REGIONAL, VCPU, EIP, OTHER));

    assertThat(result.fromCache()).isTrue();
    assertThat(result.limits()).extracting(QuotaLimit::code).containsExactly(EIP, VCPU, OTHER);
    assertThat(quotas.totalCalls()).isEqualTo(2);
  }

  @Test
  void expiredCacheIsRefetchedAndRewritten() {
    ec2Quotas();
    ServiceConfig service = aService("ec2", Scope.REGIONAL, VCPU, EIP);
    collect(EC2, service);
    quotas.applied("ec2", anApiQuota(VCPU, 2000));
    clock.advance(TTL.plusMinutes(1));

    var result = collect(EC2, service);

    assertThat(result.fromCache()).isFalse();
    assertThat(result.limits())
        .containsExactly(
            aLimit(EIP, 5, LimitSource.DEFAULT),
            aLimit(VCPU, 2000, LimitSource.APPLIED).withDefault(32));
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(2);
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(2);
    assertThat(cachedFetchedAt(EC2)).isEqualTo(T0.plus(TTL.plusMinutes(1)));
    assertThat(cachedEntry(EC2).quotas())
        .contains(aLimit(VCPU, 2000, LimitSource.APPLIED).withDefault(32));
  }

  @Test
  void forceRefetchesAFreshCache() {
    ec2Quotas();
    ServiceConfig service = aService("ec2", Scope.REGIONAL, VCPU, EIP);
    collect(EC2, service);
    quotas.applied("ec2", anApiQuota(EIP, 50));
    clock.advance(Duration.ofMinutes(5));

    var result = collect(EC2, service, true);

    assertThat(result.fromCache()).isFalse();
    assertThat(result.limits())
        .containsExactly(
            aLimit(EIP, 50, LimitSource.APPLIED).withDefault(5),
            aLimit(VCPU, 1152, LimitSource.APPLIED).withDefault(32));
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(2);
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(2);
    assertThat(cachedFetchedAt(EC2)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(cachedEntry(EC2).quotas())
        .contains(aLimit(EIP, 50, LimitSource.APPLIED).withDefault(5));
  }

  @Test
  void aSingleConfiguredQuotaIsFetchedWithGetCalls() {
    ec2Quotas();

    var applied = collect(EC2, aService("ec2", Scope.REGIONAL, VCPU));

    // An applied value needs no default.
    assertThat(applied.limits()).containsExactly(aLimit(VCPU, 1152, LimitSource.APPLIED));
    assertThat(quotas.calls(GET_APPLIED)).isEqualTo(1);
    assertThat(quotas.calls(GET_DEFAULT)).isZero();
    assertThat(quotas.calls(LIST_APPLIED) + quotas.calls(LIST_DEFAULTS)).isZero();
    LimitCache.Entry entry = cachedEntry(EC2);
    assertThat(entry.complete()).isFalse();
    assertThat(entry.quotas()).containsExactly(aLimit(VCPU, 1152, LimitSource.APPLIED));
  }

  @Test
  void getOfAQuotaWithoutAppliedValueFallsBackToTheDefault() {
    ec2Quotas();
    var result = collect(EC2, aService("ec2", Scope.REGIONAL, EIP));

    // GetServiceQuota answers NoSuchResource (NOT_FOUND): the default is asked and used.
    assertThat(result.limits()).containsExactly(aLimit(EIP, 5, LimitSource.DEFAULT));
    assertThat(result.warnings()).isEmpty();
    assertThat(quotas.calls(GET_APPLIED)).isEqualTo(1);
    assertThat(quotas.calls(GET_DEFAULT)).isEqualTo(1);
    assertThat(guards.calls(InMemoryServiceQuotas.SERVICE, GET_APPLIED)).isEqualTo(1);
    assertThat(guards.calls(InMemoryServiceQuotas.SERVICE, GET_DEFAULT)).isEqualTo(1);
  }

  @Test
  void aPartialEntryFromGetCallsAnswersItsCodeButNotANewOne() {
    ec2Quotas();
    collect(EC2, aService("ec2", Scope.REGIONAL, VCPU));
    assertThat(quotas.totalCalls()).isEqualTo(1);

    var again = collect(EC2, aService("ec2", Scope.REGIONAL, VCPU));
    assertThat(again.fromCache()).isTrue();
    assertThat(quotas.totalCalls()).isEqualTo(1);

    // EIP is not in the partial entry: refetched, with the lists (two codes, total unknown).
    var widened = collect(EC2, aService("ec2", Scope.REGIONAL, VCPU, EIP));
    assertThat(widened.fromCache()).isFalse();
    assertThat(widened.limits()).extracting(QuotaLimit::code).containsExactly(EIP, VCPU);
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(1);
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(1);
    assertThat(cachedEntry(EC2).complete()).isTrue();
  }

  @Test
  void aDiscoveringServiceIsNotAnsweredByAPartialEntry() {
    quotas.defaults(
        "ec2",
        anApiQuota(VCPU, 32),
        new ApiQuota("L-34B43A08", "All Standard Spot Instance Requests", 64.0, "None", null, null),
        new ApiQuota("L-7212CCBC", "All P Spot Instance Requests", 0.0, "None", null, null));
    collect(EC2, aService("ec2", Scope.REGIONAL, VCPU));
    assertThat(quotas.calls(GET_APPLIED)).isEqualTo(1);

    var result = collect(EC2, aDiscoveringService("ec2", "Spot Instance", VCPU));

    assertThat(result.fromCache()).isFalse();
    assertThat(result.limits())
        .extracting(QuotaLimit::code)
        .containsExactly("L-1216C47A", "L-34B43A08", "L-7212CCBC");
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(1);
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(1);
  }

  @Test
  void theSizeOfAStaleCompleteEntrySteersALargeServiceToGetCalls() {
    // 250 quotas: each list is 3 pages, 6 calls; 5 configured codes cost 5 to 10 Gets.
    List<ApiQuota> all = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      all.add(anApiQuota(String.format("L-%08d", i), i));
    }
    quotas.defaults("sagemaker", all.toArray(ApiQuota[]::new));
    quotas.applied("sagemaker", anApiQuota("L-00000001", 100));
    ServiceConfig five =
        aService(
            "sagemaker",
            Scope.REGIONAL,
            "L-00000001",
            "L-00000002",
            "L-00000003",
            "L-00000004",
            "L-00000005");
    Target sagemaker = new Target(ACCOUNT, EU, "sagemaker");
    collect(sagemaker, five);
    // Nothing known yet: the lists.
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(1);
    assertThat(cachedEntry(sagemaker).quotas()).hasSize(250);
    clock.advance(TTL.plusHours(1));

    var result = collect(sagemaker, five);

    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(1);
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(1);
    assertThat(quotas.calls(GET_APPLIED)).isEqualTo(5);
    assertThat(quotas.calls(GET_DEFAULT)).isEqualTo(4);
    assertThat(result.limits())
        .containsExactly(
            aLimit("L-00000001", 100, LimitSource.APPLIED),
            aLimit("L-00000002", 2, LimitSource.DEFAULT),
            aLimit("L-00000003", 3, LimitSource.DEFAULT),
            aLimit("L-00000004", 4, LimitSource.DEFAULT),
            aLimit("L-00000005", 5, LimitSource.DEFAULT));
  }

  @Test
  void aConfiguredCodeAwsLacksIsAWarningNamingItAndNoLimit() {
    ec2Quotas();

    var result = collect(EC2, aService("ec2", Scope.REGIONAL, VCPU, "L-DEADBEEF"));

    assertThat(result.limits())
        .containsExactly(aLimit(VCPU, 1152, LimitSource.APPLIED).withDefault(32));
    assertThat(result.warnings())
        .containsExactly("L-DEADBEEF: AWS reports no such quota for ec2 here");
  }

  @Test
  void aConfiguredCodeAwsLacksFetchedWithGetIsAWarningToo() {
    ec2Quotas();

    var result = collect(EC2, aService("ec2", Scope.REGIONAL, "L-DEADBEEF"));

    assertThat(result.limits()).isEmpty();
    assertThat(result.warnings())
        .containsExactly("L-DEADBEEF: AWS reports no such quota for ec2 here");
    assertThat(quotas.calls(GET_APPLIED)).isEqualTo(1);
    assertThat(quotas.calls(GET_DEFAULT)).isEqualTo(1);
  }

  @Test
  void aQuotaWithAnErrorReasonIsLeftOutAndReportedNotReplacedByItsDefault() {
    ec2Quotas();
    quotas.applied(
        "ec2",
        withErrorReason(VCPU, "DEPENDENCY_ACCESS_DENIED_ERROR: no access to the usage data"),
        // Not configured: its problem is not this target's business.
        withErrorReason(OTHER, "DEPENDENCY_THROTTLING_ERROR: slow down"));

    var result = collect(EC2, aService("ec2", Scope.REGIONAL, VCPU, EIP));

    assertThat(result.limits()).containsExactly(aLimit(EIP, 5, LimitSource.DEFAULT));
    assertThat(result.warnings())
        .containsExactly(
            "L-1216C47A (Quota L-1216C47A): DEPENDENCY_ACCESS_DENIED_ERROR: no access to the usage"
                + " data");
    assertThat(cachedEntry(EC2).quotas()).extracting(QuotaLimit::code).containsExactly(EIP);
  }

  @Test
  void aQuotaWithAnErrorReasonFetchedWithGetIsLeftOutAndReported() {
    ec2Quotas();
    quotas.applied("ec2", withErrorReason(VCPU, "DEPENDENCY_ACCESS_DENIED_ERROR: denied"));

    var result = collect(EC2, aService("ec2", Scope.REGIONAL, VCPU));

    assertThat(result.limits()).isEmpty();
    assertThat(result.warnings())
        .containsExactly("L-1216C47A (Quota L-1216C47A): DEPENDENCY_ACCESS_DENIED_ERROR: denied");
  }

  @Test
  void aCorruptCacheFileIsRefetchedAndRewritten() throws Exception {
    ec2Quotas();
    Path file = cache.path(ID, EU, "ec2");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"schemaVersion\":1,\"fetchedAt\":");

    var result = collect(EC2, aService("ec2", Scope.REGIONAL, VCPU, EIP));

    assertThat(result.fromCache()).isFalse();
    assertThat(result.limits()).extracting(QuotaLimit::code).containsExactly(EIP, VCPU);
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(1);
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(1);
    assertThat(Files.readString(file)).contains("\"schemaVersion\" : 1").contains(VCPU);
    assertThat(cachedEntry(EC2).quotas()).hasSize(3);
  }

  @Test
  void cachedReturnsTheConfiguredLimitsOfAStaleEntryWithoutAnyCall() {
    ec2Quotas();
    ServiceConfig service = aService("ec2", Scope.REGIONAL, VCPU, EIP);
    var collected = collect(EC2, service);
    quotas.failing(FailureKind.ACCESS_DENIED);
    clock.advance(TTL.multipliedBy(3));
    assertThat(cache.read(ID, EU, "ec2")).isInstanceOf(Lookup.Stale.class);

    List<QuotaLimit> cached = collector(false).cached(EC2, service);

    assertThat(cached).isEqualTo(collected.limits());
    // OTHER is in the entry but not configured.
    assertThat(cached).extracting(QuotaLimit::code).doesNotContain(OTHER);
    assertThat(quotas.totalCalls()).isEqualTo(2);
    assertThat(quotas.opened()).hasSize(1);
    assertThat(guards.made()).hasSize(1);
  }

  @Test
  void cachedIsEmptyWithoutAReadableEntry() throws Exception {
    ServiceConfig service = aService("ec2", Scope.REGIONAL, VCPU);
    assertThat(collector(false).cached(EC2, service)).isEmpty();

    Path file = cache.path(ID, EU, "ec2");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "not json");
    assertThat(collector(false).cached(EC2, service)).isEmpty();
    assertThat(quotas.totalCalls()).isZero();
  }

  @Test
  void anApiFailurePropagatesAndLeavesTheStaleEntryAsItWas() throws Exception {
    ec2Quotas();
    ServiceConfig service = aService("ec2", Scope.REGIONAL, VCPU, EIP);
    collect(EC2, service);
    Path file = cache.path(ID, EU, "ec2");
    byte[] before = Files.readAllBytes(file);
    clock.advance(TTL.plusHours(1));
    quotas.failing(FailureKind.ACCESS_DENIED);

    assertThatThrownBy(() -> collector(false).collect(EC2, service))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.ACCESS_DENIED))
        .hasMessageContaining(LIST_APPLIED);

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(collector(false).cached(EC2, service))
        .extracting(QuotaLimit::code)
        .containsExactly(EIP, VCPU);
  }

  @Test
  void anApiFailureOnAColdTargetWritesNoCache() {
    quotas.failing(FailureKind.THROTTLED);

    assertThatThrownBy(
            () -> collector(false).collect(EC2, aService("ec2", Scope.REGIONAL, VCPU, EIP)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED));

    assertThat(cache.path(ID, EU, "ec2")).doesNotExist();
    assertThat(guards.calls(InMemoryServiceQuotas.SERVICE, LIST_APPLIED)).isEqualTo(1);
  }

  @Test
  void aGlobalServiceIsReadInUsEast1AndCachedUnderGlobal() {
    quotas.defaults("route53", anApiQuota("L-4EA4796A", 500));
    Target route53 = new Target(ACCOUNT, Region.GLOBAL, "route53");

    var result = collect(route53, aService("route53", Scope.GLOBAL, "L-4EA4796A"));

    assertThat(result.limits()).containsExactly(aLimit("L-4EA4796A", 500, LimitSource.DEFAULT));
    assertThat(quotas.opened())
        .containsExactly(new InMemoryServiceQuotas.Opened(ID, Region.US_EAST_1));
    assertThat(guards.made()).containsExactly(new DirectCallGuards.Made(ID, "us-east-1"));
    assertThat(root.resolve("limits").resolve(ID).resolve("global").resolve("route53.json"))
        .exists();
  }
}
