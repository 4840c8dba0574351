package dev.quotacli.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the cache holds, per account: how old its region, limit and usage entries are. Read-only.
 */
public final class CacheInventory {
  /**
   * Ages of one kind of entry.
   *
   * @param files how many entries
   * @param oldest fetched-at of the oldest, or null
   * @param newest fetched-at of the newest, or null
   * @param corrupt unreadable entries
   */
  public record Ages(int files, Instant oldest, Instant newest, int corrupt) {
    static final Ages NONE = new Ages(0, null, null, 0);

    Ages with(Lookup<?> l) {
      Instant at =
          l instanceof Lookup.Fresh<?> f
              ? f.fetchedAt()
              : l instanceof Lookup.Stale<?> s ? s.fetchedAt() : null;
      if (at == null) {
        return l instanceof Lookup.Corrupt<?> ? new Ages(files, oldest, newest, corrupt + 1) : this;
      }
      return new Ages(
          files + 1,
          oldest == null || at.isBefore(oldest) ? at : oldest,
          newest == null || at.isAfter(newest) ? at : newest,
          corrupt);
    }
  }

  /**
   * @param accountId the account
   * @param regions the region entry's fetched-at, or null
   * @param limits the limit entries
   * @param usage the usage entries
   */
  public record AccountCache(String accountId, Instant regions, Ages limits, Ages usage) {}

  private CacheInventory() {}

  /** Every account directory under the cache root, sorted by id. */
  public static List<AccountCache> scan(Path root, Clock clock) throws IOException {
    JsonStore store = new JsonStore(clock);
    Duration forever = Duration.ofDays(36500);
    List<AccountCache> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    Map<String, Path> accounts = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().matches("\\d{12}"))
          .forEach(d -> accounts.put(d.getFileName().toString(), d));
    }
    for (var e : accounts.entrySet()) {
      Lookup<RegionCache.Entry> regions =
          store.read(e.getValue().resolve("regions.json"), RegionCache.Entry.class, forever);
      Instant regionsAt =
          regions instanceof Lookup.Fresh<RegionCache.Entry> f ? f.fetchedAt() : null;
      Ages limits = Ages.NONE;
      Ages usage = Ages.NONE;
      try (Stream<Path> files = Files.walk(e.getValue(), 2)) {
        for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = p.getFileName().toString();
          if (p.getParent().equals(e.getValue())) {
            continue; // regions.json
          }
          if (name.equals(RequestCache.FILE)) {
            continue; // an account and region's increase requests, not a limit entry
          }
          if (name.endsWith(".usage.json")) {
            usage = usage.with(store.read(p, UsageCache.Entry.class, forever));
          } else if (name.endsWith(".json")) {
            limits = limits.with(store.read(p, LimitCache.Entry.class, forever));
          }
        }
      }
      out.add(new AccountCache(e.getKey(), regionsAt, limits, usage));
    }
    return out;
  }
}
