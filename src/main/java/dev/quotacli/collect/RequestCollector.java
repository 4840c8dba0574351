package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.RequestCache;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.RequestHistory;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota increase requests of each account and API region, read once per pass whatever the
 * number of its targets: from a fresh cache entry (the limits' TTL), else one paged
 * ListRequestedServiceQuotaChangeHistory for every service, then cached. A failed history is
 * unknown (never "no request"): reported once per account and region, and the targets carry on with
 * their limits. Thread-safe: the first target of an account and region reads, the others wait for
 * its answer.
 */
public final class RequestCollector {
  private static final Logger LOG = LoggerFactory.getLogger(RequestCollector.class);

  private record Key(String accountId, Region apiRegion) {}

  private final RequestCache cache;
  private final QuotaSources sources;
  private final CallGuards guards;
  private final Clock clock;
  private final boolean force;
  private final Map<Key, CompletableFuture<RequestHistory>> histories = new ConcurrentHashMap<>();

  /**
   * @param force refetch fresh entries (as {@code limits --force} refetches limits)
   */
  public RequestCollector(
      RequestCache cache, QuotaSources sources, CallGuards guards, Clock clock, boolean force) {
    this.cache = cache;
    this.sources = sources;
    this.guards = guards;
    this.clock = clock;
    this.force = force;
  }

  /**
   * A collected target with its service's requests; any other result as it is (a failed target's
   * account is not asked again).
   */
  public TargetResult attach(TargetResult result) {
    if (!(result instanceof TargetResult.Collected c)) {
      return result;
    }
    Target t = c.target();
    return c.withRequests(history(t.account(), t.apiRegion()).ofService(t.service()));
  }

  /** The account's requests in the region, read at most once per pass. */
  public RequestHistory history(Account account, Region apiRegion) {
    Key key = new Key(account.id().value(), apiRegion);
    CompletableFuture<RequestHistory> mine = new CompletableFuture<>();
    CompletableFuture<RequestHistory> first = histories.putIfAbsent(key, mine);
    if (first != null) {
      return first.join();
    }
    try {
      mine.complete(read(account, apiRegion));
    } catch (RuntimeException e) {
      mine.complete(RequestHistory.unknown(e.getMessage()));
    }
    return mine.join();
  }

  private RequestHistory read(Account account, Region apiRegion) {
    String id = account.id().value();
    Instant now = clock.instant();
    Lookup<RequestCache.Entry> lookup = cache.read(id, apiRegion);
    if (lookup instanceof Lookup.Fresh<RequestCache.Entry> fresh && !force) {
      return RequestHistory.relevant(fresh.data().requests(), now);
    }
    if (lookup instanceof Lookup.Corrupt<RequestCache.Entry> corrupt) {
      LOG.warn("corrupt request cache, refetching: {}", corrupt.reason());
    }
    RequestHistory history;
    int listed;
    try {
      QuotaSource source = sources.open(account, apiRegion, guards.forTarget(id, apiRegion.name()));
      var all = source.listRequests();
      listed = all.size();
      history = RequestHistory.relevant(all, now);
    } catch (ApiException e) {
      LOG.warn(
          "{} {}: quota increase requests unknown ({}): {}",
          id,
          apiRegion.name(),
          e.kind().label(),
          e.getMessage());
      return RequestHistory.unknown(e.kind().label());
    }
    try {
      cache.write(id, apiRegion, new RequestCache.Entry(history.requests(), listed), now);
    } catch (IOException e) {
      LOG.warn("cannot write request cache {}: {}", cache.path(id, apiRegion), e.getMessage());
    }
    return history;
  }
}
