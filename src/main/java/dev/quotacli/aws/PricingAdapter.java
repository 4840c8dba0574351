package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.PriceSource;
import dev.quotacli.cost.Price;
import dev.quotacli.cost.PriceDocuments;
import dev.quotacli.cost.PriceDocuments.PriceDocument;
import dev.quotacli.cost.PriceKey;
import dev.quotacli.cost.PriceLookup;
import dev.quotacli.cost.PriceQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * On-Demand prices from the AWS Price List Query API (GetProducts, asked in us-east-1 with the
 * account's credentials): one query per key with TERM_MATCH filters on every attribute that fixes
 * the price ({@link PriceQueries}), every page through the {@link CallGuard}, and one price only
 * when all matching products agree. Thread-safe.
 */
public final class PricingAdapter implements PriceSource {
  static final String SERVICE = "pricing";
  static final String OPERATION = "GetProducts";

  /** GetProducts allows up to 100. */
  static final int PAGE_SIZE = 100;

  private final AwsClientFactory factory;
  private final Account account;

  public PricingAdapter(AwsClientFactory factory, Account account) {
    this.factory = factory;
    this.account = account;
  }

  /** The keys that have one price; the others are in {@link #lookup}'s {@code unpriced}. */
  public Map<PriceKey, Price> prices(Set<PriceKey> wanted, CallGuard guard) {
    return lookup(wanted, guard).prices();
  }

  @Override
  public PriceLookup lookup(Set<PriceKey> wanted, CallGuard guard) {
    PricingClient client = factory.pricing(account);
    Map<PriceKey, Price> prices = new TreeMap<>();
    Map<PriceKey, String> unpriced = new TreeMap<>();
    for (PriceKey key : new java.util.TreeSet<>(wanted)) {
      PriceQueries.Query query = PriceQueries.forKey(key);
      List<String> documents = products(client, query, guard);
      List<PriceDocument> parsed = new ArrayList<>();
      String bad = null;
      for (String d : documents) {
        try {
          parsed.add(PriceDocuments.parse(d));
        } catch (IllegalArgumentException e) {
          bad = e.getMessage();
        }
      }
      if (bad != null) {
        unpriced.put(key, bad);
        continue;
      }
      PriceQueries.Choice choice = PriceQueries.choose(key, query, parsed);
      if (choice instanceof PriceQueries.Priced p) {
        prices.put(key, p.price());
      } else {
        unpriced.put(key, ((PriceQueries.Rejected) choice).reason());
      }
    }
    return new PriceLookup(prices, unpriced);
  }

  private static List<String> products(
      PricingClient client, PriceQueries.Query query, CallGuard guard) {
    List<Filter> filters = filters(query);
    return GuardedPages.all(
        guard,
        SERVICE,
        OPERATION,
        token -> {
          GetProductsResponse r =
              client.getProducts(
                  b ->
                      b.serviceCode(query.serviceCode())
                          .filters(filters)
                          .formatVersion("aws_v1")
                          .maxResults(PAGE_SIZE)
                          .nextToken(token));
          return new GuardedPages.Page<>(r.priceList(), r.nextToken());
        });
  }

  /** The query's filters as SDK TERM_MATCH filters. Pure. */
  static List<Filter> filters(PriceQueries.Query query) {
    List<Filter> filters = new ArrayList<>();
    query
        .filters()
        .forEach(
            (field, value) ->
                filters.add(
                    Filter.builder()
                        .type(FilterType.TERM_MATCH)
                        .field(field)
                        .value(value)
                        .build()));
    return filters;
  }
}
