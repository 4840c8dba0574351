package dev.quotacli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FallbackPricesTest {
  @Test
  void bundledTableHasADateAndTheCommonPricesForBothRegions() {
    FallbackPrices table = FallbackPrices.bundled();
    assertThat(table.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(table.note()).contains("Approximate");
    for (String region : new String[] {"us-east-1", "eu-west-1"}) {
      for (String type : new String[] {"t3.micro", "m5.large", "c5.large"}) {
        assertThat(table.price(PriceKey.instance(region, type, "Linux", "Shared"))).isPresent();
      }
      for (String v : new String[] {"gp2", "gp3", "io1", "st1", "sc1", "standard"}) {
        assertThat(table.price(PriceKey.ebsStorage(region, v)))
            .get()
            .extracting(Price::unit)
            .isEqualTo("GB-Mo");
      }
      assertThat(table.price(PriceKey.ebsIops(region, "io1")))
          .get()
          .extracting(Price::unit)
          .isEqualTo("IOPS-Mo");
      assertThat(table.price(PriceKey.natGatewayHours(region))).isPresent();
      assertThat(table.price(PriceKey.idleIpv4Hours(region))).isPresent();
    }
    assertThat(table.all().values()).allMatch(p -> p.source() == Price.Source.FALLBACK);
    assertThat(table.price(PriceKey.instance("us-east-1", "t3.micro", "Linux", "Shared")))
        .contains(new Price(0.0104, "Hrs", Price.Source.FALLBACK));
  }

  @Test
  void aMalformedTableNamesTheBadEntry() {
    assertThatThrownBy(
            () ->
                FallbackPrices.parse(
                    """
        {"asOf":"2025-06-01","prices":[
          {"region":"us-east-1","component":"NAT_GATEWAY_HOURS","usd":0.045,"unit":"Hrs"},
          {"region":"us-east-1","component":"NAT_GATEWAY_HOURS","usd":"cheap","unit":"Hrs"}]}
        """))
        .hasMessage("fallback price table: prices[1]: usd must be a number");
    assertThatThrownBy(() -> FallbackPrices.parse("{}"))
        .hasMessage("fallback price table needs asOf and prices");
  }
}
