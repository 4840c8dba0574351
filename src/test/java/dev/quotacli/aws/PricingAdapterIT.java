package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.cost.Price;
import dev.quotacli.cost.PriceKey;
import dev.quotacli.cost.PriceLookup;
import dev.quotacli.cost.PriceQueries;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.PricingStub;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PricingAdapter} through the real SDK against a WireMock stub of GetProducts. */
class PricingAdapterIT {
  private static final String R = "eu-south-2";
  private static final Account ACCOUNT = Fixtures.anAccount("123456789012");

  private PricingStub stub;
  private AwsClientFactory factory;
  private ApiStats stats;

  @BeforeEach
  void start() {
    stub = PricingStub.start();
    stats = new ApiStats();
    factory =
        new AwsClientFactory(
            new Endpoints(null, Map.of("pricing", stub.endpoint())),
            AwsClientFactory.Timeouts.DEFAULT,
            stats);
  }

  @AfterEach
  void stop() {
    factory.close();
    stub.close();
  }

  private CallGuard guard() {
    return TestClients.guard(stats, ACCOUNT.id().value(), "us-east-1");
  }

  private void answer(PriceKey key, String... documents) {
    PriceQueries.Query q = PriceQueries.forKey(key);
    stub.answer(q.serviceCode(), q.filters(), List.of(documents));
  }

  @Test
  void pricesEveryKindOfKeyAcrossPages() {
    PriceKey micro = PriceKey.instance(R, "t3.micro", "Linux", "Shared");
    PriceKey gp3 = PriceKey.ebsStorage(R, "gp3");
    PriceKey io1Iops = PriceKey.ebsIops(R, "io1");
    PriceKey nat = PriceKey.natGatewayHours(R);
    PriceKey ipv4 = PriceKey.idleIpv4Hours(R);
    stub.pageSize(1);
    // Three products with the same price, one per page (e.g. the same SKU in several offers).
    answer(
        micro,
        PricingStub.instance("S1", R, "t3.micro", "Linux", "Shared", "0.0114000000"),
        PricingStub.instance("S2", R, "t3.micro", "Linux", "Shared", "0.0114000000"),
        PricingStub.instance("S3", R, "t3.micro", "Linux", "Shared", "0.0114000000"));
    answer(gp3, PricingStub.ebsStorage("G3", R, "gp3", "0.0880000000"));
    answer(io1Iops, PricingStub.ebsIops("I1", R, "io1", "0.0720000000"));
    answer(
        nat,
        PricingStub.natGateway("NH", R, "Hours", "Hrs", "0.0480000000"),
        PricingStub.natGateway("NB", R, "Bytes", "GB", "0.0480000000"));
    answer(ipv4, PricingStub.idleIpv4("IP", R, "0.0050000000"));

    PriceLookup lookup =
        new PricingAdapter(factory, ACCOUNT)
            .lookup(Set.of(micro, gp3, io1Iops, nat, ipv4), guard());

    assertThat(lookup.unpriced()).isEmpty();
    assertThat(lookup.prices())
        .containsExactly(
            Map.entry(micro, new Price(0.0114, "Hrs", Price.Source.API)),
            Map.entry(gp3, new Price(0.088, "GB-Mo", Price.Source.API)),
            Map.entry(io1Iops, new Price(0.072, "IOPS-Mo", Price.Source.API)),
            Map.entry(nat, new Price(0.048, "Hrs", Price.Source.API)),
            Map.entry(ipv4, new Price(0.005, "Hrs", Price.Source.API)));
    assertThat(stub.getProductsCalls()).isEqualTo(3 + 1 + 1 + 2 + 1);
  }

  @Test
  void productsWithDifferentPricesLeaveTheKeyUnpricedWithAReason() {
    PriceKey m5 = PriceKey.instance(R, "m5.large", "Linux", "Shared");
    answer(
        m5,
        PricingStub.instance("A", R, "m5.large", "Linux", "Shared", "0.1070000000"),
        PricingStub.instance("B", R, "m5.large", "Linux", "Shared", "0.1340000000"));
    PriceKey none = PriceKey.ebsStorage(R, "sc1");
    answer(none);

    PriceLookup lookup = new PricingAdapter(factory, ACCOUNT).lookup(Set.of(m5, none), guard());

    assertThat(lookup.prices()).isEmpty();
    assertThat(lookup.unpriced().get(m5))
        .startsWith("ambiguous: 2 product(s) with 2 different prices");
    assertThat(lookup.unpriced().get(none))
        .startsWith("no product matched AmazonEC2 productFamily=Storage");
  }

  @Test
  void accessDeniedFailsAtOnce() {
    stub.fail(
        400, "AccessDeniedException", "User is not authorized to perform: pricing:GetProducts");

    assertThatThrownBy(
            () ->
                new PricingAdapter(factory, ACCOUNT)
                    .prices(Set.of(PriceKey.natGatewayHours(R)), guard()))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.ACCESS_DENIED))
        .hasMessageContaining("GetProducts: AccessDeniedException");
    assertThat(stub.getProductsCalls()).isEqualTo(1);
  }

  @Test
  void aServerErrorIsRetriedThenFails() {
    stub.fail(500, "InternalErrorException", "boom");

    assertThatThrownBy(
            () ->
                new PricingAdapter(factory, ACCOUNT)
                    .prices(Set.of(PriceKey.natGatewayHours(R)), guard()))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE));
    assertThat(stub.getProductsCalls()).isGreaterThan(1);
  }
}
