package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import dev.quotacli.account.Account;
import dev.quotacli.cache.PriceCache;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.PriceBook;
import dev.quotacli.cost.EbsVolume;
import dev.quotacli.cost.Ec2Running;
import dev.quotacli.cost.FallbackPrices;
import dev.quotacli.cost.IdleAddress;
import dev.quotacli.cost.NatGateway;
import dev.quotacli.cost.PriceKey;
import dev.quotacli.cost.PriceQueries;
import dev.quotacli.cost.RunRate;
import dev.quotacli.cost.RunningResource;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.MotoServer;
import dev.quotacli.testing.PricingStub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * The live run-rate end to end: resources seeded in moto (eu-south-2, which no other test uses),
 * read by {@link RunningResources}, priced through {@link PriceBook} by {@link PricingAdapter}
 * against {@link PricingStub}, summed by {@link RunRate}.
 */
class RunRateIT {
  private static final String R = "eu-south-2";
  private static final Region REGION = new Region(R);
  private static final Account ACCOUNT = Fixtures.anAccount(MotoServer.DEFAULT_ACCOUNT);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  private static List<RunningResource> resources;

  private PricingStub stub;
  private AwsClientFactory factory;
  private ApiStats stats;
  @TempDir Path cacheRoot;

  @BeforeAll
  static void seed() {
    try (AwsClientFactory seeding =
        new AwsClientFactory(
            new Endpoints(MotoServer.shared().endpoint(), Map.of()),
            AwsClientFactory.Timeouts.DEFAULT,
            new ApiStats())) {
      Ec2Client ec2 = seeding.ec2(ACCOUNT, REGION);
      String ami =
          ec2.describeImages(b -> b.owners("amazon")).images().stream()
              .filter(i -> i.platform() == null && "x86_64".equals(i.architectureAsString()))
              .findFirst()
              .orElseThrow()
              .imageId();
      ec2.runInstances(
          b -> b.imageId(ami).instanceType(InstanceType.T3_MICRO).minCount(2).maxCount(2));
      ec2.createVolume(b -> b.availabilityZone(R + "a").volumeType(VolumeType.GP3).size(100));
      ec2.createVolume(
          b -> b.availabilityZone(R + "a").volumeType(VolumeType.IO1).size(50).iops(1000));
      ec2.allocateAddress(b -> b.domain(DomainType.VPC));
      String subnet = TestClients.network(ec2, R, "10.77", "a").subnetIds().get(0);
      String natIp = ec2.allocateAddress(b -> b.domain(DomainType.VPC)).allocationId();
      ec2.createNatGateway(b -> b.subnetId(subnet).allocationId(natIp));
    }
  }

  @BeforeEach
  void start() {
    stub = PricingStub.start();
    stats = new ApiStats();
    factory =
        new AwsClientFactory(
            new Endpoints(MotoServer.shared().endpoint(), Map.of("pricing", stub.endpoint())),
            AwsClientFactory.Timeouts.DEFAULT,
            stats);
    if (resources == null) {
      resources = new RunningResources(factory, ACCOUNT).in(REGION, guard(R));
    }
  }

  @AfterEach
  void stop() {
    factory.close();
    stub.close();
  }

  @AfterAll
  static void forget() {
    resources = null;
  }

  private CallGuard guard(String region) {
    return TestClients.guard(stats, ACCOUNT.id().value(), region);
  }

  private void answer(PriceKey key, String... documents) {
    PriceQueries.Query q = PriceQueries.forKey(key);
    stub.answer(q.serviceCode(), q.filters(), List.of(documents));
  }

  /** Root volumes moto creates for the instances (type and size as moto reports them). */
  private static List<EbsVolume> rootVolumes() {
    return resources.stream()
        .filter(
            r ->
                r instanceof EbsVolume v
                    && !(v.volumeType().equals("gp3") && v.sizeGiB() == 100)
                    && !(v.volumeType().equals("io1") && v.sizeGiB() == 50))
        .map(r -> (EbsVolume) r)
        .toList();
  }

  @Test
  void readsWhatRunsInTheRegion() {
    assertThat(resources)
        .filteredOn(r -> r instanceof Ec2Running)
        .containsExactly(
            new Ec2Running(R, "t3.micro", "Linux", "Shared"),
            new Ec2Running(R, "t3.micro", "Linux", "Shared"));
    assertThat(resources)
        .filteredOn(r -> r instanceof EbsVolume v && !rootVolumes().contains(v))
        .extracting(
            r -> ((EbsVolume) r).volumeType(),
            r -> ((EbsVolume) r).sizeGiB(),
            r -> ((EbsVolume) r).iops())
        .containsExactlyInAnyOrder(tuple("gp3", 100, 3000), tuple("io1", 50, 1000));
    assertThat(resources)
        .filteredOn(r -> r instanceof NatGateway)
        .containsExactly(new NatGateway(R));
    assertThat(resources)
        .filteredOn(r -> r instanceof IdleAddress)
        .containsExactly(new IdleAddress(R));
  }

  @Test
  void computesTheRunRateFromPricingApiPrices() {
    answer(
        PriceKey.instance(R, "t3.micro", "Linux", "Shared"),
        PricingStub.instance("T3", R, "t3.micro", "Linux", "Shared", "0.0114000000"));
    for (String type : new String[] {"gp2", "gp3", "io1", "standard"}) {
      answer(
          PriceKey.ebsStorage(R, type),
          PricingStub.ebsStorage(
              "S" + type,
              R,
              type,
              Map.of(
                      "gp2",
                      "0.1100000000",
                      "gp3",
                      "0.0880000000",
                      "io1",
                      "0.1380000000",
                      "standard",
                      "0.0550000000")
                  .get(type)));
    }
    answer(PriceKey.ebsIops(R, "io1"), PricingStub.ebsIops("IO1", R, "io1", "0.0720000000"));
    answer(
        PriceKey.natGatewayHours(R),
        PricingStub.natGateway("NH", R, "Hours", "Hrs", "0.0480000000"),
        PricingStub.natGateway("NB", R, "Bytes", "GB", "0.0480000000"));
    answer(PriceKey.idleIpv4Hours(R), PricingStub.idleIpv4("IP", R, "0.0050000000"));
    PriceBook book =
        new PriceBook(
            new PriceCache(cacheRoot, PriceCache.DEFAULT_TTL, CLOCK),
            new PricingAdapter(factory, ACCOUNT),
            FallbackPrices.bundled());

    PriceBook.Result prices = book.prices(RunRate.wanted(resources), guard("us-east-1"));
    RunRate.Result rate = RunRate.compute(resources, prices.prices(), prices.unpriced());

    assertThat(prices.fallbackUsed()).isFalse();
    assertThat(rate.unpriced()).isEmpty();
    double rootGiBMonth =
        rootVolumes().stream()
            .mapToDouble(
                v ->
                    v.sizeGiB()
                        * Map.of("gp2", 0.11, "gp3", 0.088, "standard", 0.055).get(v.volumeType()))
            .sum();
    assertThat(rate.lines())
        .filteredOn(l -> !l.service().equals("ebs"))
        .extracting(
            RunRate.Line::service,
            RunRate.Line::resourceType,
            RunRate.Line::count,
            RunRate.Line::usdPerHour)
        .containsExactly(
            tuple("ec2", "t3.micro", 2, 0.0228),
            tuple("vpc", "nat_gateway", 1, 0.048),
            tuple("vpc", "public_ipv4_idle", 1, 0.005));
    assertThat(rate.lines())
        .filteredOn(l -> l.resourceType().equals("io1"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.usdPerHour())
                    .isCloseTo((50 * 0.138 + 1000 * 0.072) / 730, within(1e-12)));
    assertThat(rate.totalUsdPerHour())
        .isCloseTo(
            0.0228 + 0.048 + 0.005 + (100 * 0.088 + 50 * 0.138 + 1000 * 0.072 + rootGiBMonth) / 730,
            within(1e-12));

    // A second pass within the TTL is answered from the cache: no GetProducts call.
    int calls = stub.getProductsCalls();
    PriceBook.Result again = book.prices(RunRate.wanted(resources), guard("us-east-1"));
    assertThat(stub.getProductsCalls()).isEqualTo(calls);
    assertThat(again.prices())
        .isEqualTo(
            prices.prices().entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().withSource(dev.quotacli.cost.Price.Source.CACHE))));
  }

  @Test
  void aFailingPricingApiFallsBackToTheTableAndFlagsIt() {
    stub.fail(
        400, "AccessDeniedException", "User is not authorized to perform: pricing:GetProducts");
    // The bundled table covers us-east-1 and eu-west-1 only; this one covers part of eu-south-2.
    FallbackPrices table =
        FallbackPrices.parse(
            """
        {"asOf":"2025-06-01","prices":[
          {"region":"eu-south-2","component":"EC2_INSTANCE_HOURS","subject":"t3.micro|Linux|Shared","usd":0.0114,"unit":"Hrs"},
          {"region":"eu-south-2","component":"NAT_GATEWAY_HOURS","usd":0.048,"unit":"Hrs"}]}
        """);
    PriceBook book =
        new PriceBook(
            new PriceCache(cacheRoot, PriceCache.DEFAULT_TTL, CLOCK),
            new PricingAdapter(factory, ACCOUNT),
            table);

    PriceBook.Result prices = book.prices(RunRate.wanted(resources), guard("us-east-1"));
    RunRate.Result rate = RunRate.compute(resources, prices.prices(), prices.unpriced());

    assertThat(prices.fallbackUsed()).isTrue();
    assertThat(prices.priceSource()).isEqualTo("fallback");
    assertThat(prices.apiFailure()).contains("AccessDeniedException");
    assertThat(rate.lines())
        .extracting(RunRate.Line::resourceType, RunRate.Line::usdPerHour)
        .containsExactly(tuple("t3.micro", 0.0228), tuple("nat_gateway", 0.048));
    assertThat(rate.unpriced())
        .extracting(RunRate.Unpriced::reason)
        .allMatch(
            reason -> reason.contains("Pricing API failed (GetProducts: AccessDeniedException"));
    assertThat(rate.unpriced()).extracting(RunRate.Unpriced::resource).contains(new IdleAddress(R));
    assertThat(new PriceCache(cacheRoot, PriceCache.DEFAULT_TTL, CLOCK).fresh().prices()).isEmpty();
  }
}
