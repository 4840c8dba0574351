package dev.quotacli.collect;

import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.LimitMerger;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaSelection;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one target's limits: from a fresh cache entry with no API call, else from Service Quotas
 * (applied over default), then writes the cache. Thread-safe: targets share nothing mutable but the
 * cache files, one per target.
 */
public final class LimitCollector {
  private static final Logger LOG = LoggerFactory.getLogger(LimitCollector.class);

  private final LimitCache cache;
  private final QuotaSources sources;
  private final CallGuards guard;
  private final Clock clock;
  private final boolean force;
  private final SharedDefaults defaults;

  /**
   * The configured quotas of each shared default list (by identity: one list per region and service
   * in a pass).
   */
  private final Map<List<QuotaLimit>, List<QuotaLimit>> selectedDefaults =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /** A collector that asks every target's own default list (no sharing). */
  public LimitCollector(
      LimitCache cache, QuotaSources sources, CallGuards guard, Clock clock, boolean force) {
    this(cache, sources, guard, clock, force, null);
  }

  /**
   * @param defaults the estate's shared AWS default lists, or null to ask each target's own
   */
  public LimitCollector(
      LimitCache cache,
      QuotaSources sources,
      CallGuards guard,
      Clock clock,
      boolean force,
      SharedDefaults defaults) {
    this.cache = cache;
    this.sources = sources;
    this.guard = guard;
    this.clock = clock;
    this.force = force;
    this.defaults = defaults;
  }

  public TargetResult collect(Target target, ServiceConfig service) {
    Lookup<LimitCache.Entry> lookup =
        cache.read(target.accountId(), target.region(), target.service());
    if (lookup instanceof Lookup.Fresh<LimitCache.Entry> fresh && !force) {
      Optional<QuotaSelection.Selected> selected = selectCached(target, fresh.data(), service);
      if (selected.isPresent()) {
        LOG.debug("{}: limits from cache fetched at {}", target.describe(), fresh.fetchedAt());
        return result(target, selected.get(), List.of(), true);
      }
    }
    if (lookup instanceof Lookup.Corrupt<LimitCache.Entry> corrupt) {
      LOG.warn("corrupt limit cache, refetching: {}", corrupt.reason());
    }
    // A whole entry of any age knows the catalogue's size (a compact one leaves it to the
    // defaults).
    int knownTotal =
        lookup
            .anyAge()
            .filter(e -> e.complete() && !e.compact())
            .map(e -> e.quotas().size())
            .orElse(0);
    QuotaSource source =
        sources.open(
            target.account(),
            target.region().apiRegion(),
            guard.forTarget(target.accountId(), target.region().apiRegion().name()));
    Instant fetchedAt = clock.instant();
    Region apiRegion = target.apiRegion();
    String code = target.service();
    if (defaults != null) {
      knownTotal = Math.max(knownTotal, defaults.knownSize(apiRegion, code));
    }
    FetchStrategy strategy =
        FetchStrategy.choose(
            service.quotas().size(), !service.discover().isEmpty(), knownTotal, defaults != null);
    LOG.debug("{}: fetching limits with {} calls", target.describe(), strategy);
    LimitMerger.Merged merged;
    Integer listed = null;
    if (strategy == FetchStrategy.LIST) {
      // The applied list first: the estate's shared default list may be on its way meanwhile.
      List<ApiQuota> applied = source.listApplied(code);
      listed = applied.size();
      List<ApiQuota> defaultList =
          defaults == null
              ? source.listDefaults(code)
              : defaults.defaults(apiRegion, code, () -> source.listDefaults(code));
      merged = LimitMerger.merge(applied, defaultList);
    } else {
      List<ApiQuota> known =
          defaults != null && defaults.known(apiRegion, code)
              ? defaults.defaults(apiRegion, code, () -> source.listDefaults(code))
              : null;
      merged = fetchEach(source, code, service.quotaCodes(), known);
    }
    boolean complete = strategy == FetchStrategy.LIST;
    // A whole list merged with the shared default list keeps only the account's own limits: the
    // rest is the region's default list, read once per pass (LimitCache.Entry#compact).
    LimitCache.Entry entry =
        complete && defaults != null
            ? new LimitCache.Entry(true, merged.overrides(), true, merged.withheld(), listed)
            : new LimitCache.Entry(complete, merged.limits(), false, List.of(), listed);
    QuotaSelection.Selected selected =
        entry.compact()
            ? selectCached(target, entry, service)
                .orElseGet(
                    () ->
                        QuotaSelection.select(
                            merged.limits(), service.quotaCodes(), service.discover()))
            : QuotaSelection.select(merged.limits(), service.quotaCodes(), service.discover());
    try {
      cache.write(target.accountId(), target.region(), target.service(), entry, fetchedAt);
    } catch (IOException e) {
      LOG.warn(
          "cannot write limit cache {}: {}",
          cache.path(target.accountId(), target.region(), target.service()),
          e.getMessage());
    }
    return result(target, selected, relevantProblems(merged.problems(), service), false);
  }

  /** The target's configured limits as the cache holds them, fresh or stale; no API call. */
  public List<QuotaLimit> cached(Target target, ServiceConfig service) {
    var lookup = cache.read(target.accountId(), target.region(), target.service());
    LimitCache.Entry entry = lookup.anyAge().orElse(null);
    if (entry == null) {
      return List.of();
    }
    if (!entry.compact()) {
      return QuotaSelection.select(entry.quotas(), service.quotaCodes(), service.discover())
          .limits();
    }
    return selectCompact(target, entry, service)
        .map(QuotaSelection.Selected::limits)
        .orElse(List.of());
  }

  /**
   * The configured limits an entry answers: a whole entry's if it covers the service, a compact
   * entry's if the region's shared default list is at hand; else empty (fetch).
   */
  private Optional<QuotaSelection.Selected> selectCached(
      Target target, LimitCache.Entry entry, ServiceConfig service) {
    if (entry.compact()) {
      return selectCompact(target, entry, service);
    }
    if (!covers(entry.complete(), entry.quotas(), service)) {
      return Optional.empty();
    }
    return Optional.of(
        QuotaSelection.select(entry.quotas(), service.quotaCodes(), service.discover()));
  }

  /**
   * A compact entry's selection: the region's shared default list, selected once per pass, with the
   * account's own limits in their place.
   */
  private Optional<QuotaSelection.Selected> selectCompact(
      Target target, LimitCache.Entry entry, ServiceConfig service) {
    if (defaults == null) {
      return Optional.empty();
    }
    return defaults
        .limits(target.apiRegion(), target.service())
        .map(
            d ->
                QuotaSelection.selectCompact(
                    selectedDefaults.computeIfAbsent(
                        d,
                        all ->
                            QuotaSelection.select(all, service.quotaCodes(), service.discover())
                                .limits()),
                    entry.quotas(),
                    entry.withheld(),
                    service.quotaCodes(),
                    service.discover()));
  }

  /** A fresh entry answers the target if it holds the whole service, or every configured code. */
  static boolean covers(boolean complete, List<QuotaLimit> quotas, ServiceConfig service) {
    if (complete) {
      return true;
    }
    if (!service.discover().isEmpty()) {
      return false;
    }
    Set<String> have = new TreeSet<>();
    quotas.forEach(q -> have.add(q.code()));
    return have.containsAll(service.quotaCodes());
  }

  /**
   * @param knownDefaults the service's default list when at hand (answers quotas with no applied
   *     value without a call), or null
   */
  private static LimitMerger.Merged fetchEach(
      QuotaSource source, String service, List<String> codes, List<ApiQuota> knownDefaults) {
    Map<String, ApiQuota> defaultsByCode = new HashMap<>();
    if (knownDefaults != null) {
      knownDefaults.forEach(q -> defaultsByCode.put(q.code(), q));
    }
    List<ApiQuota> applied = new ArrayList<>();
    List<ApiQuota> defaults = new ArrayList<>();
    for (String code : codes) {
      var a = source.getApplied(service, code);
      if (a.isPresent() && a.get().errorReason() == null && a.get().value() != null) {
        applied.add(a.get());
        // With the default at hand, the merge can tell an applied value equal to it.
        if (knownDefaults != null) {
          Optional.ofNullable(defaultsByCode.get(code)).ifPresent(defaults::add);
        }
      } else {
        a.ifPresent(applied::add);
        if (knownDefaults != null) {
          Optional.ofNullable(defaultsByCode.get(code)).ifPresent(defaults::add);
        } else {
          source.getDefault(service, code).ifPresent(defaults::add);
        }
      }
    }
    return LimitMerger.merge(applied, defaults);
  }

  private static List<String> relevantProblems(List<String> problems, ServiceConfig service) {
    Set<String> codes = new TreeSet<>(service.quotaCodes());
    List<String> out = new ArrayList<>();
    for (String p : problems) {
      String code = p.substring(0, Math.max(0, p.indexOf(' ')));
      if (codes.contains(code) || !service.discover().isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private static TargetResult result(
      Target target, QuotaSelection.Selected selected, List<String> problems, boolean fromCache) {
    List<String> warnings = new ArrayList<>(problems);
    Map<String, Boolean> problemCodes = new HashMap<>();
    problems.forEach(p -> problemCodes.put(p.substring(0, Math.max(0, p.indexOf(' '))), true));
    for (String code : selected.missingCodes()) {
      if (!problemCodes.containsKey(code)) {
        warnings.add(code + ": AWS reports no such quota for " + target.service() + " here");
      }
    }
    List<QuotaLimit> limits = selected.limits();
    return new TargetResult.Collected(target, limits, fromCache, warnings);
  }
}
