package dev.quotacli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bundled, approximate price table used when the Pricing API cannot be asked ({@code
 * fallback-prices.json} next to this class): a few common us-east-1 and eu-west-1 prices, as of the
 * date it carries. Prices from it have source {@link Price.Source#FALLBACK}. Immutable.
 */
public final class FallbackPrices {
  public static final String RESOURCE = "fallback-prices.json";

  private final String asOf;
  private final String note;
  private final Map<PriceKey, Price> prices;

  private FallbackPrices(String asOf, String note, Map<PriceKey, Price> prices) {
    this.asOf = asOf;
    this.note = note;
    this.prices = Collections.unmodifiableMap(new TreeMap<>(prices));
  }

  /** The table bundled in the jar. */
  public static FallbackPrices bundled() {
    try (InputStream in = FallbackPrices.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses {@code {"asOf": "...", "note": "...", "prices": [{"region", "component", "subject",
   * "usd", "unit"}]}}.
   *
   * @throws IllegalArgumentException on a malformed table
   */
  public static FallbackPrices parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("fallback price table is not JSON: " + e.getMessage());
    }
    if (root == null || !root.path("asOf").isTextual() || !root.path("prices").isArray()) {
      throw new IllegalArgumentException("fallback price table needs asOf and prices");
    }
    Map<PriceKey, Price> prices = new TreeMap<>();
    int i = 0;
    for (JsonNode p : root.path("prices")) {
      try {
        PriceKey key =
            new PriceKey(
                text(p, "region"),
                PriceKey.Component.valueOf(text(p, "component")),
                p.path("subject").asText(""));
        if (!p.path("usd").isNumber()) {
          throw new IllegalArgumentException("usd must be a number");
        }
        Price price =
            new Price(p.path("usd").doubleValue(), text(p, "unit"), Price.Source.FALLBACK);
        if (prices.put(key, price) != null) {
          throw new IllegalArgumentException("duplicate " + key);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "fallback price table: prices[" + i + "]: " + e.getMessage());
      }
      i++;
    }
    return new FallbackPrices(root.path("asOf").asText(), root.path("note").asText(""), prices);
  }

  private static String text(JsonNode node, String field) {
    if (!node.path(field).isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return node.path(field).asText();
  }

  /** The date the prices were read from AWS's public pages. */
  public String asOf() {
    return asOf;
  }

  public String note() {
    return note;
  }

  public Optional<Price> price(PriceKey key) {
    return Optional.ofNullable(prices.get(key));
  }

  public Map<PriceKey, Price> all() {
    return prices;
  }
}
