package dev.quotacli.cache;

import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.LimitMerger;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * AWS's default quotas of a service in a region ({@code <root>/defaults/<region>/<service>.json}):
 * the same for every account, so one fetch serves the whole estate. Thread-safe.
 */
public final class DefaultQuotaCache {
  /**
   * @param quotas every quota of the service with its AWS default, as the API answered
   */
  public record Entry(List<ApiQuota> quotas) {
    public Entry {
      quotas = List.copyOf(quotas);
    }
  }

  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public DefaultQuotaCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path path(Region apiRegion, String service) {
    return root.resolve("defaults").resolve(apiRegion.name()).resolve(service + ".json");
  }

  public Lookup<Entry> read(Region apiRegion, String service) {
    return store.read(path(apiRegion, service), Entry.class, ttl);
  }

  /**
   * The default list as limits ({@link LimitMerger#defaultLimits}), fresh or stale (AWS changes a
   * default rarely): what a compact limit entry is read over. Empty when there is none.
   */
  public Optional<List<QuotaLimit>> limits(Region apiRegion, String service) {
    return read(apiRegion, service).anyAge().map(e -> LimitMerger.defaultLimits(e.quotas()));
  }

  public void write(Region apiRegion, String service, Entry entry, Instant fetchedAt)
      throws IOException {
    store.write(path(apiRegion, service), entry, fetchedAt);
  }
}
