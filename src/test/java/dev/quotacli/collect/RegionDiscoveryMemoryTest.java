package dev.quotacli.collect;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.Account;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.collect.RegionDiscoverer.Discovery;
import dev.quotacli.collect.RegionProbe.ResourceKind;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.DirectCallGuards;
import dev.quotacli.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RegionDiscoverer} over an in-memory {@link RegionProbe} (below), a real region cache on a
 * temporary directory and the real {@link WorkRunner}.
 */
class RegionDiscoveryMemoryTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final Duration TTL = Duration.ofHours(24);
  private static final String ID = "111111111111";
  private static final Account ACCOUNT = anAccount(ID);
  private static final Region EU = new Region("eu-west-1");
  private static final Region US = new Region("us-east-1");
  private static final Region AP = new Region("ap-south-1");

  private static final List<ResourceKind> EC2_ONLY = List.of(ResourceKind.EC2_INSTANCES);

  /**
   * Regions and resources of each account, set by the test; records every call. Thread-safe (the
   * runner probes on a pool).
   */
  static final class MemoryRegionProbe implements RegionProbe {
    private final Map<String, List<Region>> enabled = new ConcurrentHashMap<>();
    private final Map<String, FailureKind> enabledFailures = new ConcurrentHashMap<>();
    private final Map<String, Set<ResourceKind>> held = new ConcurrentHashMap<>();
    private final Map<String, FailureKind> failures = new ConcurrentHashMap<>();
    final List<String> asked = new CopyOnWriteArrayList<>();

    private static String key(String accountId, Region region) {
      return accountId + "/" + region.name();
    }

    MemoryRegionProbe enable(String accountId, Region... regions) {
      enabled.put(accountId, List.of(regions));
      return this;
    }

    MemoryRegionProbe failEnabledRegions(String accountId, FailureKind kind) {
      enabledFailures.put(accountId, kind);
      return this;
    }

    MemoryRegionProbe hold(String accountId, Region region, ResourceKind... kinds) {
      held.computeIfAbsent(key(accountId, region), k -> EnumSet.noneOf(ResourceKind.class))
          .addAll(List.of(kinds));
      return this;
    }

    MemoryRegionProbe fail(String accountId, Region region, ResourceKind kind, FailureKind how) {
      failures.put(key(accountId, region) + "/" + kind, how);
      return this;
    }

    /** The kinds asked of one region, in order. */
    List<ResourceKind> askedOf(String accountId, Region region) {
      String prefix = key(accountId, region) + "/";
      return asked.stream()
          .filter(a -> a.startsWith(prefix))
          .map(a -> ResourceKind.valueOf(a.substring(prefix.length())))
          .toList();
    }

    @Override
    public List<Region> enabledRegions(Account account, CallGuard guard) {
      return guard.call(
          "ec2",
          "DescribeRegions",
          () -> {
            FailureKind how = enabledFailures.get(account.id().value());
            if (how != null) {
              throw new ApiException(how, false, false, "DescribeRegions: " + how.label());
            }
            return enabled.getOrDefault(account.id().value(), List.of());
          });
    }

    @Override
    public boolean holds(Account account, Region region, ResourceKind kind, CallGuard guard) {
      String key = key(account.id().value(), region);
      asked.add(key + "/" + kind);
      return guard.call(
          kind.service(),
          "Probe",
          () -> {
            FailureKind how = failures.get(key + "/" + kind);
            if (how != null) {
              throw new ApiException(how, false, false, kind.service() + ": " + how.label());
            }
            return held.getOrDefault(key, Set.of()).contains(kind);
          });
    }
  }

  @TempDir Path root;

  private MutableClock clock;
  private RegionCache cache;
  private MemoryRegionProbe probe;
  private DirectCallGuards guards;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    cache = new RegionCache(root, TTL, clock);
    probe = new MemoryRegionProbe();
    guards = new DirectCallGuards();
  }

  private RegionDiscoverer discoverer(List<ResourceKind> kinds) {
    return new RegionDiscoverer(
        probe, kinds, guards, cache, clock, new WorkRunner(4, Duration.ofMinutes(1)));
  }

  private Discovery discover(List<ResourceKind> kinds) {
    List<Discovery> found = discoverer(kinds).discover(List.of(ACCOUNT));
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private List<String> cached() {
    var lookup = cache.read(ID);
    assertThat(lookup).isInstanceOf(Lookup.Fresh.class);
    return ((Lookup.Fresh<RegionCache.Entry>) lookup).data().regions();
  }

  @Test
  void aRegionHoldingOnlyAConfiguredKindIsActive() {
    probe
        .enable(ID, AP, EU, US)
        .hold(ID, EU, ResourceKind.EBS_VOLUMES)
        .hold(ID, US, ResourceKind.LOAD_BALANCERS)
        .hold(ID, AP, ResourceKind.EKS_CLUSTERS);

    Discovery d = discover(ResourceKind.all());

    assertThat(d.ok()).isTrue();
    assertThat(d.active()).containsExactly(AP, EU, US);
    assertThat(d.skipped()).isEmpty();
    assertThat(cached()).containsExactly("ap-south-1", "eu-west-1", "us-east-1");
  }

  @Test
  void onlyTheConfiguredKindsAreProbed() {
    probe.enable(ID, EU, US).hold(ID, EU, ResourceKind.EBS_VOLUMES);

    Discovery d = discover(EC2_ONLY);

    assertThat(d.active()).isEmpty();
    assertThat(probe.askedOf(ID, EU)).containsExactly(ResourceKind.EC2_INSTANCES);
    assertThat(probe.askedOf(ID, US)).containsExactly(ResourceKind.EC2_INSTANCES);
    assertThat(guards.calls("ebs", "Probe")).isZero();
  }

  @Test
  void kindsAreProbedCheapestFirstAndTheFirstResourceEndsTheRegion() {
    probe
        .enable(ID, EU, US)
        .hold(ID, EU, ResourceKind.ELASTICACHE_CLUSTERS, ResourceKind.SAGEMAKER);

    Discovery d = discover(ResourceKind.all());

    assertThat(d.active()).containsExactly(EU);
    assertThat(probe.askedOf(ID, EU))
        .containsExactly(
            ResourceKind.EC2_INSTANCES,
            ResourceKind.EBS_VOLUMES,
            ResourceKind.LOAD_BALANCERS,
            ResourceKind.EKS_CLUSTERS,
            ResourceKind.ELASTICACHE_CLUSTERS);
    // A region with nothing is asked about every kind, and is not active.
    assertThat(probe.askedOf(ID, US)).containsExactlyElementsOf(ResourceKind.all());
  }

  @Test
  void aFailedKindDoesNotHideALaterKindThatHolds() {
    probe
        .enable(ID, EU)
        .fail(ID, EU, ResourceKind.EC2_INSTANCES, FailureKind.THROTTLED)
        .hold(ID, EU, ResourceKind.EBS_VOLUMES);

    Discovery d = discover(List.of(ResourceKind.EC2_INSTANCES, ResourceKind.EBS_VOLUMES));

    assertThat(d.active()).containsExactly(EU);
    assertThat(d.skipped()).isEmpty();
  }

  @Test
  void theKindsOfTheConfiguredServicesInProbeOrderWithEc2StandingInForServicesWithoutAProbe() {
    assertThat(ResourceKind.forServices(List.of("sagemaker", "ebs", "ec2")))
        .containsExactly(
            ResourceKind.EC2_INSTANCES, ResourceKind.EBS_VOLUMES, ResourceKind.SAGEMAKER);
    assertThat(ResourceKind.forServices(List.of("ebs"))).containsExactly(ResourceKind.EBS_VOLUMES);
    assertThat(ResourceKind.forServices(List.of("vpc", "elasticache")))
        .containsExactly(ResourceKind.EC2_INSTANCES, ResourceKind.ELASTICACHE_CLUSTERS);
    assertThat(ResourceKind.forServices(List.of())).containsExactly(ResourceKind.EC2_INSTANCES);
    assertThat(
            ResourceKind.forServices(
                List.of("ec2", "ebs", "elasticloadbalancing", "eks", "elasticache", "sagemaker")))
        .containsExactlyElementsOf(ResourceKind.all());
    assertThatThrownBy(() -> discoverer(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  // --- a failure that may pass does not make discovery forget

  private void cachedBefore(Instant at, Region... regions) throws Exception {
    cache.write(
        ID, new RegionCache.Entry(List.of(regions).stream().map(Region::name).toList()), at);
  }

  @Test
  void aDescribeRegionsFailureThatMayPassKeepsThePreviousListAndLeavesTheEntryAlone()
      throws Exception {
    cachedBefore(T0, EU, US);
    clock.advance(TTL.plusHours(1));
    for (FailureKind kind :
        List.of(
            FailureKind.THROTTLED,
            FailureKind.TIMEOUT,
            FailureKind.UNAVAILABLE,
            FailureKind.NOT_FOUND,
            FailureKind.OTHER)) {
      probe.failEnabledRegions(ID, kind);

      Discovery d = discoverer(EC2_ONLY).resolve(List.of(ACCOUNT), false).get(ID);

      assertThat(d.ok()).as(kind.label()).isFalse();
      assertThat(d.failureKind()).isEqualTo(kind);
      assertThat(d.failure()).isEqualTo(kind.label() + ": DescribeRegions: " + kind.label());
      assertThat(d.usedPrevious()).isTrue();
      assertThat(d.previousFetchedAt()).isEqualTo(T0);
      assertThat(d.active()).containsExactly(EU, US);
      assertThat(d.fromCache()).isFalse();
      // Not rewritten (neither emptied nor made fresh): the next pass asks again.
      var lookup = cache.read(ID);
      assertThat(lookup).isInstanceOf(Lookup.Stale.class);
      assertThat(((Lookup.Stale<RegionCache.Entry>) lookup).fetchedAt()).isEqualTo(T0);
      assertThat(((Lookup.Stale<RegionCache.Entry>) lookup).data().regions())
          .containsExactly("eu-west-1", "us-east-1");
    }
    assertThat(probe.asked).isEmpty();
  }

  @Test
  void aRefusedDescribeRegionsFailsTheAccountWithoutThePreviousList() throws Exception {
    cachedBefore(T0, EU, US);
    for (FailureKind kind :
        List.of(
            FailureKind.ACCESS_DENIED,
            FailureKind.INVALID_CREDENTIALS,
            FailureKind.NO_CREDENTIALS,
            FailureKind.REGION_DISABLED)) {
      probe.failEnabledRegions(ID, kind);

      Discovery d = discover(EC2_ONLY);

      assertThat(d.ok()).as(kind.label()).isFalse();
      assertThat(d.usedPrevious()).isFalse();
      assertThat(d.previousFetchedAt()).isNull();
      assertThat(d.active()).isEmpty();
      assertThat(cached()).as("left alone").containsExactly("eu-west-1", "us-east-1");
    }
  }

  @Test
  void withNoPreviousListAFailedDescribeRegionsFailsTheAccountAsBefore() {
    probe.failEnabledRegions(ID, FailureKind.THROTTLED);

    Discovery d = discover(EC2_ONLY);

    assertThat(d.ok()).isFalse();
    assertThat(d.usedPrevious()).isFalse();
    assertThat(d.active()).isEmpty();
    assertThat(cache.read(ID)).isInstanceOf(Lookup.Missing.class);
  }

  @Test
  void aRegionWhoseProbeFailsSoThatItMayPassKeepsItsPreviousState() throws Exception {
    cachedBefore(T0.minus(TTL.plusHours(3)), EU, US);
    probe
        .enable(ID, AP, EU, US)
        .fail(ID, EU, ResourceKind.EC2_INSTANCES, FailureKind.THROTTLED)
        .fail(ID, AP, ResourceKind.EC2_INSTANCES, FailureKind.UNAVAILABLE);

    Discovery d = discover(List.of(ResourceKind.EC2_INSTANCES, ResourceKind.EBS_VOLUMES));

    assertThat(d.ok()).isTrue();
    // eu-west-1 was active and stays so; ap-south-1 was not and is not; us-east-1 answered: empty.
    assertThat(d.active()).containsExactly(EU);
    assertThat(d.skipped())
        .containsExactly(
            "ap-south-1: unavailable: ec2: unavailable",
            "eu-west-1: throttled: ec2: throttled; " + RegionDiscoverer.KEPT);
    assertThat(cached()).containsExactly("eu-west-1");
    // The later kinds were still asked: one of them might have held.
    assertThat(probe.askedOf(ID, EU))
        .containsExactly(ResourceKind.EC2_INSTANCES, ResourceKind.EBS_VOLUMES);
  }

  @Test
  void aRegionWhoseProbeIsRefusedIsNotActiveEvenIfItWasBefore() throws Exception {
    cachedBefore(T0, EU, US);
    probe
        .enable(ID, EU, US)
        .fail(ID, EU, ResourceKind.EC2_INSTANCES, FailureKind.ACCESS_DENIED)
        .fail(ID, US, ResourceKind.EC2_INSTANCES, FailureKind.ACCESS_DENIED)
        .fail(ID, US, ResourceKind.EBS_VOLUMES, FailureKind.THROTTLED);

    Discovery d = discover(List.of(ResourceKind.EC2_INSTANCES, ResourceKind.EBS_VOLUMES));

    // eu-west-1: refused, and no volume: an answer. us-east-1: the volumes are unknown: kept.
    assertThat(d.active()).containsExactly(US);
    assertThat(d.skipped())
        .containsExactly(
            "eu-west-1: access_denied: ec2: access_denied",
            "us-east-1: access_denied: ec2: access_denied; throttled: ebs: throttled; "
                + RegionDiscoverer.KEPT);
    assertThat(cached()).containsExactly("us-east-1");
  }

  @Test
  void aRegionTheRunnerGaveUpOnKeepsItsPreviousState() throws Exception {
    cachedBefore(T0, EU);
    probe.enable(ID, EU);
    RegionProbe slow =
        new RegionProbe() {
          @Override
          public List<Region> enabledRegions(Account account, CallGuard guard) {
            return probe.enabledRegions(account, guard);
          }

          @Override
          public boolean holds(Account account, Region region, ResourceKind kind, CallGuard g) {
            throw new IllegalStateException("probe broke");
          }
        };

    Discovery d =
        new RegionDiscoverer(
                slow, EC2_ONLY, guards, cache, clock, new WorkRunner(2, Duration.ofMinutes(1)))
            .discover(List.of(ACCOUNT))
            .get(0);

    assertThat(d.active()).containsExactly(EU);
    assertThat(d.skipped())
        .containsExactly(
            "eu-west-1: other: IllegalStateException: probe broke; " + RegionDiscoverer.KEPT);
  }

  @Test
  void whatMayPassAndWhatIsAnAnswer() {
    for (FailureKind kind : FailureKind.values()) {
      boolean answer =
          Set.of(
                  FailureKind.ACCESS_DENIED,
                  FailureKind.INVALID_CREDENTIALS,
                  FailureKind.NO_CREDENTIALS,
                  FailureKind.REGION_DISABLED)
              .contains(kind);
      assertThat(RegionDiscoverer.transientFailure(kind)).as(kind.label()).isEqualTo(!answer);
    }
  }
}
