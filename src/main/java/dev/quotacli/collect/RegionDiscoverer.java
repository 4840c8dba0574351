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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds each account's active regions: the enabled regions (DescribeRegions), each probed for a
 * resource of the configured kinds (cheapest kind first, stopping at the first resource), on one
 * bounded pool of account × region probes. Writes the region cache for accounts whose discovery
 * succeeded. Thread-safe per call.
 */
public final class RegionDiscoverer {
  private static final Logger LOG = LoggerFactory.getLogger(RegionDiscoverer.class);

  /**
   * One account's discovery.
   *
   * @param account the account
   * @param active regions holding a resource of a probed kind, sorted; empty when the discovery
   *     failed
   * @param skipped one line per region that did not answer (opt-in, disabled, unreachable)
   * @param failure why the account could not be discovered at all, or null
   * @param fromCache answered from a fresh region cache entry
   * @param failureKind the kind of the failure, or null
   */
  public record Discovery(
      Account account,
      List<Region> active,
      List<String> skipped,
      String failure,
      boolean fromCache,
      FailureKind failureKind) {
    public Discovery {
      active = active.stream().sorted().toList();
      skipped = List.copyOf(skipped);
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
  }

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

  /** Discovers now, for every account, and caches the successful ones. */
  public List<Discovery> discover(List<Account> accounts) {
    Instant fetchedAt = clock.instant();
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
    for (Settled<AccountRegion, Boolean> r :
        runner.run(
            probes,
            p ->
                active(
                    p.account(), p.region(), guards.forTarget(p.accountId(), p.region().name())))) {
      String id = r.item().accountId();
      if (r instanceof Settled.Failed<AccountRegion, Boolean> f) {
        skipped
            .computeIfAbsent(id, k -> new ArrayList<>())
            .add(f.item().region() + ": " + f.kind().label() + ": " + f.message());
      } else if (r instanceof Settled.Done<AccountRegion, Boolean> d && d.value()) {
        active.computeIfAbsent(id, k -> new ArrayList<>()).add(d.item().region());
      }
    }
    List<Discovery> out = new ArrayList<>();
    for (Account account : accounts) {
      String id = account.id().value();
      var failed = failures.get(id);
      if (failed != null) {
        out.add(
            new Discovery(
                account,
                List.of(),
                List.of(),
                failed.kind().label() + ": " + failed.message(),
                false,
                failed.kind()));
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
   * Whether the region holds a resource of some kind: kind after kind, cheapest first, until one
   * does. A failed kind fails the region unless a later kind holds.
   */
  private boolean active(Account account, Region region, CallGuard guard) {
    ApiException first = null;
    for (ResourceKind kind : kinds) {
      try {
        if (probe.holds(account, region, kind, guard)) {
          return true;
        }
      } catch (ApiException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
    return false;
  }
}
