package dev.quotacli.collect;

import dev.quotacli.cost.PriceKey;
import dev.quotacli.cost.PriceLookup;
import java.util.Set;

/** Where prices are looked up (the Pricing API adapter implements it). */
public interface PriceSource {
  /**
   * @param wanted the keys to price
   * @param guard every HTTP call goes through it
   * @return a price or a reason for every wanted key
   * @throws ApiException when the API cannot be asked (denied, unavailable, ...)
   */
  PriceLookup lookup(Set<PriceKey> wanted, CallGuard guard);
}
