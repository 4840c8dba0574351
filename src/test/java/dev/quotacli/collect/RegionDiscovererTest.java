package dev.quotacli.collect;

import static dev.quotacli.testing.Fixtures.anAccount;
import static dev.quotacli.testing.InMemoryRegionProbe.DESCRIBE_INSTANCES;
import static dev.quotacli.testing.InMemoryRegionProbe.DESCRIBE_REGIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.DirectCallGuards;
import dev.quotacli.testing.InMemoryRegionProbe;
import dev.quotacli.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionDiscovererTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final Duration TTL = Duration.ofDays(7);
  private static final String A = "111111111111";
  private static final String B = "222222222222";
  private static final Account ACCOUNT_A = anAccount(A);
  private static final Account ACCOUNT_B = anAccount(B);

  @TempDir Path root;
  private MutableClock clock;
  private RegionCache cache;
  private DirectCallGuards guards;
  private InMemoryRegionProbe probe;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    cache = new RegionCache(root, TTL, clock);
    guards = new DirectCallGuards();
    probe =
        new InMemoryRegionProbe()
            .enabled(A, "us-east-1", "eu-west-1", "ap-south-1", "eu-central-1")
            .instancesIn(A, "us-east-1", "eu-west-1", "eu-central-1")
            .enabled(B, "us-east-1", "us-west-2")
            .instancesIn(B, "us-west-2");
  }

  @AfterEach
  void restoreDiagnostics() {
    Diagnostics.install(
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), Diagnostics.Level.NORMAL);
  }

  private RegionDiscoverer discoverer(InMemoryRegionProbe p, DirectCallGuards g) {
    return new RegionDiscoverer(
        p,
        List.of(RegionProbe.ResourceKind.EC2_INSTANCES),
        g,
        cache,
        clock,
        new WorkRunner(4, Duration.ofSeconds(30)));
  }

  private RegionDiscoverer discoverer() {
    return discoverer(probe, guards);
  }

  private static List<Region> regions(String... names) {
    return java.util.Arrays.stream(names).map(Region::new).toList();
  }

  @Test
  void activeRegionsAreThoseWithInstancesSortedAndCached() {
    var found = discoverer().discover(List.of(ACCOUNT_B, ACCOUNT_A));

    assertThat(found)
        .containsExactly(
            new RegionDiscoverer.Discovery(
                ACCOUNT_B, regions("us-west-2"), List.of(), null, false, null),
            new RegionDiscoverer.Discovery(
                ACCOUNT_A,
                regions("eu-central-1", "eu-west-1", "us-east-1"),
                List.of(),
                null,
                false,
                null));
    assertThat(found).allMatch(RegionDiscoverer.Discovery::ok);
    assertThat(cache.read(A))
        .isEqualTo(
            new Lookup.Fresh<>(
                new RegionCache.Entry(List.of("eu-central-1", "eu-west-1", "us-east-1")), T0));
    assertThat(cache.read(B))
        .isEqualTo(new Lookup.Fresh<>(new RegionCache.Entry(List.of("us-west-2")), T0));
    // One DescribeRegions per account, in us-east-1; one probe per enabled region, in that region.
    assertThat(probe.calls(DESCRIBE_REGIONS)).isEqualTo(2);
    assertThat(probe.calls(DESCRIBE_INSTANCES)).isEqualTo(6);
    assertThat(guards.calls("ec2", DESCRIBE_REGIONS)).isEqualTo(2);
    assertThat(guards.calls("ec2", DESCRIBE_INSTANCES)).isEqualTo(6);
    assertThat(guards.made())
        .contains(
            new DirectCallGuards.Made(A, "us-east-1"),
            new DirectCallGuards.Made(B, "us-east-1"),
            new DirectCallGuards.Made(A, "ap-south-1"),
            new DirectCallGuards.Made(B, "us-west-2"))
        .hasSize(8);
  }

  @Test
  void anAccountWithoutInstancesHasNoActiveRegionAndIsCachedSo() {
    probe.instancesIn(B);

    var found = discoverer().discover(List.of(ACCOUNT_B));

    assertThat(found)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.ok()).isTrue();
              assertThat(d.active()).isEmpty();
            });
    assertThat(cache.read(B)).isEqualTo(new Lookup.Fresh<>(new RegionCache.Entry(List.of()), T0));
  }

  @Test
  void aFailingEnabledRegionsCallFailsThatAccountOnlyAndCachesNothingForIt() {
    probe.failEnabledRegions(A, FailureKind.ACCESS_DENIED);

    var found = discoverer().discover(List.of(ACCOUNT_A, ACCOUNT_B));

    assertThat(found.get(0))
        .isEqualTo(
            new RegionDiscoverer.Discovery(
                ACCOUNT_A,
                List.of(),
                List.of(),
                "access_denied: DescribeRegions: access_denied",
                false,
                FailureKind.ACCESS_DENIED));
    assertThat(found.get(0).ok()).isFalse();
    assertThat(found.get(1).ok()).isTrue();
    assertThat(found.get(1).active()).isEqualTo(regions("us-west-2"));
    assertThat(cache.read(A)).isInstanceOf(Lookup.Missing.class);
    assertThat(Files.exists(cache.path(A))).isFalse();
    assertThat(cache.read(B)).isInstanceOf(Lookup.Fresh.class);
    assertThat(probe.calls())
        .as("no region of the failed account is probed")
        .noneMatch(c -> c.accountId().equals(A) && c.operation().equals(DESCRIBE_INSTANCES));
  }

  @Test
  void aFailedEnabledRegionsCallKeepsAnOlderCacheEntry() throws Exception {
    cache.write(A, new RegionCache.Entry(List.of("eu-west-1")), T0.minus(Duration.ofDays(30)));
    probe.failEnabledRegions(A, FailureKind.INVALID_CREDENTIALS);

    var found = discoverer().discover(List.of(ACCOUNT_A));

    assertThat(found.get(0).failureKind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(cache.read(A))
        .as("the old entry is not overwritten by a failure")
        .isEqualTo(
            new Lookup.Stale<>(
                new RegionCache.Entry(List.of("eu-west-1")), T0.minus(Duration.ofDays(30))));
  }

  @Test
  void aRegionWhoseProbeFailsIsSkippedAndTheOthersAreActive() {
    probe.failProbe(A, "eu-west-1", FailureKind.REGION_DISABLED);
    probe.failProbe(A, "ap-south-1", FailureKind.UNAVAILABLE);

    var found = discoverer().discover(List.of(ACCOUNT_A, ACCOUNT_B));

    var a = found.get(0);
    assertThat(a.ok()).isTrue();
    assertThat(a.failure()).isNull();
    assertThat(a.active()).isEqualTo(regions("eu-central-1", "us-east-1"));
    assertThat(a.skipped())
        .containsExactlyInAnyOrder(
            "eu-west-1: region_disabled: DescribeInstances: region_disabled",
            "ap-south-1: unavailable: DescribeInstances: unavailable");
    assertThat(found.get(1).skipped()).isEmpty();
    assertThat(cache.read(A))
        .isEqualTo(
            new Lookup.Fresh<>(new RegionCache.Entry(List.of("eu-central-1", "us-east-1")), T0));
  }

  @Test
  void resolveAnswersFromAFreshCacheWithoutAnyCall() {
    discoverer().discover(List.of(ACCOUNT_A, ACCOUNT_B));
    clock.advance(TTL.minusMinutes(1));
    var otherProbe = new InMemoryRegionProbe().enabled(A, "sa-east-1").instancesIn(A, "sa-east-1");
    var otherGuards = new DirectCallGuards();

    var resolved =
        discoverer(otherProbe, otherGuards).resolve(List.of(ACCOUNT_A, ACCOUNT_B), false);

    assertThat(resolved).containsOnlyKeys(A, B);
    assertThat(resolved.get(A))
        .isEqualTo(
            new RegionDiscoverer.Discovery(
                ACCOUNT_A,
                regions("eu-central-1", "eu-west-1", "us-east-1"),
                List.of(),
                null,
                true,
                null));
    assertThat(resolved.get(B).fromCache()).isTrue();
    assertThat(resolved.get(B).active()).isEqualTo(regions("us-west-2"));
    assertThat(otherProbe.calls()).isEmpty();
    assertThat(otherGuards.totalCalls()).isZero();
    assertThat(otherGuards.made()).isEmpty();
  }

  @Test
  void resolveRediscoversStaleMissingAndForcedEntries() {
    discoverer().discover(List.of(ACCOUNT_A));
    clock.advance(TTL);
    var later = new InMemoryRegionProbe().enabled(A, "sa-east-1").instancesIn(A, "sa-east-1");

    var stale = discoverer(later, new DirectCallGuards()).resolve(List.of(ACCOUNT_A), false);

    assertThat(stale.get(A).fromCache()).isFalse();
    assertThat(stale.get(A).active()).isEqualTo(regions("sa-east-1"));
    assertThat(cache.read(A))
        .isEqualTo(new Lookup.Fresh<>(new RegionCache.Entry(List.of("sa-east-1")), T0.plus(TTL)));

    // Now fresh, but forced.
    var forcedProbe =
        new InMemoryRegionProbe().enabled(A, "ca-central-1").instancesIn(A, "ca-central-1");
    var forced = discoverer(forcedProbe, new DirectCallGuards()).resolve(List.of(ACCOUNT_A), true);

    assertThat(forced.get(A).fromCache()).isFalse();
    assertThat(forced.get(A).active()).isEqualTo(regions("ca-central-1"));
    assertThat(forcedProbe.calls(DESCRIBE_REGIONS)).isEqualTo(1);
  }

  @Test
  void resolveProbesOnlyTheAccountsWithoutAFreshEntry() {
    discoverer().discover(List.of(ACCOUNT_A));
    var fresh = new InMemoryRegionProbe().enabled(B, "us-west-2").instancesIn(B, "us-west-2");

    var resolved =
        discoverer(fresh, new DirectCallGuards()).resolve(List.of(ACCOUNT_A, ACCOUNT_B), false);

    assertThat(resolved.get(A).fromCache()).isTrue();
    assertThat(resolved.get(B).fromCache()).isFalse();
    assertThat(resolved.get(B).active()).isEqualTo(regions("us-west-2"));
    assertThat(fresh.calls()).allMatch(c -> c.accountId().equals(B)).hasSize(2);
  }

  @Test
  void aCorruptCacheFileIsRediscoveredWithAWarning() throws Exception {
    StringWriter err = new StringWriter();
    Diagnostics.install(new PrintWriter(err), Diagnostics.Level.NORMAL);
    Files.createDirectories(cache.path(A).getParent());
    Files.writeString(cache.path(A), "{ not json");

    var resolved = discoverer().resolve(List.of(ACCOUNT_A), false);

    assertThat(resolved.get(A).fromCache()).isFalse();
    assertThat(resolved.get(A).ok()).isTrue();
    assertThat(resolved.get(A).active())
        .isEqualTo(regions("eu-central-1", "eu-west-1", "us-east-1"));
    assertThat(probe.calls(DESCRIBE_REGIONS)).isEqualTo(1);
    assertThat(cache.read(A))
        .as("rewritten")
        .isEqualTo(
            new Lookup.Fresh<>(
                new RegionCache.Entry(List.of("eu-central-1", "eu-west-1", "us-east-1")), T0));
    assertThat(err.toString())
        .startsWith(
            "quota-cli: warning: corrupt region cache, rediscovering: " + cache.path(A) + ": ");
  }

  @Test
  void aCacheEntryWithAnUnknownSchemaIsRediscoveredToo() throws Exception {
    Files.createDirectories(cache.path(A).getParent());
    Files.writeString(
        cache.path(A),
        "{\"schemaVersion\": 99, \"fetchedAt\": \"" + T0 + "\", \"data\": {\"regions\": []}}");
    Diagnostics.install(new PrintWriter(new StringWriter()), Diagnostics.Level.NORMAL);

    var resolved = discoverer().resolve(List.of(ACCOUNT_A), false);

    assertThat(resolved.get(A).fromCache()).isFalse();
    assertThat(resolved.get(A).active()).hasSize(3);
  }
}
