package dev.quotacli.cache;

import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The quota increase requests of one account and API region: {@code
 * <root>/<account>/<region>/requests.json}, with the limits' TTL (one file per account and region,
 * beside the limit entries, not inside them).
 */
public final class RequestCache {
  /** The file name inside an account's region directory. */
  public static final String FILE = "requests.json";

  /**
   * The account's requests in the region, of every service.
   *
   * @param requests the open ones and those closed recently, as fetched
   * @param listed how many requests the history listed in all (its pages, for quota-cli plan); null
   *     where not known
   */
  public record Entry(List<IncreaseRequest> requests, Integer listed) {
    public Entry {
      requests = List.copyOf(requests);
    }

    public Entry(List<IncreaseRequest> requests) {
      this(requests, null);
    }
  }

  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public RequestCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path path(String accountId, Region apiRegion) {
    return root.resolve(accountId).resolve(apiRegion.name()).resolve(FILE);
  }

  public Lookup<Entry> read(String accountId, Region apiRegion) {
    return store.read(path(accountId, apiRegion), Entry.class, ttl);
  }

  public void write(String accountId, Region apiRegion, Entry entry, Instant fetchedAt)
      throws IOException {
    store.write(path(accountId, apiRegion), entry, fetchedAt);
  }
}
