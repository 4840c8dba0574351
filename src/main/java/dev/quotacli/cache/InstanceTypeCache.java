package dev.quotacli.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Default vCPUs of EC2 instance types ({@code <root>/instance-types.json}): facts that change only
 * when AWS launches new types, so entries live 30 days and types are added as they are seen.
 */
public final class InstanceTypeCache {
  static final Duration TTL = Duration.ofDays(30);

  /**
   * @param vcpus vCPUs by instance type
   */
  public record Entry(Map<String, Integer> vcpus) {
    public Entry {
      vcpus = new TreeMap<>(vcpus);
    }
  }

  private final Path root;
  private final JsonStore store;

  public InstanceTypeCache(Path root, Clock clock) {
    this.root = root;
    this.store = new JsonStore(clock);
  }

  public Path path() {
    return root.resolve("instance-types.json");
  }

  /** The fresh entries, or an empty map. */
  public Map<String, Integer> read() {
    return store.read(path(), Entry.class, TTL) instanceof Lookup.Fresh<Entry> f
        ? f.data().vcpus()
        : Map.of();
  }

  public void write(Map<String, Integer> vcpus) throws IOException {
    store.write(path(), new Entry(vcpus), store.clock().instant());
  }
}
