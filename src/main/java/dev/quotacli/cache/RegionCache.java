package dev.quotacli.cache;

import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The discovered active regions of each account: {@code <root>/<account>/regions.json}. */
public final class RegionCache {
  /**
   * @param regions the active regions, sorted
   */
  public record Entry(List<String> regions) {
    public Entry {
      for (String r : regions) {
        if (!Region.isValid(r) || Region.GLOBAL.name().equals(r)) {
          throw new IllegalArgumentException("not a region name: " + r);
        }
      }
      regions = regions.stream().sorted().distinct().toList();
    }

    public List<Region> asRegions() {
      return regions.stream().map(Region::new).toList();
    }
  }

  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public RegionCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path path(String accountId) {
    return root.resolve(accountId).resolve("regions.json");
  }

  public Lookup<Entry> read(String accountId) {
    return store.read(path(accountId), Entry.class, ttl);
  }

  public void write(String accountId, Entry entry, Instant fetchedAt) throws IOException {
    store.write(path(accountId), entry, fetchedAt);
  }
}
