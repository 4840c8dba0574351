package dev.quotacli.cache;

import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The usage cache: {@code <root>/<account>/<region>/<service>.usage.json}, 1 h TTL by default. */
public final class UsageCache {
  /**
   * One target's usage.
   *
   * @param usage known usage, sorted by code
   * @param unknown one line per quota whose usage is unknown, with the reason
   */
  public record Entry(List<QuotaUsage> usage, List<String> unknown) {
    public Entry {
      usage = List.copyOf(usage);
      unknown = List.copyOf(unknown);
    }
  }

  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public UsageCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path path(String accountId, Region region, String service) {
    return root.resolve(accountId).resolve(region.name()).resolve(service + ".usage.json");
  }

  public Lookup<Entry> read(String accountId, Region region, String service) {
    return store.read(path(accountId, region, service), Entry.class, ttl);
  }

  public void write(String accountId, Region region, String service, Entry entry, Instant fetchedAt)
      throws IOException {
    store.write(path(accountId, region, service), entry, fetchedAt);
  }
}
