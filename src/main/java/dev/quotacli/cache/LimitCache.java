package dev.quotacli.cache;

import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The limit cache: {@code <root>/<account>/<region>/<service>.json}, one file per target, with a
 * TTL. Global services use the region directory {@code global}. Thread-safe.
 */
public final class LimitCache {
  /**
   * One target's cached limits.
   *
   * @param complete true when every quota of the service was fetched (List calls), so discovery
   *     rules and newly configured codes can be answered from it
   * @param quotas the limits, sorted by code
   */
  public record Entry(boolean complete, List<QuotaLimit> quotas) {
    public Entry {
      quotas = List.copyOf(quotas);
    }
  }

  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public LimitCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path root() {
    return root;
  }

  public Path path(String accountId, Region region, String service) {
    return root.resolve(accountId).resolve(region.name()).resolve(service + ".json");
  }

  public Lookup<Entry> read(String accountId, Region region, String service) {
    return store.read(path(accountId, region, service), Entry.class, ttl);
  }

  public void write(String accountId, Region region, String service, Entry entry, Instant fetchedAt)
      throws IOException {
    store.write(path(accountId, region, service), entry, fetchedAt);
  }
}
