package dev.quotacli.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A WireMock server (127.0.0.1, dynamic port) that answers like the AWS Service Quotas API (JSON
 * 1.1 protocol: {@code POST /}, {@code X-Amz-Target: ServiceQuotasV20190624.<Operation>}, {@code
 * Content-Type: application/x-amz-json-1.1}) so that the real AWS SDK client can be pointed at it
 * with {@code endpointOverride(stub.endpoint())}.
 *
 * <pre>{@code
 * try (ServiceQuotasStub stub = ServiceQuotasStub.start()) {
 *     stub.forRegion("eu-west-1").forAccessKey("AKIAEXAMPLE0000001").account("111122223333")
 *         .service("ec2")
 *         .applied(quota("L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 1152)
 *                 .adjustable(true))
 *         .defaults(quota("L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 5));
 *     stub.denyAccessKey("AKIABADKEY000000000");
 *     stub.throttle().enable(3);
 *     ServiceQuotasClient client = ServiceQuotasClient.builder().endpointOverride(stub.endpoint())...;
 * }
 * }</pre>
 *
 * <p>{@code service("ec2").awsCatalogue()} serves AWS's whole catalogue of a service instead of a
 * hand-written list: {@link AwsCatalogue}'s ~1,700 EC2 or 810 SageMaker quotas, 100 a page.
 *
 * <p>Supported operations: ListServiceQuotas and ListAWSDefaultServiceQuotas (paginated with {@code
 * NextToken}; the page size is {@link #pageSize(int)}, default 100 = AWS's maximum; the request's
 * {@code MaxResults} is accepted but not used to cut pages), GetServiceQuota and
 * GetAWSDefaultServiceQuota ({@code NoSuchResourceException} for a quota code the service was not
 * given). Requests for a service that no scope declared are not matched (WireMock's 404 with a
 * near-miss report), so a forgotten stub shows up instead of looking like an AWS answer.
 *
 * <p>Matching and priority (lower WireMock priority wins): {@link #denyAccessKey} first; then stubs
 * of a scope with an access key ({@link Scope#forAccessKey}); then scopes without one (within each,
 * a scope with a region before one without). A scope's region and access key are matched against
 * the SigV4 {@code Authorization} header's credential scope {@code
 * Credential=<key>/<yyyymmdd>/<region>/servicequotas/aws4_request}. A service declared in a more
 * specific scope shadows the same service in a less specific one completely (also for quota codes
 * it does not list).
 */
public final class ServiceQuotasStub implements AutoCloseable {

  public static final String TARGET_PREFIX = "ServiceQuotasV20190624.";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  public static final String LIST_SERVICE_QUOTAS = "ListServiceQuotas";
  public static final String LIST_AWS_DEFAULT_SERVICE_QUOTAS = "ListAWSDefaultServiceQuotas";
  public static final String GET_SERVICE_QUOTA = "GetServiceQuota";
  public static final String GET_AWS_DEFAULT_SERVICE_QUOTA = "GetAWSDefaultServiceQuota";
  public static final String LIST_REQUEST_HISTORY = "ListRequestedServiceQuotaChangeHistory";
  public static final List<String> OPERATIONS =
      List.of(
          LIST_SERVICE_QUOTAS,
          LIST_AWS_DEFAULT_SERVICE_QUOTAS,
          GET_SERVICE_QUOTA,
          GET_AWS_DEFAULT_SERVICE_QUOTA);

  /** The account id used in applied quotas' ARNs when a scope sets none. */
  public static final String DEFAULT_ACCOUNT = "123456789012";

  /** The region used in quota ARNs of a scope that matches any region. */
  public static final String DEFAULT_ARN_REGION = "us-east-1";

  public static final int DEFAULT_PAGE_SIZE = 100;

  // WireMock priorities: a lower number wins.
  private static final int PRIORITY_DENIED_KEY = 1;
  private static final int PRIORITY_KEY_AND_REGION = 10;
  private static final int PRIORITY_KEY = 14;
  private static final int PRIORITY_REGION = 20;
  private static final int PRIORITY_ANY = 24;
  // Offsets inside a scope's tier.
  private static final int OFFSET_SERVICE_ERROR = 0;
  private static final int OFFSET_EXACT = 1;
  private static final int OFFSET_FALLBACK = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> SERVICE_NAMES =
      Map.ofEntries(
          Map.entry("ec2", "Amazon Elastic Compute Cloud (Amazon EC2)"),
          Map.entry("elasticloadbalancing", "Elastic Load Balancing (ELB)"),
          Map.entry("vpc", "Amazon Virtual Private Cloud (Amazon VPC)"),
          Map.entry("ebs", "Amazon Elastic Block Store (Amazon EBS)"),
          Map.entry("lambda", "AWS Lambda"),
          Map.entry("rds", "Amazon Relational Database Service (Amazon RDS)"),
          Map.entry("s3", "Amazon Simple Storage Service (Amazon S3)"),
          Map.entry("iam", "AWS Identity and Access Management (IAM)"),
          Map.entry("dynamodb", "Amazon DynamoDB"),
          Map.entry("cloudformation", "AWS CloudFormation"),
          Map.entry("autoscaling", "Amazon EC2 Auto Scaling"),
          Map.entry("ecs", "Amazon Elastic Container Service (Amazon ECS)"),
          Map.entry("eks", "Amazon Elastic Kubernetes Service (Amazon EKS)"));

  private final WireMockServer server;
  private final ThrottleEveryNth throttle;
  private final GetAnswers getAnswers = new GetAnswers();
  private final Map<String, ServiceStubs> services = new LinkedHashMap<>();
  private volatile int pageSize = DEFAULT_PAGE_SIZE;

  private ServiceQuotasStub() {
    this.throttle = new ThrottleEveryNth();
    this.server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(throttle, getAnswers));
    server.start();
    noRequestHistory();
  }

  /**
   * Any scope's request history is empty unless a scope says otherwise ({@link
   * Scope#requestHistory}): the history call of every pass then answers as for an account that
   * never asked for an increase. Only a history request without ServiceCode matches (quota-cli asks
   * once for every service).
   */
  private void noRequestHistory() {
    server.stubFor(
        historyRequest(null, null)
            .atPriority(PRIORITY_ANY + 50)
            .willReturn(ok(historyBody(List.of(), null))));
  }

  private static MappingBuilder historyRequest(String accessKey, String region) {
    MappingBuilder builder =
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + LIST_REQUEST_HISTORY))
            .withHeader("Content-Type", containing(CONTENT_TYPE))
            .withRequestBody(not(matchingJsonPath("$.ServiceCode")));
    if (region != null || accessKey != null) {
      builder = builder.withHeader("Authorization", matching(credentialRegex(accessKey, region)));
    }
    return builder;
  }

  private static ObjectNode historyBody(List<RequestedQuota> requests, String nextToken) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("RequestedQuotas");
    requests.forEach(r -> array.add(r.toJson()));
    if (nextToken != null) {
      body.put("NextToken", nextToken);
    }
    return body;
  }

  // ---------------------------------------------------------------- request history model

  /**
   * A quota increase request as ListRequestedServiceQuotaChangeHistory describes it (Created and
   * LastUpdated as epoch seconds, as the JSON protocol sends timestamps).
   *
   * @param id the request id
   * @param serviceCode e.g. ec2
   * @param quotaCode the quota code
   * @param quotaName the quota name
   * @param desiredValue the value asked for
   * @param status PENDING, CASE_OPENED, APPROVED, DENIED, CASE_CLOSED, NOT_APPROVED or
   *     INVALID_REQUEST
   * @param created epoch seconds
   * @param lastUpdated epoch seconds
   */
  public record RequestedQuota(
      String id,
      String serviceCode,
      String quotaCode,
      String quotaName,
      double desiredValue,
      String status,
      long created,
      long lastUpdated) {
    ObjectNode toJson() {
      ObjectNode o = JSON.createObjectNode();
      o.put("Id", id);
      o.put("CaseId", status.equals("PENDING") ? "" : "case-" + id);
      o.put("ServiceCode", serviceCode);
      o.put("ServiceName", SERVICE_NAMES.getOrDefault(serviceCode, serviceCode));
      o.put("QuotaCode", quotaCode);
      o.put("QuotaName", quotaName);
      o.put("DesiredValue", desiredValue);
      o.put("Status", status);
      o.put("Created", created);
      o.put("LastUpdated", lastUpdated);
      o.put("Requester", "arn:aws:iam::123456789012:user/ops");
      o.put(
          "QuotaArn",
          "arn:aws:servicequotas:us-east-1:123456789012:" + serviceCode + "/" + quotaCode);
      o.put("GlobalQuota", false);
      o.put("Unit", "None");
      return o;
    }
  }

  /** A request of {@code status}, made at {@code created} and last updated then. */
  public static RequestedQuota requested(
      String quotaCode, String quotaName, double desiredValue, String status, long created) {
    return new RequestedQuota(
        UUID.nameUUIDFromBytes((quotaCode + status + created).getBytes(StandardCharsets.UTF_8))
            .toString()
            .replace("-", ""),
        "ec2",
        quotaCode,
        quotaName,
        desiredValue,
        status,
        created,
        created);
  }

  /** Starts a new stub server on 127.0.0.1 with a free port. Close it when done. */
  public static ServiceQuotasStub start() {
    return new ServiceQuotasStub();
  }

  /** {@code http://127.0.0.1:<port>}, for the SDK's {@code endpointOverride}. */
  public URI endpoint() {
    return URI.create(baseUrl());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public int port() {
    return server.port();
  }

  /** The underlying server, for anything the fluent API does not cover. */
  public WireMockServer server() {
    return server;
  }

  /** The throttling filter registered on this server (disabled until {@code enable(n)}). */
  public ThrottleEveryNth throttle() {
    return throttle;
  }

  /** Page size of the List operations for stubs registered from now on (1..100 like AWS). */
  public ServiceQuotasStub pageSize(int size) {
    if (size < 1) {
      throw new java.lang.IllegalArgumentException("page size must be >= 1: " + size);
    }
    this.pageSize = size;
    return this;
  }

  public int pageSize() {
    return pageSize;
  }

  // ---------------------------------------------------------------- scopes

  /** Stubs that match requests signed for {@code region} (any access key unless narrowed). */
  public Scope forRegion(String region) {
    return new Scope(this, requireText(region, "region"), null, DEFAULT_ACCOUNT);
  }

  /** Stubs that match requests signed with {@code accessKeyId} (any region unless narrowed). */
  public Scope forAccessKey(String accessKeyId) {
    return new Scope(this, null, requireText(accessKeyId, "accessKeyId"), DEFAULT_ACCOUNT);
  }

  /** Stubs that match any region and any access key. */
  public Scope anyRegion() {
    return new Scope(this, null, null, DEFAULT_ACCOUNT);
  }

  /** Shorthand for {@code anyRegion().service(serviceCode)}. */
  public ServiceStubs service(String serviceCode) {
    return anyRegion().service(serviceCode);
  }

  // ---------------------------------------------------------------- errors

  /**
   * Every request signed with {@code accessKeyId} gets HTTP 403 UnrecognizedClientException, as AWS
   * answers for an unknown or deleted access key.
   */
  public ServiceQuotasStub denyAccessKey(String accessKeyId) {
    requireText(accessKeyId, "accessKeyId");
    server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(PRIORITY_DENIED_KEY)
            .withHeader("Authorization", matching(credentialRegex(accessKeyId, null)))
            .willReturn(
                error(
                    403,
                    "UnrecognizedClientException",
                    "message",
                    "The security token included in the request is invalid.")));
    return this;
  }

  /**
   * {@code serviceCode} in {@code region} (any key) answers every operation with
   * AccessDeniedException.
   */
  public ServiceQuotasStub accessDenied(String region, String serviceCode) {
    forRegion(region).service(serviceCode).accessDenied();
    return this;
  }

  /**
   * {@code serviceCode} (any region, any key) answers every operation with NoSuchResourceException.
   */
  public ServiceQuotasStub noSuchService(String serviceCode) {
    service(serviceCode).noSuchResource();
    return this;
  }

  // ---------------------------------------------------------------- journal

  /**
   * Requests received for {@code operation} (e.g. "ListServiceQuotas"), throttled ones included.
   */
  public int requestCount(String operation) {
    return server.countRequestsMatching(requestsFor(operation).build()).getCount();
  }

  /** Requests received for {@code operation} and {@code serviceCode}. */
  public int requestCount(String operation, String serviceCode) {
    return server
        .countRequestsMatching(
            requestsFor(operation)
                .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo(serviceCode)))
                .build())
        .getCount();
  }

  /** All requests received (any operation, matched or not, throttled ones included). */
  public int totalRequests() {
    return server.countRequestsMatching(RequestPattern.everything()).getCount();
  }

  /** The logged requests for {@code operation}, oldest first. */
  public List<LoggedRequest> requests(String operation) {
    return server.findAll(requestsFor(operation));
  }

  /** Requests no stub matched (for diagnostics in a failing test). */
  public List<LoggedRequest> unmatchedRequests() {
    return server.findAllUnmatchedRequests();
  }

  private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder requestsFor(
      String operation) {
    return postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation));
  }

  /** Removes all stubs, forgets all requests, disables and zeroes the throttle. Page size stays. */
  public synchronized void reset() {
    server.resetAll();
    services.clear();
    getAnswers.clear();
    throttle.disable();
    throttle.resetCounts();
    noRequestHistory();
  }

  @Override
  public void close() {
    server.stop();
  }

  // ---------------------------------------------------------------- quota model

  /** A quota with Unit "None", Adjustable true, GlobalQuota false; refine with the withers. */
  public static Quota quota(String quotaCode, String quotaName, double value) {
    return new Quota(quotaCode, quotaName, value, "None", true, false, null, null, null);
  }

  /** An ELB-style quota whose value AWS could not read: Value 0 and an ErrorReason. */
  public static Quota quotaWithError(
      String quotaCode, String quotaName, String errorCode, String errorMessage) {
    return quota(quotaCode, quotaName, 0).errorReason(errorCode, errorMessage);
  }

  /** One quota as AWS describes it; immutable, the withers return copies. */
  public static final class Quota {
    private final String code;
    private final String name;
    private final double value;
    private final String unit;
    private final boolean adjustable;
    private final boolean global;
    private final Map<String, Object> usageMetric;
    private final Map<String, String> errorReason;
    private final String description;

    private Quota(
        String code,
        String name,
        double value,
        String unit,
        boolean adjustable,
        boolean global,
        Map<String, Object> usageMetric,
        Map<String, String> errorReason,
        String description) {
      this.code = requireText(code, "quotaCode");
      this.name = requireText(name, "quotaName");
      this.value = value;
      this.unit = unit;
      this.adjustable = adjustable;
      this.global = global;
      this.usageMetric = usageMetric;
      this.errorReason = errorReason;
      this.description = description;
    }

    public String code() {
      return code;
    }

    public String name() {
      return name;
    }

    public double value() {
      return value;
    }

    /** "None", "Count", ... */
    public String unit() {
      return unit;
    }

    public boolean adjustable() {
      return adjustable;
    }

    public boolean global() {
      return global;
    }

    /** The usage metric's MetricName ({@code ResourceCount}, {@code CallCount}), or null. */
    public String usageMetricName() {
      return usageMetric == null ? null : (String) usageMetric.get("MetricName");
    }

    public String description() {
      return description;
    }

    public Quota value(double newValue) {
      return new Quota(
          code, name, newValue, unit, adjustable, global, usageMetric, errorReason, description);
    }

    /** "None", "Count", "Bytes", ... as AWS spells it. */
    public Quota unit(String newUnit) {
      return new Quota(
          code, name, value, newUnit, adjustable, global, usageMetric, errorReason, description);
    }

    public Quota adjustable(boolean newAdjustable) {
      return new Quota(
          code, name, value, unit, newAdjustable, global, usageMetric, errorReason, description);
    }

    public Quota global(boolean newGlobal) {
      return new Quota(
          code, name, value, unit, adjustable, newGlobal, usageMetric, errorReason, description);
    }

    public Quota description(String newDescription) {
      return new Quota(
          code, name, value, unit, adjustable, global, usageMetric, errorReason, newDescription);
    }

    /**
     * A CloudWatch usage metric, e.g. {@code usageMetric("AWS/Usage", "ResourceCount",
     * Map.of("Service", "EC2", "Type", "Resource", "Resource", "vCPU", "Class",
     * "Standard/OnDemand"), "Maximum")}.
     */
    public Quota usageMetric(
        String namespace,
        String metricName,
        Map<String, String> dimensions,
        String statisticRecommendation) {
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("MetricNamespace", namespace);
      metric.put("MetricName", metricName);
      metric.put("MetricDimensions", new LinkedHashMap<>(dimensions));
      metric.put("MetricStatisticRecommendation", statisticRecommendation);
      return new Quota(
          code, name, value, unit, adjustable, global, metric, errorReason, description);
    }

    /**
     * e.g. {@code errorReason("DEPENDENCY_ACCESS_DENIED_ERROR", "...")}; AWS then reports Value 0.
     */
    public Quota errorReason(String errorCode, String errorMessage) {
      Map<String, String> reason = new LinkedHashMap<>();
      reason.put("ErrorCode", errorCode);
      reason.put("ErrorMessage", errorMessage);
      return new Quota(
          code, name, value, unit, adjustable, global, usageMetric, reason, description);
    }

    ObjectNode toJson(String serviceCode, String serviceName, String region, String account) {
      ObjectNode node = JSON.createObjectNode();
      node.put("ServiceCode", serviceCode);
      node.put("ServiceName", serviceName);
      node.put(
          "QuotaArn",
          "arn:aws:servicequotas:" + region + ":" + account + ":" + serviceCode + "/" + code);
      node.put("QuotaCode", code);
      node.put("QuotaName", name);
      node.put("Value", value);
      node.put("Unit", unit);
      node.put("Adjustable", adjustable);
      node.put("GlobalQuota", global);
      if (usageMetric != null) {
        node.set("UsageMetric", JSON.valueToTree(usageMetric));
      }
      if (errorReason != null) {
        node.set("ErrorReason", JSON.valueToTree(errorReason));
      }
      if (description != null) {
        node.put("Description", description);
      }
      node.put("QuotaAppliedAtLevel", "ACCOUNT");
      return node;
    }

    @Override
    public String toString() {
      return "Quota[" + code + " " + name + " = " + value + "]";
    }
  }

  // ---------------------------------------------------------------- scope + service stubs

  /**
   * Which requests a set of stubs answers: an optional region, an optional access key; plus the ARN
   * account.
   */
  public static final class Scope {
    private final ServiceQuotasStub stub;
    private final String region;
    private final String accessKey;
    private final String account;

    private Scope(ServiceQuotasStub stub, String region, String accessKey, String account) {
      this.stub = stub;
      this.region = region;
      this.accessKey = accessKey;
      this.account = account;
    }

    public Scope forRegion(String newRegion) {
      return new Scope(stub, requireText(newRegion, "region"), accessKey, account);
    }

    public Scope forAccessKey(String newAccessKey) {
      return new Scope(stub, region, requireText(newAccessKey, "accessKeyId"), account);
    }

    /** The 12-digit account id put in applied quotas' ARNs (does not affect matching). */
    public Scope account(String newAccount) {
      if (newAccount == null || !newAccount.matches("\\d{12}")) {
        throw new java.lang.IllegalArgumentException("account must be 12 digits: " + newAccount);
      }
      return new Scope(stub, region, accessKey, newAccount);
    }

    /**
     * The service {@code serviceCode} (e.g. "ec2") in this scope, with AWS's service name if known.
     */
    public ServiceStubs service(String serviceCode) {
      return service(serviceCode, SERVICE_NAMES.getOrDefault(serviceCode, serviceCode));
    }

    public ServiceStubs service(String serviceCode, String serviceName) {
      return stub.serviceStubs(
          this, requireText(serviceCode, "serviceCode"), requireText(serviceName, "serviceName"));
    }

    public String region() {
      return region;
    }

    /**
     * The request history of this scope (every service), paged like the lists: replaces an earlier
     * history of the same scope.
     */
    public Scope requestHistory(RequestedQuota... requests) {
      List<RequestedQuota> all = List.of(requests);
      int size = stub.pageSize;
      int pages = Math.max(1, (all.size() + size - 1) / size);
      synchronized (stub) {
        for (int page = 0; page < pages; page++) {
          String next = page + 1 < pages ? key(LIST_REQUEST_HISTORY) + "|page" + (page + 1) : null;
          MappingBuilder request =
              historyRequest(accessKey, region).atPriority(basePriority() + OFFSET_EXACT);
          request =
              page == 0
                  ? request.withRequestBody(not(matchingJsonPath("$.NextToken")))
                  : request.withRequestBody(
                      matchingJsonPath(
                          "$.NextToken", equalTo(key(LIST_REQUEST_HISTORY) + "|page" + page)));
          stub.server.stubFor(
              request.willReturn(
                  ok(
                      historyBody(
                          all.subList(page * size, Math.min(all.size(), (page + 1) * size)),
                          next))));
        }
      }
      return this;
    }

    /** This scope's request history answers AccessDeniedException. */
    public Scope requestHistoryDenied() {
      stub.server.stubFor(
          historyRequest(accessKey, region)
              .atPriority(basePriority() + OFFSET_SERVICE_ERROR)
              .willReturn(
                  error(
                      400,
                      "AccessDeniedException",
                      "Message",
                      "User is not authorized to perform: servicequotas:ListRequestedServiceQuotaChangeHistory")));
      return this;
    }

    public String accessKey() {
      return accessKey;
    }

    public String account() {
      return account;
    }

    String key(String serviceCode) {
      return region + "|" + accessKey + "|" + serviceCode;
    }

    int basePriority() {
      if (accessKey != null) {
        return region != null ? PRIORITY_KEY_AND_REGION : PRIORITY_KEY;
      }
      return region != null ? PRIORITY_REGION : PRIORITY_ANY;
    }

    String arnRegion() {
      return region != null ? region : DEFAULT_ARN_REGION;
    }

    MappingBuilder request(String operation, String serviceCode) {
      MappingBuilder builder =
          post(urlEqualTo("/"))
              .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
              .withHeader("Content-Type", containing(CONTENT_TYPE))
              .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo(serviceCode)));
      if (region != null || accessKey != null) {
        builder = builder.withHeader("Authorization", matching(credentialRegex(accessKey, region)));
      }
      return builder;
    }
  }

  private synchronized ServiceStubs serviceStubs(
      Scope scope, String serviceCode, String serviceName) {
    String key = scope.key(serviceCode);
    ServiceStubs existing = services.get(key);
    if (existing != null) {
      return existing;
    }
    ServiceStubs created = new ServiceStubs(this, scope, serviceCode, serviceName);
    services.put(key, created);
    created.register();
    return created;
  }

  /**
   * The quotas of one service in one scope. Declaring it (via {@code service(code)}) registers
   * empty lists and NoSuchResourceException for every quota code; {@link #applied} and {@link
   * #defaults} add quotas (calls accumulate; a quota code given again replaces the old one).
   */
  public static final class ServiceStubs {
    private final ServiceQuotasStub stub;
    private final Scope scope;
    private final String serviceCode;
    private final String serviceName;
    private final Map<String, Quota> applied = new LinkedHashMap<>();
    private final Map<String, Quota> defaults = new LinkedHashMap<>();
    private final List<StubMapping> registered = new ArrayList<>();
    private String serviceError; // null, or the __type every operation answers with

    private ServiceStubs(
        ServiceQuotasStub stub, Scope scope, String serviceCode, String serviceName) {
      this.stub = stub;
      this.scope = scope;
      this.serviceCode = serviceCode;
      this.serviceName = serviceName;
    }

    /** Quotas ListServiceQuotas / GetServiceQuota return (the account's applied values). */
    public ServiceStubs applied(Quota... quotas) {
      return applied(List.of(quotas));
    }

    public ServiceStubs applied(List<Quota> quotas) {
      synchronized (stub) {
        quotas.forEach(q -> applied.put(q.code(), q));
        register();
      }
      return this;
    }

    /** Quotas ListAWSDefaultServiceQuotas / GetAWSDefaultServiceQuota return. */
    public ServiceStubs defaults(Quota... quotas) {
      return defaults(List.of(quotas));
    }

    public ServiceStubs defaults(List<Quota> quotas) {
      synchronized (stub) {
        quotas.forEach(q -> defaults.put(q.code(), q));
        register();
      }
      return this;
    }

    /**
     * AWS's whole catalogue of this service, AWS-sized ({@link AwsCatalogue}: ec2 {@value
     * AwsCatalogue#EC2_SIZE} quotas, sagemaker {@value AwsCatalogue#SAGEMAKER_SIZE}), paged like
     * any list: every quota as its AWS default and as an applied value equal to it, as
     * ListServiceQuotas answers for a service that reports applied values (raise one afterwards
     * with {@link #applied}). Off unless called: other stubs keep the short lists they are given.
     */
    public ServiceStubs awsCatalogue() {
      List<Quota> catalogue = AwsCatalogue.of(serviceCode);
      synchronized (stub) {
        for (Quota q : catalogue) {
          applied.put(q.code(), q);
          defaults.put(q.code(), q);
        }
        register();
      }
      return this;
    }

    /** Every operation for this service in this scope answers HTTP 400 AccessDeniedException. */
    public ServiceStubs accessDenied() {
      return failWith("AccessDeniedException");
    }

    /** Every operation for this service in this scope answers HTTP 400 NoSuchResourceException. */
    public ServiceStubs noSuchResource() {
      return failWith("NoSuchResourceException");
    }

    private ServiceStubs failWith(String errorType) {
      synchronized (stub) {
        serviceError = errorType;
        register();
      }
      return this;
    }

    /** Another service in the same scope, for chaining. */
    public ServiceStubs service(String otherServiceCode) {
      return scope.service(otherServiceCode);
    }

    public Scope scope() {
      return scope;
    }

    public String serviceCode() {
      return serviceCode;
    }

    /** (Re)registers this service's WireMock stubs from its current state. */
    private void register() {
      registered.forEach(stub.server::removeStubMapping);
      registered.clear();
      int base = scope.basePriority();
      if (serviceError != null) {
        for (String operation : OPERATIONS) {
          add(
              scope
                  .request(operation, serviceCode)
                  .atPriority(base + OFFSET_SERVICE_ERROR)
                  .willReturn(serviceError(serviceError)));
        }
        return;
      }
      registerList(LIST_SERVICE_QUOTAS, applied, scope.account(), base);
      registerList(LIST_AWS_DEFAULT_SERVICE_QUOTAS, defaults, "", base);
      registerGet(GET_SERVICE_QUOTA, applied, scope.account(), base);
      registerGet(GET_AWS_DEFAULT_SERVICE_QUOTA, defaults, "", base);
    }

    private void registerList(
        String operation, Map<String, Quota> quotas, String account, int base) {
      List<Quota> all = new ArrayList<>(quotas.values());
      int size = stub.pageSize;
      int pages = Math.max(1, (all.size() + size - 1) / size);
      for (int page = 0; page < pages; page++) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("Quotas");
        for (Quota q : all.subList(page * size, Math.min(all.size(), (page + 1) * size))) {
          array.add(q.toJson(serviceCode, serviceName, scope.arnRegion(), account));
        }
        if (page + 1 < pages) {
          body.put("NextToken", token(operation, page + 1));
        }
        MappingBuilder request =
            scope.request(operation, serviceCode).atPriority(base + OFFSET_EXACT);
        request =
            page == 0
                ? request.withRequestBody(not(matchingJsonPath("$.NextToken")))
                : request.withRequestBody(
                    matchingJsonPath("$.NextToken", equalTo(token(operation, page))));
        add(request.willReturn(ok(body)));
      }
      // A NextToken this scope never handed out.
      add(
          scope
              .request(operation, serviceCode)
              .atPriority(base + OFFSET_FALLBACK)
              .withRequestBody(matchingJsonPath("$.NextToken"))
              .willReturn(
                  error(
                      400,
                      "InvalidPaginationTokenException",
                      "Message",
                      "Invalid pagination token")));
    }

    /**
     * One stub per Get operation, answered by {@link GetAnswers} from the quotas by code: a stub
     * per quota made every request to the server try thousands of stubs with an AWS-sized
     * catalogue.
     */
    private void registerGet(
        String operation, Map<String, Quota> quotas, String account, int base) {
      Map<String, String> bodies = new HashMap<>();
      for (Quota q : quotas.values()) {
        ObjectNode body = JSON.createObjectNode();
        body.set("Quota", q.toJson(serviceCode, serviceName, scope.arnRegion(), account));
        bodies.put(q.code(), write(body));
      }
      String key = scope.key(serviceCode) + "|" + operation;
      stub.getAnswers.put(key, bodies);
      add(
          scope
              .request(operation, serviceCode)
              .atPriority(base + OFFSET_EXACT)
              .willReturn(
                  aResponse()
                      .withTransformers(GetAnswers.NAME)
                      .withTransformerParameter(GetAnswers.KEY, key)));
    }

    private String token(String operation, int page) {
      String raw = scope.key(serviceCode) + "|" + operation + "|" + page;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private void add(MappingBuilder mapping) {
      registered.add(stub.server.stubFor(mapping));
    }

    private static ResponseDefinitionBuilder serviceError(String type) {
      switch (type) {
        case "AccessDeniedException":
          return error(
              400, type, "Message", "You do not have sufficient access to perform this action.");
        case "NoSuchResourceException":
          return error(
              400,
              type,
              "Message",
              "The request failed because the specified service doesn't exist.");
        default:
          return error(400, type, "Message", type);
      }
    }
  }

  // ---------------------------------------------------------------- Get answers

  /**
   * Answers GetServiceQuota / GetAWSDefaultServiceQuota from the quotas of the stub's scope and
   * service by the request's QuotaCode: the quota, or NoSuchResourceException. Thread-safe.
   */
  static final class GetAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "service-quotas-get";
    static final String KEY = "key";

    /** Answer bodies by stub key, then by quota code; replaced whole on every registration. */
    private final Map<String, Map<String, String>> bodies = new ConcurrentHashMap<>();

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    void put(String key, Map<String, String> byCode) {
      bodies.put(key, Map.copyOf(byCode));
    }

    void clear() {
      bodies.clear();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      String key = serveEvent.getTransformerParameters().getString(KEY);
      String code;
      try {
        code = JSON.readTree(serveEvent.getRequest().getBodyAsString()).path("QuotaCode").asText();
      } catch (JsonProcessingException e) {
        code = "";
      }
      String body = bodies.getOrDefault(key, Map.of()).get(code);
      if (body == null) {
        return error(
                400,
                "NoSuchResourceException",
                "Message",
                "The request failed because the specified quota doesn't exist.")
            .build();
      }
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", CONTENT_TYPE)
          .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
          .withBody(body)
          .build();
    }
  }

  // ---------------------------------------------------------------- throttling

  /**
   * A WireMock request filter that, while enabled with n, answers every n-th request (counted from
   * {@link #enable}) with HTTP 400 TooManyRequestsException before stub matching. Admin requests
   * are not counted. Thread-safe.
   */
  public static final class ThrottleEveryNth implements StubRequestFilterV2 {
    public static final String NAME = "throttle-every-nth";
    private static final String BODY =
        "{\"__type\":\"TooManyRequestsException\",\"message\":\"Rate exceeded\"}";

    private volatile int every; // 0 = disabled
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    @Override
    public String getName() {
      return NAME;
    }

    /** Throttles requests n, 2n, 3n, ... from now on; n = 1 throttles every request. */
    public synchronized void enable(int n) {
      if (n < 1) {
        throw new java.lang.IllegalArgumentException("n must be >= 1: " + n);
      }
      seen.set(0);
      every = n;
    }

    public synchronized void disable() {
      every = 0;
    }

    public boolean isEnabled() {
      return every > 0;
    }

    /**
     * Requests answered with TooManyRequestsException so far (since the last {@link #resetCounts}).
     */
    public long throttledCount() {
      return throttled.get();
    }

    /** Requests seen while enabled. */
    public long seenCount() {
      return seen.get();
    }

    public void resetCounts() {
      seen.set(0);
      throttled.set(0);
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
      int n = every;
      if (n > 0 && seen.incrementAndGet() % n == 0) {
        throttled.incrementAndGet();
        return RequestFilterAction.stopWith(
            aResponse()
                .withStatus(400)
                .withHeader("Content-Type", CONTENT_TYPE)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(BODY)
                .build());
      }
      return RequestFilterAction.continueWith(request);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Regex on the Authorization header; null key or region = any. */
  static String credentialRegex(String accessKey, String region) {
    String key = accessKey == null ? "[^/,\\s]+" : Pattern.quote(accessKey);
    String reg = region == null ? "[^/,\\s]+" : Pattern.quote(region);
    return "^AWS4-HMAC-SHA256\\s+Credential="
        + key
        + "/\\d{8}/"
        + reg
        + "/servicequotas/aws4_request,.*$";
  }

  private static ResponseDefinitionBuilder ok(ObjectNode body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", CONTENT_TYPE)
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody(write(body));
  }

  /**
   * AWS JSON 1.1 error; {@code messageField} is "Message" or "message" as the real service spells
   * it.
   */
  private static ResponseDefinitionBuilder error(
      int status, String type, String messageField, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put(messageField, message);
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", CONTENT_TYPE)
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody(write(body));
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new java.lang.IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
