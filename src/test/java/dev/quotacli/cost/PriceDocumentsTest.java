package dev.quotacli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.cost.PriceDocuments.PriceDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PriceDocuments} and {@link PriceQueries} on documents shaped like real PriceList entries.
 */
class PriceDocumentsTest {
  /** An AmazonEC2 product as GetProducts returns it (abridged attributes; terms as published). */
  static String ec2Document(
      String sku, String region, String type, String os, String tenancy, String usd) {
    return """
        {"product":{"productFamily":"Compute Instance","attributes":{
          "enhancedNetworkingSupported":"Yes","memory":"1 GiB","vcpu":"2","capacitystatus":"Used",
          "locationType":"AWS Region","storage":"EBS only","instanceFamily":"General purpose",
          "operatingSystem":"%4$s","regionCode":"%2$s","physicalProcessor":"Intel Skylake E5 2686 v5",
          "servicename":"Amazon Elastic Compute Cloud","instanceType":"%3$s","usagetype":"EUS2-BoxUsage:%3$s",
          "location":"Europe (Spain)","tenancy":"%5$s","operation":"RunInstances","licenseModel":"No License required",
          "servicecode":"AmazonEC2","preInstalledSw":"NA","marketoption":"OnDemand"},"sku":"%1$s"},
         "serviceCode":"AmazonEC2",
         "terms":{"OnDemand":{"%1$s.JRTCKXETXF":{"priceDimensions":{"%1$s.JRTCKXETXF.6YS6EN2CT7":{
           "unit":"Hrs","endRange":"Inf","description":"$%6$s per On Demand Linux %3$s Instance Hour",
           "appliesTo":[],"rateCode":"%1$s.JRTCKXETXF.6YS6EN2CT7","beginRange":"0",
           "pricePerUnit":{"USD":"%6$s"}}},"sku":"%1$s","effectiveDate":"2025-06-01T00:00:00Z",
           "offerTermCode":"JRTCKXETXF","termAttributes":{}}},
          "Reserved":{"%1$s.4NA7Y494T4":{"priceDimensions":{"%1$s.4NA7Y494T4.6YS6EN2CT7":{"unit":"Hrs",
           "pricePerUnit":{"USD":"0.0071000000"},"beginRange":"0","endRange":"Inf"}},"sku":"%1$s",
           "offerTermCode":"4NA7Y494T4","termAttributes":{"LeaseContractLength":"1yr","PurchaseOption":"No Upfront"}}}},
         "version":"20250601000000","publicationDate":"2025-06-01T00:00:00Z"}
        """
        .formatted(sku, region, type, os, tenancy, usd);
  }

  static String natDocument(String sku, String region, String usagetype, String unit, String usd) {
    return """
        {"product":{"productFamily":"NAT Gateway","attributes":{"regionCode":"%2$s","servicecode":"AmazonEC2",
          "usagetype":"%3$s","operation":"NatGateway","group":"NGW:NatGateway","location":"Europe (Spain)"},
          "sku":"%1$s"},"serviceCode":"AmazonEC2",
         "terms":{"OnDemand":{"%1$s.JRTCKXETXF":{"priceDimensions":{"%1$s.JRTCKXETXF.6YS6EN2CT7":{
           "unit":"%4$s","endRange":"Inf","beginRange":"0","description":"NAT gateway",
           "pricePerUnit":{"USD":"%5$s"}}},"sku":"%1$s","offerTermCode":"JRTCKXETXF"}}},
         "version":"20250601000000"}
        """
        .formatted(sku, region, usagetype, unit, usd);
  }

  @Test
  void parsesTheOnDemandUsdPriceAndIgnoresReservedTerms() {
    PriceDocument d =
        PriceDocuments.parse(
            ec2Document("ABC123", "eu-south-2", "t3.micro", "Linux", "Shared", "0.0114000000"));

    assertThat(d.sku()).isEqualTo("ABC123");
    assertThat(d.serviceCode()).isEqualTo("AmazonEC2");
    assertThat(d.productFamily()).isEqualTo("Compute Instance");
    assertThat(d.regionCode()).isEqualTo("eu-south-2");
    assertThat(d.attribute("instanceType")).isEqualTo("t3.micro");
    assertThat(d.onDemand())
        .extracting(PriceDocuments.Rate::unit, PriceDocuments.Rate::usd)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Hrs", 0.0114));
  }

  @Test
  void rejectsTextThatIsNotAPriceDocument() {
    assertThatThrownBy(() -> PriceDocuments.parse("{not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("price-list document is not JSON");
    assertThatThrownBy(() -> PriceDocuments.parse("{\"terms\":{}}"))
        .hasMessage("price-list document has no product");
  }

  @Test
  void instanceQueryFiltersOnEveryPriceFixingAttribute() {
    PriceQueries.Query q =
        PriceQueries.forKey(PriceKey.instance("eu-south-2", "t3.micro", "Linux", "Shared"));
    assertThat(q.serviceCode()).isEqualTo("AmazonEC2");
    assertThat(q.filters())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("productFamily", "Compute Instance"),
            org.assertj.core.api.Assertions.entry("regionCode", "eu-south-2"),
            org.assertj.core.api.Assertions.entry("instanceType", "t3.micro"),
            org.assertj.core.api.Assertions.entry("operatingSystem", "Linux"),
            org.assertj.core.api.Assertions.entry("tenancy", "Shared"),
            org.assertj.core.api.Assertions.entry("preInstalledSw", "NA"),
            org.assertj.core.api.Assertions.entry("capacitystatus", "Used"),
            org.assertj.core.api.Assertions.entry("licenseModel", "No License required"));
  }

  @Test
  void productsAgreeingOnOnePriceGiveThatPrice() {
    PriceKey key = PriceKey.instance("eu-south-2", "t3.micro", "Linux", "Shared");
    var docs =
        List.of(
            PriceDocuments.parse(
                ec2Document("A", "eu-south-2", "t3.micro", "Linux", "Shared", "0.0114000000")),
            PriceDocuments.parse(
                ec2Document("B", "eu-south-2", "t3.micro", "Linux", "Shared", "0.0114")));
    assertThat(PriceQueries.choose(key, PriceQueries.forKey(key), docs))
        .isEqualTo(new PriceQueries.Priced(new Price(0.0114, "Hrs", Price.Source.API)));
  }

  @Test
  void productsWithDifferentPricesAreAmbiguousNotTheFirstOne() {
    PriceKey key = PriceKey.instance("eu-south-2", "t3.micro", "Linux", "Shared");
    var docs =
        List.of(
            PriceDocuments.parse(
                ec2Document("A", "eu-south-2", "t3.micro", "Linux", "Shared", "0.0114")),
            PriceDocuments.parse(
                ec2Document("B", "eu-south-2", "t3.micro", "Linux", "Shared", "0.0250")));
    var choice = PriceQueries.choose(key, PriceQueries.forKey(key), docs);
    assertThat(choice).isInstanceOf(PriceQueries.Rejected.class);
    assertThat(((PriceQueries.Rejected) choice).reason())
        .startsWith("ambiguous: 2 product(s) with 2 different prices");
  }

  @Test
  void productsOfAnotherRegionOrUsagetypeAreDropped() {
    PriceKey key = PriceKey.natGatewayHours("eu-south-2");
    var docs =
        List.of(
            PriceDocuments.parse(
                natDocument("H", "eu-south-2", "EUS2-NatGateway-Hours", "Hrs", "0.0480000000")),
            PriceDocuments.parse(
                natDocument("B", "eu-south-2", "EUS2-NatGateway-Bytes", "GB", "0.0480000000")),
            PriceDocuments.parse(
                natDocument("X", "eu-west-1", "EU-NatGateway-Hours", "Hrs", "0.0500000000")));
    assertThat(PriceQueries.choose(key, PriceQueries.forKey(key), docs))
        .isEqualTo(new PriceQueries.Priced(new Price(0.048, "Hrs", Price.Source.API)));
  }

  @Test
  void noMatchingProductIsAReason() {
    PriceKey key = PriceKey.natGatewayHours("eu-south-2");
    var choice = PriceQueries.choose(key, PriceQueries.forKey(key), List.of());
    assertThat(((PriceQueries.Rejected) choice).reason())
        .isEqualTo(
            "no product matched AmazonEC2 productFamily=NAT Gateway regionCode=eu-south-2 usagetype=*NatGateway-Hours (0 returned)");
  }
}
