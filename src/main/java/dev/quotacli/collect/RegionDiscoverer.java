package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.RegionCache;
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
 * Finds each account's active regions: the enabled regions (DescribeRegions), each probed for EC2
 * instances in any non-terminated state, on one bounded pool of account × region probes. Writes the
 * region cache for accounts whose discovery succeeded. Thread-safe per call.
 */
public final class RegionDiscoverer {
  private static final Logger LOG = LoggerFactory.getLogger(RegionDiscoverer.class);

  /**
   * One account's discovery.
   *
   * @param account the account
   * @param active regions holding instances, sorted; empty when the discovery failed
   * @param skipped one line per region that did not answer (opt-in, disabled, unreachable)
   * @param failure why the account could not be discovered at all, or null
   * @param fromCache answered from a fresh region cache entry
   */
  public record Discovery(
      Account account,
      List<Region> active,
      List<String> skipped,
      String failure,
      boolean fromCache) {
    public Discovery {
      active = active.stream().sorted().toList();
      skipped = List.copyOf(skipped);
    }

    public boolean ok() {
      return failure == null;
    }
  }

  private final RegionProbe probe;
  private final CallGuards guard;
  private final RegionCache cache;
  private final Clock clock;
  private final CollectionRunner runner;

  public RegionDiscoverer(
      RegionProbe probe,
      CallGuards guard,
      RegionCache cache,
      Clock clock,
      CollectionRunner runner) {
    this.probe = probe;
    this.guard = guard;
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
            new Discovery(account, fresh.data().asRegions(), List.of(), null, true));
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
    Map<String, List<Region>> enabled = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    // Stage 1: enabled regions, one call per account (on the pool, as targets in us-east-1).
    List<Target> accountTargets =
        accounts.stream().map(a -> new Target(a, Region.US_EAST_1, "ec2")).toList();
    Map<String, List<Region>> found = new java.util.concurrent.ConcurrentHashMap<>();
    for (TargetResult r :
        runner.run(
            accountTargets,
            t -> {
              found.put(
                  t.accountId(),
                  probe.enabledRegions(
                      t.account(), guard.forTarget(t.accountId(), Region.US_EAST_1.name())));
              return new TargetResult.Collected(t, List.of(), false, List.of());
            })) {
      if (r instanceof TargetResult.Failed f) {
        failures.put(f.target().accountId(), f.kind().label() + ": " + f.message());
      } else {
        enabled.put(r.target().accountId(), found.get(r.target().accountId()));
      }
    }
    // Stage 2: one probe per account and enabled region.
    List<Target> probes = new ArrayList<>();
    for (Account account : accounts) {
      for (Region region : enabled.getOrDefault(account.id().value(), List.of())) {
        probes.add(new Target(account, region, "ec2"));
      }
    }
    Map<String, List<Region>> active = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, List<String>> skipped = new LinkedHashMap<>();
    for (TargetResult r :
        runner.run(
            probes,
            t -> {
              if (probe.hasInstances(
                  t.account(), t.region(), guard.forTarget(t.accountId(), t.region().name()))) {
                active
                    .computeIfAbsent(
                        t.accountId(),
                        k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(t.region());
              }
              return new TargetResult.Collected(t, List.of(), false, List.of());
            })) {
      if (r instanceof TargetResult.Failed f) {
        skipped
            .computeIfAbsent(f.target().accountId(), k -> new ArrayList<>())
            .add(f.target().region() + ": " + f.kind().label() + ": " + f.message());
      }
    }
    List<Discovery> out = new ArrayList<>();
    for (Account account : accounts) {
      String id = account.id().value();
      if (failures.containsKey(id)) {
        out.add(new Discovery(account, List.of(), List.of(), failures.get(id), false));
        continue;
      }
      List<Region> regions = new ArrayList<>(active.getOrDefault(id, List.of()));
      out.add(new Discovery(account, regions, skipped.getOrDefault(id, List.of()), null, false));
      try {
        cache.write(
            id, new RegionCache.Entry(regions.stream().map(Region::name).toList()), fetchedAt);
      } catch (IOException e) {
        LOG.warn("cannot write region cache {}: {}", cache.path(id), e.getMessage());
      }
    }
    return out;
  }
}
