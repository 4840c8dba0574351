package dev.quotacli.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.cache.PriceCache;
import dev.quotacli.cost.FallbackPrices;
import dev.quotacli.cost.Price;
import dev.quotacli.cost.PriceKey;
import dev.quotacli.cost.PriceLookup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PriceBook} with a small in-memory {@link PriceSource} (our own interface, not an SDK
 * client).
 */
class PriceBookTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
  private static final PriceKey NAT = PriceKey.natGatewayHours("us-east-1");
  private static final PriceKey IPV4 = PriceKey.idleIpv4Hours("us-east-1");
  private static final PriceKey ODD = PriceKey.instance("us-east-1", "x9.huge", "Linux", "Shared");
  private static final CallGuard DIRECT =
      new CallGuard() {
        @Override
        public <T> T call(String service, String operation, java.util.function.Supplier<T> call) {
          return call.get();
        }
      };

  @TempDir Path root;

  /** Answers from a table, or fails; records what it was asked. */
  static final class TableSource implements PriceSource {
    final Map<PriceKey, Price> table;
    final ApiException failure;
    final List<Set<PriceKey>> asked = new ArrayList<>();

    TableSource(Map<PriceKey, Price> table, ApiException failure) {
      this.table = table;
      this.failure = failure;
    }

    @Override
    public PriceLookup lookup(Set<PriceKey> wanted, CallGuard guard) {
      asked.add(new TreeSet<>(wanted));
      if (failure != null) {
        throw failure;
      }
      Map<PriceKey, Price> prices = new java.util.TreeMap<>();
      Map<PriceKey, String> unpriced = new java.util.TreeMap<>();
      wanted.forEach(
          k -> {
            if (table.containsKey(k)) {
              prices.put(k, table.get(k));
            } else {
              unpriced.put(k, "ambiguous: test");
            }
          });
      return new PriceLookup(prices, unpriced);
    }
  }

  private PriceCache cache() {
    return new PriceCache(root, PriceCache.DEFAULT_TTL, CLOCK);
  }

  @Test
  void asksTheApiOnlyForKeysTheCacheLacksAndCachesTheAnswers() throws Exception {
    cache().put(Map.of(NAT, new Price(0.045, "Hrs", Price.Source.API)));
    var source = new TableSource(Map.of(IPV4, new Price(0.005, "Hrs", Price.Source.API)), null);

    PriceBook.Result result =
        new PriceBook(cache(), source, FallbackPrices.bundled())
            .prices(Set.of(NAT, IPV4, ODD), DIRECT);

    assertThat(source.asked).containsExactly(new TreeSet<>(Set.of(IPV4, ODD)));
    assertThat(result.prices())
        .containsExactly(
            Map.entry(NAT, new Price(0.045, "Hrs", Price.Source.CACHE)),
            Map.entry(IPV4, new Price(0.005, "Hrs", Price.Source.API)));
    assertThat(result.unpriced()).containsExactly(Map.entry(ODD, "ambiguous: test"));
    assertThat(result.fallbackUsed()).isFalse();
    assertThat(result.priceSource()).isEqualTo("api");
    assertThat(cache().fresh().prices()).containsOnlyKeys(NAT, IPV4);

    var again = new TableSource(Map.of(), null);
    new PriceBook(cache(), again, FallbackPrices.bundled()).prices(Set.of(NAT, IPV4), DIRECT);
    assertThat(again.asked).isEmpty();
  }

  @Test
  void aFailingApiFallsBackToTheBundledTableAndFlagsIt() {
    var source =
        new TableSource(
            Map.of(),
            new ApiException(
                FailureKind.ACCESS_DENIED, false, false, "GetProducts: AccessDeniedException: no"));

    PriceBook.Result result =
        new PriceBook(cache(), source, FallbackPrices.bundled()).prices(Set.of(NAT, ODD), DIRECT);

    assertThat(result.fallbackUsed()).isTrue();
    assertThat(result.priceSource()).isEqualTo("fallback");
    assertThat(result.apiFailure()).isEqualTo("GetProducts: AccessDeniedException: no");
    assertThat(result.prices())
        .containsExactly(Map.entry(NAT, new Price(0.045, "Hrs", Price.Source.FALLBACK)));
    assertThat(result.unpriced().get(ODD))
        .isEqualTo(
            "Pricing API failed (GetProducts: AccessDeniedException: no) and no fallback price");
    assertThat(cache().fresh().prices()).isEmpty();
  }
}
