package dev.quotacli.collect;

import dev.quotacli.cache.PriceCache;
import dev.quotacli.cost.FallbackPrices;
import dev.quotacli.cost.Price;
import dev.quotacli.cost.PriceKey;
import dev.quotacli.cost.PriceLookup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prices for the run-rate: the fresh cache first, then the Pricing API for the missing keys (its
 * answers written back to the cache), and when the API cannot be asked, the bundled approximate
 * table, flagged so that the caller exports {@code price_source="fallback"}. A key the API answered
 * without one price (no product, ambiguous) stays unpriced: the fallback is for a failing API only.
 * Thread-safe if the cache and the source are.
 */
public final class PriceBook {
  private final PriceCache cache;
  private final PriceSource source;
  private final FallbackPrices fallback;

  public PriceBook(PriceCache cache, PriceSource source, FallbackPrices fallback) {
    this.cache = cache;
    this.source = source;
    this.fallback = fallback;
  }

  /**
   * @param prices the priced keys, each with its {@link Price#source()}
   * @param unpriced the other keys, with a one-line reason
   * @param fallbackUsed whether any price is from the bundled table
   * @param apiFailure null, or the Pricing API failure that made the fallback necessary
   * @param warnings cache problems (unreadable, not writable); never fatal
   */
  public record Result(
      Map<PriceKey, Price> prices,
      Map<PriceKey, String> unpriced,
      boolean fallbackUsed,
      String apiFailure,
      List<String> warnings) {
    public Result {
      prices = Collections.unmodifiableMap(new TreeMap<>(prices));
      unpriced = Collections.unmodifiableMap(new TreeMap<>(unpriced));
      warnings = List.copyOf(warnings);
    }

    /** {@code fallback} when any price is from the bundled table, else {@code api}. */
    public String priceSource() {
      return fallbackUsed ? "fallback" : "api";
    }
  }

  public Result prices(Set<PriceKey> wanted, CallGuard guard) {
    List<String> warnings = new ArrayList<>();
    Map<PriceKey, Price> prices = new TreeMap<>();
    Map<PriceKey, String> unpriced = new TreeMap<>();
    PriceCache.Read cached = cache.fresh();
    if (cached.problem() != null) {
      warnings.add("price cache ignored: " + cached.problem());
    }
    Set<PriceKey> missing = new TreeSet<>();
    for (PriceKey key : wanted) {
      Price p = cached.prices().get(key);
      if (p != null) {
        prices.put(key, p);
      } else {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return new Result(prices, unpriced, false, null, warnings);
    }
    PriceLookup answer;
    try {
      answer = source.lookup(missing, guard);
    } catch (ApiException e) {
      boolean used = false;
      for (PriceKey key : missing) {
        Optional<Price> p = fallback.price(key);
        if (p.isPresent()) {
          prices.put(key, p.get());
          used = true;
        } else {
          unpriced.put(key, "Pricing API failed (" + e.getMessage() + ") and no fallback price");
        }
      }
      return new Result(prices, unpriced, used, e.getMessage(), warnings);
    }
    prices.putAll(answer.prices());
    for (PriceKey key : missing) {
      if (!answer.prices().containsKey(key)) {
        unpriced.put(key, answer.unpriced().getOrDefault(key, "the Pricing API did not answer it"));
      }
    }
    if (!answer.prices().isEmpty()) {
      try {
        cache.put(answer.prices());
      } catch (IOException e) {
        warnings.add("price cache not written: " + cache.path() + ": " + e.getMessage());
      }
    }
    return new Result(prices, unpriced, false, null, warnings);
  }
}
