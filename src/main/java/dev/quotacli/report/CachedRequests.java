package dev.quotacli.report;

import dev.quotacli.cache.RequestCache;
import dev.quotacli.output.Reports;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.RequestHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The increase requests the limit passes cached ({@code <account>/<region>/requests.json}, fresh or
 * stale): beside a quota, its open request, else its latest closed in the last 30 days, as the
 * operator's table writes it ({@code 4096 (pending, 3 d)}). A quota of an account and region with
 * no cached history answers null (not known), never "none". Each history is read once.
 */
public final class CachedRequests implements IncreaseRequests {
  private final RequestCache cache;
  private final Instant now;
  private final Map<String, Optional<RequestHistory>> histories = new HashMap<>();

  public CachedRequests(Path root, Clock clock) {
    // Any age: the report shows what the cache holds, and names stale data elsewhere.
    this.cache = new RequestCache(root, Duration.ofDays(36500), clock);
    this.now = clock.instant();
  }

  @Override
  public String open(String accountId, String region, String service, String code) {
    Region api = new Region(region).apiRegion();
    Optional<RequestHistory> history =
        histories.computeIfAbsent(accountId + "/" + api.name(), k -> read(accountId, api));
    if (history.isEmpty()) {
      return null;
    }
    IncreaseRequest shown = history.get().shown(service, code);
    return shown == null ? null : Reports.requestText(shown, true, now);
  }

  private Optional<RequestHistory> read(String accountId, Region api) {
    var lookup = cache.read(accountId, api);
    return lookup.anyAge().map(entry -> RequestHistory.relevant(entry.requests(), now));
  }
}
