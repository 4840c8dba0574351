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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.cache.DefaultQuotaCache;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estate shares one AWS default list per region and service, fetched once and cached. */
class SharedDefaultsTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final Duration TTL = Duration.ofHours(24);
  private static final Region EU = new Region("eu-west-1");
  private static final String VCPU = "L-1216C47A";
  private static final String EIP = "L-0263D0A3";
  private static final String OTHER = "L-85EED4F7";

  @TempDir Path root;
  private MutableClock clock;
  private InMemoryServiceQuotas quotas;
  private DefaultQuotaCache defaultsCache;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    quotas = new InMemoryServiceQuotas();
    quotas
        .defaults("ec2", anApiQuota(VCPU, 32), anApiQuota(EIP, 5), anApiQuota(OTHER, 10))
        .applied("ec2", anApiQuota(VCPU, 1152));
    defaultsCache = new DefaultQuotaCache(root, TTL, clock);
  }

  private LimitCollector collector(SharedDefaults shared) {
    return new LimitCollector(
        new LimitCache(root, TTL, clock), quotas, new DirectCallGuards(), clock, false, shared);
  }

  private static List<Target> tenAccounts() {
    List<Target> out = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      out.add(new Target(anAccount("11111111110" + i, "eu-west-1"), EU, "ec2"));
    }
    return out;
  }

  @Test
  void aColdPassOfTenAccountsPagesTheDefaultListOnceAndEachAppliedListOnce() {
    ServiceConfig ec2 = aService("ec2", Scope.REGIONAL, VCPU, EIP);
    SharedDefaults shared = new SharedDefaults(defaultsCache, clock, false);

    for (Target t : tenAccounts()) {
      var r = (TargetResult.Collected) collector(shared).collect(t, ec2);
      assertThat(r.limits())
          .containsExactly(
              aLimit(EIP, 5, LimitSource.DEFAULT),
              aLimit(VCPU, 1152, LimitSource.APPLIED).withDefault(32));
    }

    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(1);
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(10);
    assertThat(defaultsCache.path(EU, "ec2")).exists();
  }

  @Test
  void theNextPassReadsTheDefaultsFromTheCacheAndForceFetchesThemOnceAgain() {
    ServiceConfig ec2 = aService("ec2", Scope.REGIONAL, VCPU, EIP);
    new SharedDefaults(defaultsCache, clock, false)
        .defaults(
            EU,
            "ec2",
            () ->
                quotas
                    .open(
                        anAccount("111111111100", "eu-west-1"),
                        EU,
                        new DirectCallGuards().forTarget("111111111100", "eu-west-1"))
                    .listDefaults("ec2"));
    int before = quotas.calls(LIST_DEFAULTS);

    SharedDefaults next = new SharedDefaults(defaultsCache, clock, false);
    assertThat(next.known(EU, "ec2")).isTrue();
    assertThat(next.knownSize(EU, "ec2")).isEqualTo(3);
    tenAccounts().forEach(t -> collector(next).collect(t, ec2));
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(before);

    SharedDefaults forced = new SharedDefaults(defaultsCache, clock, true);
    assertThat(forced.known(EU, "ec2")).isFalse();
    tenAccounts()
        .forEach(
            t ->
                new LimitCollector(
                        new LimitCache(root, TTL, clock),
                        quotas,
                        new DirectCallGuards(),
                        clock,
                        true,
                        forced)
                    .collect(t, ec2));
    assertThat(quotas.calls(LIST_DEFAULTS)).isEqualTo(before + 1);
  }

  @Test
  void withTheDefaultsSharedAFewQuotasOfALargeServiceAreReadByGetAndNoDefaultCall() {
    // A known catalogue of 1,700 quotas: 17 applied pages by List, 2 Gets for two configured codes.
    List<ApiQuota> big = new ArrayList<>();
    big.add(anApiQuota(VCPU, 32));
    for (int i = 0; i < 1699; i++) {
      big.add(anApiQuota(String.format("L-%08X", i), 1));
    }
    quotas.defaults("ec2", big.toArray(ApiQuota[]::new));
    SharedDefaults shared = new SharedDefaults(defaultsCache, clock, false);
    shared.defaults(EU, "ec2", () -> big);

    var r =
        (TargetResult.Collected)
            collector(shared)
                .collect(tenAccounts().get(0), aService("ec2", Scope.REGIONAL, VCPU, "L-00000001"));

    // 2 Get calls (fewer than 17 applied pages); the unapplied one's default from the shared list.
    assertThat(r.limits())
        .containsExactly(
            aLimit("L-00000001", 1, LimitSource.DEFAULT),
            aLimit(VCPU, 1152, LimitSource.APPLIED).withDefault(32));
    assertThat(quotas.calls(GET_APPLIED)).isEqualTo(2);
    assertThat(quotas.calls(GET_DEFAULT)).isZero();
    assertThat(quotas.calls(LIST_APPLIED) + quotas.calls(LIST_DEFAULTS)).isZero();
  }

  @Test
  void concurrentTargetsWaitForOneFetchAndAFailedFetchLetsTheNextCallerTry() throws Exception {
    SharedDefaults shared = new SharedDefaults(defaultsCache, clock, false);
    AtomicInteger fetches = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<ApiQuota>>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(
            pool.submit(
                () ->
                    shared.defaults(
                        EU,
                        "ec2",
                        () -> {
                          fetches.incrementAndGet();
                          sleep(200);
                          return List.of(anApiQuota(VCPU, 32));
                        })));
      }
      for (var f : futures) {
        assertThat(f.get(10, TimeUnit.SECONDS)).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches).hasValue(1);

    SharedDefaults other = new SharedDefaults(defaultsCache, clock, true);
    assertThatThrownBy(
            () ->
                other.defaults(
                    EU,
                    "ebs",
                    () -> {
                      throw new ApiException(FailureKind.ACCESS_DENIED, false, false, "denied");
                    }))
        .isInstanceOf(ApiException.class);
    assertThat(other.defaults(EU, "ebs", () -> List.of(anApiQuota(EIP, 5)))).hasSize(1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anAccountsEntryKeepsOnlyItsOwnLimitsAndTheNextPassAnswersTheSameFromTheSharedList()
      throws Exception {
    ServiceConfig ec2 = aDiscoveringService("ec2", "Quota L-", VCPU);
    LimitCache limits = new LimitCache(root, TTL, clock);
    Target target = tenAccounts().get(0);
    var cold =
        new LimitCollector(
                limits,
                quotas,
                new DirectCallGuards(),
                clock,
                false,
                new SharedDefaults(defaultsCache, clock, false))
            .collect(target, ec2);

    var entry = ((Lookup.Fresh<LimitCache.Entry>) limits.read(target.accountId(), EU, "ec2"));
    assertThat(entry.data().compact()).isTrue();
    assertThat(entry.data().quotas())
        .as("only the raised quota: the two at the default are the region's shared list")
        .extracting(QuotaLimit::code, QuotaLimit::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(VCPU, 1152.0));
    int calls = quotas.totalCalls();

    var warm =
        new LimitCollector(
                limits,
                quotas,
                new DirectCallGuards(),
                clock,
                false,
                new SharedDefaults(defaultsCache, clock, false))
            .collect(target, ec2);

    assertThat(quotas.totalCalls()).isEqualTo(calls);
    assertThat(((TargetResult.Collected) warm).fromCache()).isTrue();
    assertThat(((TargetResult.Collected) warm).limits())
        .isEqualTo(((TargetResult.Collected) cold).limits())
        .extracting(QuotaLimit::code, QuotaLimit::value, QuotaLimit::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EIP, 5.0, LimitSource.DEFAULT),
            org.assertj.core.groups.Tuple.tuple(VCPU, 1152.0, LimitSource.APPLIED),
            org.assertj.core.groups.Tuple.tuple(OTHER, 10.0, LimitSource.DEFAULT));
  }

  @Test
  void aCompactEntryWhoseSharedListIsGoneIsFetchedAgain() throws Exception {
    ServiceConfig ec2 = aService("ec2", Scope.REGIONAL, VCPU, EIP);
    LimitCache limits = new LimitCache(root, TTL, clock);
    Target target = tenAccounts().get(0);
    collector(new SharedDefaults(defaultsCache, clock, false)).collect(target, ec2);
    java.nio.file.Files.delete(defaultsCache.path(EU, "ec2"));
    int applied = quotas.calls(LIST_APPLIED);

    var again = collector(new SharedDefaults(defaultsCache, clock, false)).collect(target, ec2);

    assertThat(((TargetResult.Collected) again).fromCache()).isFalse();
    assertThat(quotas.calls(LIST_APPLIED)).isEqualTo(applied + 1);
    assertThat(((TargetResult.Collected) again).limits())
        .extracting(QuotaLimit::code, QuotaLimit::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EIP, 5.0),
            org.assertj.core.groups.Tuple.tuple(VCPU, 1152.0));
    assertThat(
            collector(new SharedDefaults(defaultsCache, clock, false)).cached(target, ec2).stream()
                .map(QuotaLimit::value))
        .containsExactly(5.0, 1152.0);
  }

  @Test
  void aGovCloudAccountsGlobalServiceDoesNotShareTheCommercialDefaultList() {
    quotas.defaults("route53", anApiQuota("L-ZONES", 500));
    // Discovery rules: the whole list is read (List calls), so the default list is asked.
    ServiceConfig route53 =
        new ServiceConfig(
            "route53",
            Scope.GLOBAL,
            List.of(new dev.quotacli.config.QuotaConfig("L-ZONES", null)),
            List.of(java.util.regex.Pattern.compile("Quota")));
    SharedDefaults shared = new SharedDefaults(defaultsCache, clock, false);
    Target commercial =
        new Target(anAccount("111111111100", "us-east-1"), Region.GLOBAL, "route53");
    Target gov = new Target(anAccount("222222222200", "us-gov-west-1"), Region.GLOBAL, "route53");

    collector(shared).collect(commercial, route53);
    collector(shared).collect(gov, route53);

    assertThat(quotas.calls(LIST_DEFAULTS)).as("one list per partition").isEqualTo(2);
    assertThat(defaultsCache.path(new Region("us-gov-west-1"), "route53")).exists();
    assertThat(defaultsCache.path(Region.US_EAST_1, "route53")).exists();
  }
}
