package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.collect.RegionProbe.ResourceKind;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds each account's active regions: the enabled regions (DescribeRegions), each probed for a
 * resource of the configured kinds (cheapest kind first, stopping at the first resource), on one
 * bounded pool of account × region probes. Writes the region cache for accounts whose discovery
 * succeeded. Thread-safe per call.
 *
 * <p>Discovery does not forget on a failure that may pass ({@link #transientFailure}: throttled,
 * timeout, unavailable, not found, other): if DescribeRegions fails so, the account's previous list
 * (the cache entry, fresh or stale) stands in and the entry is left as it is, so the next pass asks
 * again; if a region's probes fail so and no kind is found, the region keeps its state in the
 * previous list. A refusal (access denied, invalid or no credentials) or a disabled region is an
 * answer that retrying will not change: the account fails (no previous list) or the region is not
 * active, as without a previous list; both are reported.
 */
public final class RegionDiscoverer {
  private static final Logger LOG = LoggerFactory.getLogger(RegionDiscoverer.class);

  /**
   * One account's discovery.
   *
   * @param account the account
   * @param active regions holding a resource of a probed kind, sorted; when the discovery failed,
   *     the previous list if it stands in, else empty
   * @param skipped one line per region that did not answer (opt-in, disabled, unreachable), saying
   *     when the region was kept active from the previous list
   * @param failure why the account could not be discovered at all, or null
   * @param fromCache answered from a fresh region cache entry
   * @param failureKind the kind of the failure, or null
   * @param previousFetchedAt when the discovery failed and the previous list stands in: when that
   *     list was discovered; else null
   */
  public record Discovery(
      Account account,
      List<Region> active,
      List<String> skipped,
      String failure,
      boolean fromCache,
      FailureKind failureKind,
      Instant previousFetchedAt) {
    public Discovery {
      active = active.stream().sorted().toList();
      skipped = List.copyOf(skipped);
      if (previousFetchedAt != null && failure == null) {
        throw new IllegalArgumentException("a previous list stands in only for a failure");
      }
    }

    /** A discovery with no previous list standing in. */
    public Discovery(
        Account account,
        List<Region> active,
        List<String> skipped,
        String failure,
        boolean fromCache,
        FailureKind failureKind) {
      this(account, active, skipped, failure, fromCache, failureKind, null);
    }

    /** A discovery whose failure, if any, is of no particular kind. */
    public Discovery(
        Account account,
        List<Region> active,
        List<String> skipped,
        String failure,
        boolean fromCache) {
      this(
          account, active, skipped, failure, fromCache, failure == null ? null : FailureKind.OTHER);
    }

    public boolean ok() {
      return failure == null;
    }

    /** Whether the discovery failed and {@link #active} is the account's previous list. */
    public boolean usedPrevious() {
      return previousFetchedAt != null;
    }
  }

  /** Appended to the line of a region kept active from the previous list. */
  public static final String KEPT = "kept active from the previous discovery";

  /**
   * The account's last discovered list, fresh or stale.
   *
   * @param regions the active regions
   * @param fetchedAt when they were discovered
   */
  private record Previous(Set<Region> regions, Instant fetchedAt) {}

  /**
   * What probing one region found.
   *
   * @param active a kind holds
   * @param failures one line per kind that failed ({@code kind: message}), when none held
   * @param uncertain one of the failures may pass: the region's state is unknown
   */
  private record Probed(boolean active, List<String> failures, boolean uncertain) {}

  private final RegionProbe probe;
  private final List<ResourceKind> kinds;
  private final CallGuards guards;
  private final RegionCache cache;
  private final Clock clock;
  private final WorkRunner runner;

  /**
   * @param kinds what a region must hold to be active, in probe order (see {@link
   *     ResourceKind#forServices})
   */
  public RegionDiscoverer(
      RegionProbe probe,
      List<ResourceKind> kinds,
      CallGuards guards,
      RegionCache cache,
      Clock clock,
      WorkRunner runner) {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("no resource kind to probe for");
    }
    this.probe = probe;
    this.kinds = List.copyOf(kinds);
    this.guards = guards;
    this.cache = cache;
    this.clock = clock;
    this.runner = runner;
  }

  /**
   * Regions for each account: from a fresh cache entry, else discovered now (and cached).
   *
   * @param force discover even where the cache is fresh
   */
  public Map<String, Discovery> resolve(List<Account> accounts, boolean force) {
    Map<String, Discovery> out = new LinkedHashMap<>();
    List<Account> toDiscover = new ArrayList<>();
    for (Account account : accounts) {
      var lookup = cache.read(account.id().value());
      if (!force && lookup instanceof Lookup.Fresh<RegionCache.Entry> fresh) {
        out.put(
            account.id().value(),
            new Discovery(account, fresh.data().asRegions(), List.of(), null, true, null));
      } else {
        if (lookup instanceof Lookup.Corrupt<RegionCache.Entry> c) {
          LOG.warn("corrupt region cache, rediscovering: {}", c.reason());
        }
        toDiscover.add(account);
      }
    }
    for (Discovery d : discover(toDiscover)) {
      out.put(d.account().id().value(), d);
    }
    return out;
  }

  /**
   * Discovers now, for every account, and caches the successful ones; where a failure may pass, the
   * previous list stands in (see the class comment).
   */
  public List<Discovery> discover(List<Account> accounts) {
    Instant fetchedAt = clock.instant();
    Map<String, Previous> previous = new LinkedHashMap<>();
    for (Account account : accounts) {
      previous(account.id().value()).ifPresent(p -> previous.put(account.id().value(), p));
    }
    // Stage 1: enabled regions, one call per account (in us-east-1).
    List<AccountItem> accountItems = accounts.stream().map(AccountItem::new).toList();
    Map<String, List<Region>> enabled = new LinkedHashMap<>();
    Map<String, Settled.Failed<AccountItem, List<Region>>> failures = new LinkedHashMap<>();
    for (Settled<AccountItem, List<Region>> r :
        runner.run(
            accountItems,
            a ->
                probe.enabledRegions(
                    a.account(), guards.forTarget(a.accountId(), Region.US_EAST_1.name())))) {
      if (r instanceof Settled.Failed<AccountItem, List<Region>> f) {
        failures.put(f.item().accountId(), f);
      } else if (r instanceof Settled.Done<AccountItem, List<Region>> d) {
        enabled.put(d.item().accountId(), d.value());
      }
    }
    // Stage 2: one probe per account and enabled region, kind after kind until one holds.
    List<AccountRegion> probes = new ArrayList<>();
    for (Account account : accounts) {
      for (Region region : enabled.getOrDefault(account.id().value(), List.of())) {
        probes.add(new AccountRegion(account, region));
      }
    }
    Map<String, List<Region>> active = new LinkedHashMap<>();
    Map<String, List<String>> skipped = new LinkedHashMap<>();
    for (Settled<AccountRegion, Probed> r :
        runner.run(
            probes,
            p ->
                probeRegion(
                    p.account(), p.region(), guards.forTarget(p.accountId(), p.region().name())))) {
      String id = r.item().accountId();
      Region region = r.item().region();
      Previous before = previous.get(id);
      boolean wasActive = before != null && before.regions().contains(region);
      String failure;
      boolean uncertain;
      if (r instanceof Settled.Failed<AccountRegion, Probed> f) {
        // The pass ran out of time, or the probe broke: nothing was learnt about the region.
        failure = f.kind().label() + ": " + f.message();
        uncertain = transientFailure(f.kind());
      } else {
        Probed probed = ((Settled.Done<AccountRegion, Probed>) r).value();
        if (probed.active()) {
          active.computeIfAbsent(id, k -> new ArrayList<>()).add(region);
          continue;
        }
        if (probed.failures().isEmpty()) {
          continue;
        }
        failure = String.join("; ", probed.failures());
        uncertain = probed.uncertain();
      }
      boolean kept = uncertain && wasActive;
      if (kept) {
        active.computeIfAbsent(id, k -> new ArrayList<>()).add(region);
      }
      skipped
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(region + ": " + failure + (kept ? "; " + KEPT : ""));
    }
    List<Discovery> out = new ArrayList<>();
    for (Account account : accounts) {
      String id = account.id().value();
      var failed = failures.get(id);
      if (failed != null) {
        String failure = failed.kind().label() + ": " + failed.message();
        Previous before = previous.get(id);
        if (before != null && transientFailure(failed.kind())) {
          LOG.debug("{}: DescribeRegions failed, the list of {} stands in", id, before.fetchedAt());
          out.add(
              new Discovery(
                  account,
                  List.copyOf(before.regions()),
                  List.of(),
                  failure,
                  false,
                  failed.kind(),
                  before.fetchedAt()));
        } else {
          out.add(new Discovery(account, List.of(), List.of(), failure, false, failed.kind()));
        }
        continue;
      }
      List<Region> regions = new ArrayList<>(active.getOrDefault(id, List.of()));
      out.add(
          new Discovery(account, regions, skipped.getOrDefault(id, List.of()), null, false, null));
      try {
        cache.write(
            id, new RegionCache.Entry(regions.stream().map(Region::name).toList()), fetchedAt);
      } catch (IOException e) {
        LOG.warn("cannot write region cache {}: {}", cache.path(id), e.getMessage());
      }
    }
    return out;
  }

  /**
   * Whether a failure may pass by itself, so that the previous answer still stands: throttling, a
   * timeout, a service unavailable or unreachable, anything unclassified. A refusal of the
   * credentials or of the call (an IAM policy, an SCP denying a region) and a disabled region are
   * answers: they stay until someone changes them, and reusing an old list would hide that.
   */
  public static boolean transientFailure(FailureKind kind) {
    return switch (kind) {
      case THROTTLED, TIMEOUT, UNAVAILABLE, NOT_FOUND, OTHER, BUDGET -> true;
      case ACCESS_DENIED, INVALID_CREDENTIALS, NO_CREDENTIALS, REGION_DISABLED -> false;
    };
  }

  private Optional<Previous> previous(String accountId) {
    var lookup = cache.read(accountId);
    if (lookup instanceof Lookup.Fresh<RegionCache.Entry> f) {
      return Optional.of(new Previous(Set.copyOf(f.data().asRegions()), f.fetchedAt()));
    }
    if (lookup instanceof Lookup.Stale<RegionCache.Entry> s) {
      return Optional.of(new Previous(Set.copyOf(s.data().asRegions()), s.fetchedAt()));
    }
    return Optional.empty();
  }

  /**
   * Kind after kind, cheapest first, until one holds; a failed kind does not stop the others (a
   * later kind may still hold). An interrupted thread (the pass deadline) ends the probe.
   */
  private Probed probeRegion(Account account, Region region, CallGuard guard) {
    List<String> failed = new ArrayList<>();
    boolean uncertain = false;
    for (ResourceKind kind : kinds) {
      try {
        if (probe.holds(account, region, kind, guard)) {
          return new Probed(true, List.of(), false);
        }
      } catch (ApiException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e;
        }
        failed.add(e.kind().label() + ": " + e.getMessage());
        uncertain |= transientFailure(e.kind());
      }
    }
    return new Probed(false, failed, uncertain);
  }
}
