package dev.quotacli.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one Pricing GetProducts {@code PriceList} entry: a JSON <em>string</em> holding a
 * price-list document ({@code product.sku}, {@code product.productFamily}, {@code
 * product.attributes}, {@code serviceCode}, {@code terms.OnDemand.<offer>.priceDimensions.<rate>}
 * with {@code unit} and {@code pricePerUnit.USD}). Reserved terms are ignored. Pure.
 *
 * <p>The region is the {@code regionCode} attribute (the same code EC2 uses, e.g. {@code
 * eu-south-2}); GetProducts accepts it as a TERM_MATCH filter, so the location names ("EU (Spain)")
 * are never needed.
 */
public final class PriceDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PriceDocuments() {}

  /**
   * One OnDemand price dimension with a USD price.
   *
   * @param unit e.g. {@code Hrs}, {@code GB-Mo}
   * @param usd the price per unit
   * @param beginRange the tier's start ("0" when untiered)
   * @param endRange the tier's end ("Inf" when untiered)
   * @param description AWS's description
   */
  public record Rate(
      String unit, double usd, String beginRange, String endRange, String description) {}

  /**
   * One product with its OnDemand rates.
   *
   * @param sku the product's SKU
   * @param serviceCode e.g. {@code AmazonEC2}
   * @param productFamily e.g. {@code Compute Instance}, {@code Storage}
   * @param attributes the product attributes (regionCode, instanceType, usagetype, ...)
   * @param onDemand every OnDemand dimension priced in USD
   */
  public record PriceDocument(
      String sku,
      String serviceCode,
      String productFamily,
      Map<String, String> attributes,
      List<Rate> onDemand) {
    public PriceDocument {
      attributes = Map.copyOf(attributes);
      onDemand = List.copyOf(onDemand);
    }

    public String attribute(String name) {
      return attributes.get(name);
    }

    public String regionCode() {
      return attributes.get("regionCode");
    }
  }

  /**
   * Parses one price-list document.
   *
   * @throws IllegalArgumentException when it is not JSON or has no product
   */
  public static PriceDocument parse(String productJson) {
    JsonNode root;
    try {
      root = JSON.readTree(productJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "price-list document is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("product").isObject()) {
      throw new IllegalArgumentException("price-list document has no product");
    }
    JsonNode product = root.path("product");
    Map<String, String> attributes = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = product.path("attributes").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isValueNode()) {
        attributes.put(e.getKey(), e.getValue().asText());
      }
    }
    List<Rate> rates = new ArrayList<>();
    for (JsonNode offer : iterable(root.path("terms").path("OnDemand"))) {
      for (JsonNode dimension : iterable(offer.path("priceDimensions"))) {
        JsonNode usd = dimension.path("pricePerUnit").path("USD");
        if (!usd.isTextual() && !usd.isNumber()) {
          continue;
        }
        double value;
        try {
          value = new BigDecimal(usd.asText().trim()).doubleValue();
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "price-list document has a bad USD price: " + usd.asText());
        }
        rates.add(
            new Rate(
                dimension.path("unit").asText(""),
                value,
                dimension.path("beginRange").asText("0"),
                dimension.path("endRange").asText("Inf"),
                dimension.path("description").asText("")));
      }
    }
    return new PriceDocument(
        product.path("sku").asText(root.path("sku").asText("")),
        root.path("serviceCode").asText(""),
        product.path("productFamily").asText(""),
        attributes,
        rates);
  }

  private static Iterable<JsonNode> iterable(JsonNode objectOfObjects) {
    List<JsonNode> values = new ArrayList<>();
    objectOfObjects.elements().forEachRemaining(values::add);
    return values;
  }
}
