package dev.quotacli.cache;

import dev.quotacli.cost.Price;
import dev.quotacli.cost.PriceKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices from the Pricing API on disk: {@code <root>/prices.json}, one file for every account and
 * region (list prices do not depend on the account), each price with its own fetch time and a TTL
 * (4 h by default). Fallback prices are never written here. Thread-safe within one process; two
 * processes writing at once lose one side's new prices (never corrupt the file: writes are atomic).
 */
public final class PriceCache {
  public static final Duration DEFAULT_TTL = Duration.ofHours(4);
  public static final String FILE = "prices.json";

  /**
   * One cached price.
   *
   * @param key what it prices
   * @param usd USD per unit
   * @param unit the price-list unit
   * @param fetchedAt when the API answered it
   */
  public record Item(PriceKey key, double usd, String unit, Instant fetchedAt) {}

  /**
   * @param prices the cached prices, sorted by key
   */
  public record Entry(List<Item> prices) {
    public Entry {
      prices = List.copyOf(prices);
    }
  }

  /**
   * What a read found.
   *
   * @param prices the fresh prices, with source {@link Price.Source#CACHE}
   * @param problem null, or why the file could not be read (then treated as empty)
   */
  public record Read(Map<PriceKey, Price> prices, String problem) {
    public Read {
      prices = Collections.unmodifiableMap(new TreeMap<>(prices));
    }
  }

  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public PriceCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path path() {
    return root.resolve(FILE);
  }

  /** The prices younger than the TTL. */
  public synchronized Read fresh() {
    Lookup<Entry> lookup = store.read(path(), Entry.class, ttl);
    List<Item> items;
    if (lookup instanceof Lookup.Fresh<Entry> f) {
      items = f.data().prices();
    } else if (lookup instanceof Lookup.Stale<Entry> s) {
      items = s.data().prices();
    } else if (lookup instanceof Lookup.Corrupt<Entry> c) {
      return new Read(Map.of(), c.reason());
    } else {
      return new Read(Map.of(), null);
    }
    Map<PriceKey, Price> prices = new TreeMap<>();
    Instant now = store.clock().instant();
    for (Item i : items) {
      if (i == null
          || i.key() == null
          || i.fetchedAt() == null
          || i.unit() == null
          || !fresh(i.fetchedAt(), now)) {
        continue;
      }
      try {
        prices.put(i.key(), new Price(i.usd(), i.unit(), Price.Source.CACHE));
      } catch (IllegalArgumentException e) {
        // a bad number in the file: that price is as good as missing
      }
    }
    return new Read(prices, null);
  }

  private boolean fresh(Instant fetchedAt, Instant now) {
    return !fetchedAt.isAfter(now.plusSeconds(300)) && fetchedAt.plus(ttl).isAfter(now);
  }

  /**
   * Adds prices fetched now to the fresh ones already on disk (stale ones are dropped). Prices that
   * did not come from the API are ignored.
   */
  public synchronized void put(Map<PriceKey, Price> fetched) throws IOException {
    Instant now = store.clock().instant();
    Map<PriceKey, Item> merged = new TreeMap<>();
    Lookup<Entry> lookup = store.read(path(), Entry.class, ttl);
    List<Item> old =
        lookup instanceof Lookup.Fresh<Entry> f
            ? f.data().prices()
            : lookup instanceof Lookup.Stale<Entry> s ? s.data().prices() : List.of();
    for (Item i : old) {
      if (i != null
          && i.key() != null
          && i.fetchedAt() != null
          && i.unit() != null
          && fresh(i.fetchedAt(), now)) {
        merged.put(i.key(), i);
      }
    }
    fetched.forEach(
        (key, price) -> {
          if (price.source() == Price.Source.API) {
            merged.put(key, new Item(key, price.usdPerUnit(), price.unit(), now));
          }
        });
    store.write(path(), new Entry(new ArrayList<>(merged.values())), now);
  }
}
