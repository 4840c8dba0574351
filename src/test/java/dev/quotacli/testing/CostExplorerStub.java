package dev.quotacli.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A WireMock server (127.0.0.1, dynamic port) that answers like AWS Cost Explorer for what moto
 * 5.2.1 lacks (GetCostForecast, GetRightsizingRecommendation) and for paging and error cases. JSON
 * 1.1 protocol: {@code POST /}, {@code X-Amz-Target: AWSInsightsIndexService.<Operation>}, {@code
 * Content-Type: application/x-amz-json-1.1}; errors as {@code {"__type":..,"Message":..}}. Paged
 * answers are chained by {@code NextPageToken} values {@code page-2}, {@code page-3}, ...; an
 * operation that was not stubbed gets WireMock's 404. Thread-safe.
 */
public final class CostExplorerStub implements AutoCloseable {
  public static final String TARGET_PREFIX = "AWSInsightsIndexService.";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  public static final String GET_COST_AND_USAGE = "GetCostAndUsage";
  public static final String GET_COST_FORECAST = "GetCostForecast";
  public static final String GET_RIGHTSIZING = "GetRightsizingRecommendation";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;

  private CostExplorerStub(Extension... extensions) {
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(extensions));
    server.start();
  }

  public static CostExplorerStub start() {
    return new CostExplorerStub();
  }

  /**
   * A stub that answers every Cost Explorer request from an emulated organization, as Cost Explorer
   * would for the account whose access key signed it (see {@link EmulatedOrganization}).
   */
  public static CostExplorerStub emulating(EmulatedOrganization organization) {
    String name = "emulated-organization";
    ResponseDefinitionTransformerV2 answers =
        new ResponseDefinitionTransformerV2() {
          @Override
          public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String target = request.getHeader("X-Amz-Target");
            var answer =
                organization.answer(
                    target.substring(TARGET_PREFIX.length()),
                    request.getHeader("Authorization"),
                    request.getBodyAsString());
            return json(answer.status(), answer.body()).build();
          }

          @Override
          public boolean applyGlobally() {
            return false;
          }

          @Override
          public String getName() {
            return name;
          }
        };
    CostExplorerStub stub = new CostExplorerStub(answers);
    stub.server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", matching(Pattern.quote(TARGET_PREFIX) + ".+"))
            .willReturn(aResponse().withTransformers(name)));
    return stub;
  }

  /** Requests of every operation received. */
  public int totalRequests() {
    return requests(GET_COST_AND_USAGE) + requests(GET_COST_FORECAST) + requests(GET_RIGHTSIZING);
  }

  /** {@code http://127.0.0.1:<port>}, for the SDK's endpoint override. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  // ------------------------------------------------------------ answers

  /**
   * The pages of an operation, in order: page 1 answers a request without NextPageToken, page i (i
   * >= 2) one with NextPageToken {@code page-i}; each page but the last gets the next token added.
   */
  public CostExplorerStub pages(String operation, List<ObjectNode> pages) {
    for (int i = 0; i < pages.size(); i++) {
      ObjectNode body = pages.get(i).deepCopy();
      if (i + 1 < pages.size()) {
        body.put("NextPageToken", "page-" + (i + 2));
      }
      MappingBuilder request = request(operation);
      request =
          i == 0
              ? request.withRequestBody(not(matchingJsonPath("$.NextPageToken")))
              : request.withRequestBody(
                  matchingJsonPath("$.NextPageToken", equalTo("page-" + (i + 1))));
      server.stubFor(request.willReturn(ok(body)));
    }
    return this;
  }

  /** GetCostForecast answers mean (as Total and one MeanValue) and, when not null, the bounds. */
  public CostExplorerStub forecast(
      String start, String end, String mean, String lower, String upper) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode total = body.putObject("Total");
    total.put("Amount", mean);
    total.put("Unit", "USD");
    ObjectNode result = body.putArray("ForecastResultsByTime").addObject();
    ObjectNode period = result.putObject("TimePeriod");
    period.put("Start", start);
    period.put("End", end);
    result.put("MeanValue", mean);
    if (lower != null) {
      result.put("PredictionIntervalLowerBound", lower);
    }
    if (upper != null) {
      result.put("PredictionIntervalUpperBound", upper);
    }
    server.stubFor(request(GET_COST_FORECAST).willReturn(ok(body)));
    return this;
  }

  /**
   * The next request of an operation (whatever its body) answers HTTP 400 LimitExceededException
   * "Rate limit exceeded", as Cost Explorer throttles; later ones get the stubbed answers.
   */
  public CostExplorerStub throttleFirst(String operation) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", "LimitExceededException");
    body.put("Message", "Rate limit exceeded");
    String scenario = "throttle-" + operation + "-" + UUID.randomUUID();
    server.stubFor(
        request(operation)
            .atPriority(1)
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("throttled")
            .willReturn(json(400, body)));
    return this;
  }

  /** Every request of an operation fails with HTTP {@code status} and the error type. */
  public CostExplorerStub error(String operation, int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("Message", message);
    server.stubFor(request(operation).atPriority(1).willReturn(json(status, body)));
    return this;
  }

  // ------------------------------------------------------------ JSON builders

  /** A GetCostAndUsage page: one ResultByTime per period. */
  public static ObjectNode costAndUsagePage(ObjectNode... resultsByTime) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode results = body.putArray("ResultsByTime");
    for (ObjectNode r : resultsByTime) {
      results.add(r);
    }
    body.putArray("DimensionValueAttributes");
    body.putArray("GroupDefinitions");
    return body;
  }

  /** A ResultByTime; {@code groups} are (key1, key2, amount) triples of the metric. */
  public static ObjectNode resultByTime(
      String start, String end, boolean estimated, String metric, String... groups) {
    if (groups.length % 3 != 0) {
      throw new IllegalArgumentException("groups are key1, key2, amount triples");
    }
    ObjectNode r = JSON.createObjectNode();
    ObjectNode period = r.putObject("TimePeriod");
    period.put("Start", start);
    period.put("End", end);
    r.putObject("Total");
    ArrayNode array = r.putArray("Groups");
    for (int i = 0; i < groups.length; i += 3) {
      ObjectNode g = array.addObject();
      g.putArray("Keys").add(groups[i]).add(groups[i + 1]);
      ObjectNode m = g.putObject("Metrics").putObject(metric);
      m.put("Amount", groups[i + 2]);
      m.put("Unit", "USD");
    }
    r.put("Estimated", estimated);
    return r;
  }

  /** A GetRightsizingRecommendation page. */
  public static ObjectNode rightsizingPage(ObjectNode... recommendations) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode metadata = body.putObject("Metadata");
    metadata.put("RecommendationId", UUID.randomUUID().toString());
    metadata.put("LookbackPeriodInDays", "FOURTEEN_DAYS");
    ArrayNode array = body.putArray("RightsizingRecommendations");
    for (ObjectNode r : recommendations) {
      array.add(r);
    }
    body.putObject("Configuration")
        .put("RecommendationTarget", "SAME_INSTANCE_FAMILY")
        .put("BenefitsConsidered", true);
    return body;
  }

  /** A Modify recommendation with one target instance. */
  public static ObjectNode modify(String accountId, String instanceId, String savings) {
    ObjectNode r = recommendation(accountId, instanceId, "Modify");
    ObjectNode target =
        r.putObject("ModifyRecommendationDetail").putArray("TargetInstances").addObject();
    target.put("EstimatedMonthlyCost", "10.0");
    target.put("EstimatedMonthlySavings", savings);
    target.put("CurrencyCode", "USD");
    target.put("DefaultTargetInstance", true);
    target
        .putObject("ResourceDetails")
        .putObject("EC2ResourceDetails")
        .put("InstanceType", "t3.small");
    return r;
  }

  /** A Terminate recommendation. */
  public static ObjectNode terminate(String accountId, String instanceId, String savings) {
    ObjectNode r = recommendation(accountId, instanceId, "Terminate");
    ObjectNode detail = r.putObject("TerminateRecommendationDetail");
    detail.put("EstimatedMonthlySavings", savings);
    detail.put("CurrencyCode", "USD");
    return r;
  }

  private static ObjectNode recommendation(String accountId, String instanceId, String type) {
    ObjectNode r = JSON.createObjectNode();
    r.put("AccountId", accountId);
    ObjectNode current = r.putObject("CurrentInstance");
    current.put("ResourceId", instanceId);
    current.put("InstanceName", instanceId);
    current.put("MonthlyCost", "50.0");
    current.put("CurrencyCode", "USD");
    r.put("RightsizingType", type);
    r.putArray("FindingReasonCodes").add("CPU_OVER_PROVISIONED");
    return r;
  }

  // ------------------------------------------------------------ received requests

  /** Requests received for an operation. */
  public int requests(String operation) {
    return server
        .countRequestsMatching(
            postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
                .build())
        .getCount();
  }

  /** The JSON bodies received for an operation, oldest first. */
  public List<JsonNode> requestBodies(String operation) {
    List<LoggedRequest> found =
        server.findAll(
            postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)));
    return found.stream()
        .map(
            r -> {
              try {
                return JSON.readTree(r.getBodyAsString());
              } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  /** Forgets stubs and received requests. */
  public void reset() {
    server.resetAll();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static MappingBuilder request(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation));
  }

  private static ResponseDefinitionBuilder ok(ObjectNode body) {
    return json(200, body);
  }

  private static ResponseDefinitionBuilder json(int status, ObjectNode body) {
    try {
      return aResponse()
          .withStatus(status)
          .withHeader("Content-Type", CONTENT_TYPE)
          .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
          .withBody(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
