package dev.quotacli.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.cost.Price;
import dev.quotacli.cost.PriceKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCacheTest {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  private static final PriceKey NAT = PriceKey.natGatewayHours("eu-west-1");
  private static final PriceKey GP3 = PriceKey.ebsStorage("eu-west-1", "gp3");

  @TempDir Path root;

  private PriceCache at(Instant now) {
    return new PriceCache(root, PriceCache.DEFAULT_TTL, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void readsBackApiPricesAsCachedUntilTheTtlEnds() throws Exception {
    at(T0).put(Map.of(NAT, new Price(0.048, "Hrs", Price.Source.API)));

    assertThat(root.resolve("prices.json")).exists();
    assertThat(at(T0.plus(Duration.ofHours(3))).fresh().prices())
        .containsExactly(Map.entry(NAT, new Price(0.048, "Hrs", Price.Source.CACHE)));
    assertThat(at(T0.plus(Duration.ofHours(4))).fresh().prices()).isEmpty();
  }

  @Test
  void eachPriceAgesOnItsOwn() throws Exception {
    at(T0).put(Map.of(NAT, new Price(0.048, "Hrs", Price.Source.API)));
    at(T0.plus(Duration.ofHours(3))).put(Map.of(GP3, new Price(0.088, "GB-Mo", Price.Source.API)));

    assertThat(at(T0.plus(Duration.ofHours(5))).fresh().prices()).containsOnlyKeys(GP3);
  }

  @Test
  void fallbackPricesAreNeverCached() throws Exception {
    at(T0).put(Map.of(NAT, new Price(0.045, "Hrs", Price.Source.FALLBACK)));
    assertThat(at(T0).fresh().prices()).isEmpty();
  }

  @Test
  void aCorruptFileReadsAsEmptyWithAReason() throws Exception {
    Files.writeString(root.resolve("prices.json"), "{oops");
    PriceCache.Read read = at(T0).fresh();
    assertThat(read.prices()).isEmpty();
    assertThat(read.problem()).contains("prices.json");
  }
}
