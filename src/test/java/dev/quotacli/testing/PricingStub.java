package dev.quotacli.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A WireMock server (127.0.0.1, dynamic port) answering like the AWS Price List Query API (JSON
 * 1.1: {@code POST /}, {@code X-Amz-Target: AWSPriceListService.GetProducts}, body {@code
 * {ServiceCode, Filters: [{Type: TERM_MATCH, Field, Value}], FormatVersion, NextToken,
 * MaxResults}}, answer {@code {"FormatVersion": "aws_v1", "PriceList": ["<product JSON as a
 * string>", ...], "NextToken": ...}}), for the real SDK client through {@code endpointOverride}.
 *
 * <p>{@link #answer} registers the products a query with (at least) the given filters returns, cut
 * into pages of {@link #pageSize}; a query no answer matches gets WireMock's 404, so a forgotten
 * stub shows up. {@link #fail} makes every GetProducts call fail. The document builders produce the
 * real price-list shape (product / serviceCode / terms.OnDemand / terms.Reserved).
 */
public final class PricingStub implements AutoCloseable {
  public static final String TARGET = "AWSPriceListService.GetProducts";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private int pageSize = 100;
  private int answers;

  private PricingStub(WireMockServer server) {
    this.server = server;
  }

  public static PricingStub start() {
    WireMockServer server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return new PricingStub(server);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Products per page for answers registered from now on. */
  public PricingStub pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /** Drops every stub (and the failure), keeping the request log. */
  public void clear() {
    server.resetMappings();
  }

  /** How many GetProducts requests arrived. */
  public int getProductsCalls() {
    return server
        .countRequestsMatching(
            postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).build())
        .getCount();
  }

  /**
   * A query on {@code serviceCode} whose TERM_MATCH filters include {@code filters} returns {@code
   * documents} (each a product JSON), paged.
   */
  public PricingStub answer(
      String serviceCode, Map<String, String> filters, List<String> documents) {
    int id = ++answers;
    int pages = Math.max(1, (documents.size() + pageSize - 1) / pageSize);
    for (int page = 0; page < pages; page++) {
      ObjectNode body = JSON.createObjectNode();
      body.put("FormatVersion", "aws_v1");
      ArrayNode list = body.putArray("PriceList");
      documents
          .subList(page * pageSize, Math.min(documents.size(), (page + 1) * pageSize))
          .forEach(list::add);
      if (page + 1 < pages) {
        body.put("NextToken", token(id, page + 1));
      }
      MappingBuilder request = request(serviceCode, filters).atPriority(10);
      request =
          page == 0
              ? request.withRequestBody(not(matchingJsonPath("$.NextToken")))
              : request.withRequestBody(matchingJsonPath("$.NextToken", equalTo(token(id, page))));
      server.stubFor(request.willReturn(json(200, write(body))));
    }
    return this;
  }

  /** Every GetProducts call answers {@code status} with the JSON 1.1 error {@code type}. */
  public PricingStub fail(int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("Message", message);
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(TARGET))
            .atPriority(1)
            .willReturn(json(status, write(body))));
    return this;
  }

  private static MappingBuilder request(String serviceCode, Map<String, String> filters) {
    MappingBuilder b =
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(TARGET))
            .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo(serviceCode)))
            .withRequestBody(matchingJsonPath("$.FormatVersion", equalTo("aws_v1")));
    for (Map.Entry<String, String> f : filters.entrySet()) {
      b =
          b.withRequestBody(
              matchingJsonPath(
                  "$.Filters[?(@.Type == 'TERM_MATCH' && @.Field == '"
                      + f.getKey()
                      + "' && @.Value == '"
                      + f.getValue()
                      + "')]"));
    }
    return b;
  }

  private static String token(int answer, int page) {
    return "tok-" + answer + "-" + page;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", CONTENT_TYPE)
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody(body);
  }

  // ---------------------------------------------------------------- documents

  /**
   * A price-list document with one OnDemand dimension (and a Reserved term, which must be ignored).
   */
  public static String document(
      String sku,
      String serviceCode,
      String productFamily,
      Map<String, String> attributes,
      String unit,
      String usd) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode product = root.putObject("product");
    product.put("productFamily", productFamily);
    ObjectNode attrs = product.putObject("attributes");
    attrs.put("servicecode", serviceCode);
    attributes.forEach(attrs::put);
    product.put("sku", sku);
    root.put("serviceCode", serviceCode);
    ObjectNode terms = root.putObject("terms");
    ObjectNode offer = terms.putObject("OnDemand").putObject(sku + ".JRTCKXETXF");
    ObjectNode dim = offer.putObject("priceDimensions").putObject(sku + ".JRTCKXETXF.6YS6EN2CT7");
    dim.put("unit", unit);
    dim.put("endRange", "Inf");
    dim.put("description", "$" + usd + " per " + unit);
    dim.putArray("appliesTo");
    dim.put("rateCode", sku + ".JRTCKXETXF.6YS6EN2CT7");
    dim.put("beginRange", "0");
    dim.putObject("pricePerUnit").put("USD", usd);
    offer.put("sku", sku);
    offer.put("effectiveDate", "2025-06-01T00:00:00Z");
    offer.put("offerTermCode", "JRTCKXETXF");
    offer.putObject("termAttributes");
    ObjectNode reserved = terms.putObject("Reserved").putObject(sku + ".4NA7Y494T4");
    ObjectNode rdim =
        reserved.putObject("priceDimensions").putObject(sku + ".4NA7Y494T4.6YS6EN2CT7");
    rdim.put("unit", unit);
    rdim.putObject("pricePerUnit").put("USD", "0.0000000001");
    reserved.putObject("termAttributes").put("LeaseContractLength", "1yr");
    root.put("version", "20250601000000");
    root.put("publicationDate", "2025-06-01T00:00:00Z");
    return write(root);
  }

  /** The usagetype prefix of a region (none in us-east-1), as in the real price lists. */
  public static String usagePrefix(String region) {
    return switch (region) {
      case "us-east-1" -> "";
      case "eu-west-1" -> "EU-";
      case "eu-south-2" -> "EUS2-";
      default -> region.toUpperCase(java.util.Locale.ROOT).replace("-", "") + "-";
    };
  }

  public static String instance(
      String sku, String region, String type, String os, String tenancy, String usd) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("regionCode", region);
    a.put("location", "Somewhere");
    a.put("instanceType", type);
    a.put("operatingSystem", os);
    a.put("tenancy", tenancy);
    a.put("preInstalledSw", "NA");
    a.put("capacitystatus", "Used");
    a.put("licenseModel", "No License required");
    a.put("operation", "RunInstances");
    a.put("usagetype", usagePrefix(region) + "BoxUsage:" + type);
    return document(sku, "AmazonEC2", "Compute Instance", a, "Hrs", usd);
  }

  public static String ebsStorage(String sku, String region, String volumeType, String usd) {
    String usage =
        switch (volumeType) {
          case "standard" -> "EBS:VolumeUsage";
          case "io1" -> "EBS:VolumeUsage.piops";
          default -> "EBS:VolumeUsage." + volumeType;
        };
    return document(
        sku,
        "AmazonEC2",
        "Storage",
        Map.of(
            "regionCode",
            region,
            "volumeApiName",
            volumeType,
            "usagetype",
            usagePrefix(region) + usage),
        "GB-Mo",
        usd);
  }

  public static String ebsIops(String sku, String region, String volumeType, String usd) {
    String usage =
        volumeType.equals("io1") ? "EBS:VolumeP-IOPS.piops" : "EBS:VolumeP-IOPS." + volumeType;
    return document(
        sku,
        "AmazonEC2",
        "System Operation",
        Map.of(
            "regionCode",
            region,
            "volumeApiName",
            volumeType,
            "group",
            "EBS IOPS",
            "usagetype",
            usagePrefix(region) + usage),
        "IOPS-Mo",
        usd);
  }

  public static String natGateway(String sku, String region, String what, String unit, String usd) {
    return document(
        sku,
        "AmazonEC2",
        "NAT Gateway",
        Map.of(
            "regionCode",
            region,
            "group",
            "NGW:NatGateway",
            "operation",
            "NatGateway",
            "usagetype",
            usagePrefix(region) + "NatGateway-" + what),
        unit,
        usd);
  }

  public static String idleIpv4(String sku, String region, String usd) {
    return document(
        sku,
        "AmazonVPC",
        "VPC Public IPv4 Address",
        Map.of(
            "regionCode",
            region,
            "group",
            "VPCPublicIPv4Address",
            "usagetype",
            usagePrefix(region) + "PublicIPv4:IdleAddress"),
        "Hrs",
        usd);
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
