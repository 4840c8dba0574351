package dev.quotacli.collect;

import dev.quotacli.cache.DefaultQuotaCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.LimitMerger;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's default quotas, which are the same for every account of a region: fetched once per region
 * and service in a pass (the first target that needs them fetches, the others wait for its answer)
 * and cached like limits, so a cold pass pages each default list once for the whole estate.
 * Thread-safe; one per pass.
 */
public final class SharedDefaults {
  private static final Logger LOG = LoggerFactory.getLogger(SharedDefaults.class);

  private final DefaultQuotaCache cache;
  private final Clock clock;
  private final boolean force;
  private final Map<String, CompletableFuture<List<ApiQuota>>> pass = new ConcurrentHashMap<>();
  private final Map<String, Optional<List<QuotaLimit>>> limits = new ConcurrentHashMap<>();

  /**
   * @param force ignore fresh cache entries (fetch once in this pass all the same)
   */
  public SharedDefaults(DefaultQuotaCache cache, Clock clock, boolean force) {
    this.cache = cache;
    this.clock = clock;
    this.force = force;
  }

  /** How many quotas the service has in the region, if known without a call, else 0. */
  public int knownSize(Region apiRegion, String service) {
    var mine = pass.get(key(apiRegion, service));
    if (mine != null && mine.isDone() && !mine.isCompletedExceptionally()) {
      return mine.join().size();
    }
    var lookup = cache.read(apiRegion, service);
    if (lookup instanceof Lookup.Fresh<DefaultQuotaCache.Entry> f) {
      return f.data().quotas().size();
    }
    if (lookup instanceof Lookup.Stale<DefaultQuotaCache.Entry> s) {
      return s.data().quotas().size();
    }
    return 0;
  }

  /** Whether the defaults are at hand without a call (this pass, or a fresh cache entry). */
  public boolean known(Region apiRegion, String service) {
    var mine = pass.get(key(apiRegion, service));
    if (mine != null && mine.isDone() && !mine.isCompletedExceptionally()) {
      return true;
    }
    return !force && cache.read(apiRegion, service) instanceof Lookup.Fresh<?>;
  }

  /**
   * The defaults of the service in the region: this pass's, else a fresh cache entry's, else
   * fetched with {@code fetch} (by this caller, or by another target that is already fetching).
   * When another target's fetch fails (its own credentials, say), this caller fetches itself.
   */
  public List<ApiQuota> defaults(Region apiRegion, String service, Supplier<List<ApiQuota>> fetch) {
    String key = key(apiRegion, service);
    while (true) {
      CompletableFuture<List<ApiQuota>> mine = new CompletableFuture<>();
      CompletableFuture<List<ApiQuota>> existing = pass.putIfAbsent(key, mine);
      if (existing == null) {
        try {
          List<ApiQuota> quotas = load(apiRegion, service, fetch);
          mine.complete(quotas);
          return quotas;
        } catch (RuntimeException e) {
          pass.remove(key, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      try {
        return existing.join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        pass.remove(key, existing); // the other fetcher failed: try again, with our own source
      }
    }
  }

  /**
   * The default list as limits ({@link LimitMerger#defaultLimits}), for rebuilding compact limit
   * cache entries: this pass's list, else the cached one, fresh or stale (AWS changes a default
   * rarely, and an account's own limits are kept apart from it); empty when neither is at hand.
   * Read and converted once per region and service in a pass, whatever the number of accounts.
   */
  public Optional<List<QuotaLimit>> limits(Region apiRegion, String service) {
    String key = key(apiRegion, service);
    var mine = pass.get(key);
    if (mine != null && mine.isDone() && !mine.isCompletedExceptionally()) {
      return limits.computeIfAbsent(
          key + "#pass", k -> Optional.of(LimitMerger.defaultLimits(mine.join())));
    }
    return limits.computeIfAbsent(key, k -> cache.limits(apiRegion, service));
  }

  private List<ApiQuota> load(Region apiRegion, String service, Supplier<List<ApiQuota>> fetch) {
    var lookup = cache.read(apiRegion, service);
    if (!force && lookup instanceof Lookup.Fresh<DefaultQuotaCache.Entry> fresh) {
      return fresh.data().quotas();
    }
    Instant fetchedAt = clock.instant();
    List<ApiQuota> quotas = fetch.get();
    try {
      cache.write(apiRegion, service, new DefaultQuotaCache.Entry(quotas), fetchedAt);
    } catch (IOException e) {
      LOG.warn(
          "cannot write default quota cache {}: {}",
          cache.path(apiRegion, service),
          e.getMessage());
    }
    return quotas;
  }

  private static String key(Region apiRegion, String service) {
    return apiRegion.name() + "/" + service;
  }
}
