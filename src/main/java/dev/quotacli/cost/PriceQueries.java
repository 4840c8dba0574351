package dev.quotacli.cost;

import dev.quotacli.cost.PriceDocuments.PriceDocument;
import dev.quotacli.cost.PriceDocuments.Rate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The GetProducts query for a {@link PriceKey}, and the choice of one price among the answer's
 * products. Pure.
 *
 * <p>Filters (all TERM_MATCH, all on attributes that fix the price; from the AmazonEC2 and
 * AmazonVPC price lists):
 *
 * <ul>
 *   <li>instances: AmazonEC2, productFamily {@code Compute Instance}, regionCode, instanceType,
 *       operatingSystem, tenancy, preInstalledSw {@code NA}, capacitystatus {@code Used},
 *       licenseModel {@code No License required};
 *   <li>EBS storage: AmazonEC2, productFamily {@code Storage}, regionCode, volumeApiName;
 *   <li>EBS IOPS: AmazonEC2, productFamily {@code System Operation}, regionCode, volumeApiName,
 *       then (client side) usagetype ending in {@code EBS:VolumeP-IOPS.piops} (io1), {@code
 *       EBS:VolumeP-IOPS.io2} (io2 tier 1) or {@code EBS:VolumeP-IOPS.gp3};
 *   <li>EBS throughput: AmazonEC2, productFamily {@code Provisioned Throughput}, regionCode,
 *       volumeApiName, usagetype ending in {@code EBS:VolumeP-Throughput.gp3} (Guess: family name
 *       and unit, MiBps-Mo or GiBps-mo, not confirmed against a live answer);
 *   <li>NAT gateway: AmazonEC2, productFamily {@code NAT Gateway}, regionCode, usagetype ending in
 *       {@code NatGateway-Hours} (the family also holds {@code NatGateway-Bytes});
 *   <li>idle public IPv4: AmazonVPC, group {@code VPCPublicIPv4Address}, regionCode, usagetype
 *       ending in {@code PublicIPv4:IdleAddress} (Guess: group name).
 * </ul>
 *
 * <p>usagetype is matched by suffix on our side because its value carries a region prefix ({@code
 * EUW1-}, none in us-east-1) that TERM_MATCH would need spelled out.
 */
public final class PriceQueries {
  private PriceQueries() {}

  /**
   * One GetProducts query.
   *
   * @param serviceCode {@code AmazonEC2} or {@code AmazonVPC}
   * @param filters TERM_MATCH field → value, in a stable order
   * @param usagetypeSuffix the suffix the product's usagetype must have, or null
   * @param unit the unit the price must be in, or null for any (checked by the run-rate)
   */
  public record Query(
      String serviceCode, Map<String, String> filters, String usagetypeSuffix, String unit) {
    public Query {
      filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }
  }

  /** The answer for one key: a price, or why there is none. */
  public sealed interface Choice permits Priced, Rejected {}

  /**
   * @param price the one price the products agree on
   */
  public record Priced(Price price) implements Choice {}

  /**
   * @param reason one line
   */
  public record Rejected(String reason) implements Choice {}

  public static Query forKey(PriceKey key) {
    Map<String, String> f = new LinkedHashMap<>();
    String region = key.region();
    switch (key.component()) {
      case EC2_INSTANCE_HOURS:
        {
          String[] parts = key.subject().split("\\|", -1);
          if (parts.length != 3) {
            throw new IllegalArgumentException("instance key needs type|os|tenancy: " + key);
          }
          f.put("productFamily", "Compute Instance");
          f.put("regionCode", region);
          f.put("instanceType", parts[0]);
          f.put("operatingSystem", parts[1]);
          f.put("tenancy", parts[2]);
          f.put("preInstalledSw", "NA");
          f.put("capacitystatus", "Used");
          f.put("licenseModel", "No License required");
          return new Query("AmazonEC2", f, null, "Hrs");
        }
      case EBS_STORAGE:
        f.put("productFamily", "Storage");
        f.put("regionCode", region);
        f.put("volumeApiName", key.subject());
        return new Query("AmazonEC2", f, null, "GB-Mo");
      case EBS_IOPS:
        {
          f.put("productFamily", "System Operation");
          f.put("regionCode", region);
          f.put("volumeApiName", key.subject());
          String suffix =
              key.subject().equals("io1")
                  ? "EBS:VolumeP-IOPS.piops"
                  : "EBS:VolumeP-IOPS." + key.subject();
          return new Query("AmazonEC2", f, suffix, "IOPS-Mo");
        }
      case EBS_THROUGHPUT:
        f.put("productFamily", "Provisioned Throughput");
        f.put("regionCode", region);
        f.put("volumeApiName", key.subject());
        return new Query("AmazonEC2", f, "EBS:VolumeP-Throughput." + key.subject(), null);
      case NAT_GATEWAY_HOURS:
        f.put("productFamily", "NAT Gateway");
        f.put("regionCode", region);
        return new Query("AmazonEC2", f, "NatGateway-Hours", "Hrs");
      case PUBLIC_IPV4_IDLE_HOURS:
        f.put("group", "VPCPublicIPv4Address");
        f.put("regionCode", region);
        return new Query("AmazonVPC", f, "PublicIPv4:IdleAddress", "Hrs");
      default:
        throw new IllegalArgumentException("unknown component: " + key.component());
    }
  }

  /**
   * The one price the products agree on. Products of another region or usagetype are dropped; then
   * no product, no USD OnDemand rate, or several different prices (or units) reject the key.
   */
  public static Choice choose(PriceKey key, Query query, List<PriceDocument> products) {
    List<PriceDocument> matching = new ArrayList<>();
    for (PriceDocument d : products) {
      if (!key.region().equals(d.regionCode())) {
        continue;
      }
      if (!query.filters().entrySet().stream()
          .filter(e -> !e.getKey().equals("productFamily"))
          .allMatch(
              e ->
                  d.attribute(e.getKey()) == null
                      || e.getValue().equals(d.attribute(e.getKey())))) {
        continue;
      }
      if (query.usagetypeSuffix() != null) {
        String usage = d.attribute("usagetype");
        if (usage == null || !usage.endsWith(query.usagetypeSuffix())) {
          continue;
        }
      }
      matching.add(d);
    }
    if (matching.isEmpty()) {
      return new Rejected(
          "no product matched " + describe(query) + " (" + products.size() + " returned)");
    }
    Set<String> distinct = new LinkedHashSet<>();
    Map<String, Price> prices = new TreeMap<>();
    for (PriceDocument d : matching) {
      for (Rate r : d.onDemand()) {
        if (query.unit() != null && !query.unit().equalsIgnoreCase(r.unit())) {
          continue;
        }
        String id = r.usd() + " " + r.unit();
        distinct.add(id + " (sku " + d.sku() + ")");
        prices.put(id, new Price(r.usd(), r.unit(), Price.Source.API));
      }
    }
    if (prices.isEmpty()) {
      return new Rejected(
          "no OnDemand USD price"
              + (query.unit() == null ? "" : " in " + query.unit())
              + " among "
              + matching.size()
              + " product(s)");
    }
    if (prices.size() > 1) {
      return new Rejected(
          "ambiguous: "
              + matching.size()
              + " product(s) with "
              + prices.size()
              + " different prices: "
              + String.join(", ", distinct));
    }
    return new Priced(prices.values().iterator().next());
  }

  static String describe(Query q) {
    StringBuilder b = new StringBuilder(q.serviceCode());
    q.filters().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    if (q.usagetypeSuffix() != null) {
      b.append(" usagetype=*").append(q.usagetypeSuffix());
    }
    return b.toString();
  }
}
