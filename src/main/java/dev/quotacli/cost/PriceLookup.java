package dev.quotacli.cost;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to "what do these keys cost".
 *
 * @param prices the keys that have one price
 * @param unpriced the keys that have none, with a one-line reason (no product, ambiguous, ...)
 */
public record PriceLookup(Map<PriceKey, Price> prices, Map<PriceKey, String> unpriced) {
  public PriceLookup {
    prices = Collections.unmodifiableMap(new TreeMap<>(prices));
    unpriced = Collections.unmodifiableMap(new TreeMap<>(unpriced));
  }
}
