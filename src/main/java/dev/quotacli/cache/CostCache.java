package dev.quotacli.cache;

import dev.quotacli.cost.CostSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Cost Explorer answers per scope ({@code <root>/cost/<account>.json}, 6 h TTL by default): Cost
 * Explorer refreshes at most a few times a day and charges $0.01 a request, so a fresh entry means
 * no request at all.
 */
public final class CostCache {
  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public CostCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path path(String scopeAccountId) {
    return root.resolve("cost").resolve(scopeAccountId + ".json");
  }

  public Lookup<CostSnapshot> read(String scopeAccountId) {
    return store.read(path(scopeAccountId), CostSnapshot.class, ttl);
  }

  public void write(CostSnapshot snapshot, Instant fetchedAt) throws IOException {
    store.write(path(snapshot.scopeAccountId()), snapshot, fetchedAt);
  }
}
