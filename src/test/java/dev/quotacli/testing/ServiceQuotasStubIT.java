package dev.quotacli.testing;

import static dev.quotacli.testing.ServiceQuotasStub.GET_SERVICE_QUOTA;
import static dev.quotacli.testing.ServiceQuotasStub.LIST_SERVICE_QUOTAS;
import static dev.quotacli.testing.ServiceQuotasStub.quota;
import static dev.quotacli.testing.ServiceQuotasStub.quotaWithError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.AccessDeniedException;
import software.amazon.awssdk.services.servicequotas.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;
import software.amazon.awssdk.services.servicequotas.model.TooManyRequestsException;

/**
 * Proves {@link ServiceQuotasStub} speaks the Service Quotas protocol the real SDK client expects.
 */
class ServiceQuotasStubIT {

  private static final String KEY = "AKIAQUOTACLITEST0001";
  private static final String OTHER_KEY = "AKIAQUOTACLITEST0002";
  private static final String EC2_VCPU = "L-1216C47A";
  private static final String EC2_VCPU_NAME =
      "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances";

  private static ServiceQuotasStub stub;

  @BeforeAll
  static void startStub() {
    stub = ServiceQuotasStub.start();
  }

  @AfterAll
  static void stopStub() {
    stub.close();
  }

  @BeforeEach
  void resetStub() {
    stub.reset();
    stub.pageSize(ServiceQuotasStub.DEFAULT_PAGE_SIZE);
  }

  private static ServiceQuotasClient client(String region, String accessKey) {
    return ServiceQuotasClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(stub.endpoint())
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKey, "secret-for-" + accessKey)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** {@code count} quotas L-00000000, L-00000001, ... with Value = index and Unit "Count". */
  private static List<ServiceQuotasStub.Quota> generated(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> quota(String.format("L-%08X", i), "Quota " + i, i).unit("Count"))
        .collect(Collectors.toList());
  }

  @Test
  void paginatorReturnsAllQuotasAcrossPages() {
    stub.forRegion("eu-west-1").service("ec2").applied(generated(250));

    try (ServiceQuotasClient client = client("eu-west-1", KEY)) {
      List<ServiceQuota> quotas =
          client.listServiceQuotasPaginator(r -> r.serviceCode("ec2")).quotas().stream()
              .collect(Collectors.toList());

      assertThat(quotas).hasSize(250);
      assertThat(quotas)
          .extracting(ServiceQuota::quotaCode)
          .doesNotHaveDuplicates()
          .startsWith("L-00000000")
          .endsWith("L-000000F9");
      assertThat(quotas.get(42).value()).isEqualTo(42.0);
      assertThat(quotas.get(42).unit()).isEqualTo("Count");
      assertThat(quotas.get(42).quotaArn())
          .isEqualTo("arn:aws:servicequotas:eu-west-1:123456789012:ec2/L-0000002A");
      assertThat(quotas.get(42).serviceName())
          .isEqualTo("Amazon Elastic Compute Cloud (Amazon EC2)");
    }
    assertThat(stub.requestCount(LIST_SERVICE_QUOTAS)).isEqualTo(3);
    assertThat(stub.requestCount(LIST_SERVICE_QUOTAS, "ec2")).isEqualTo(3);
    assertThat(stub.totalRequests()).isEqualTo(3);
  }

  @Test
  void pageSizeIsConfigurableAndUnknownTokenIsRejected() {
    stub.pageSize(7).service("lambda").defaults(generated(20));

    try (ServiceQuotasClient client = client("us-east-1", KEY)) {
      var first = client.listAWSDefaultServiceQuotas(r -> r.serviceCode("lambda"));
      assertThat(first.quotas()).hasSize(7);
      assertThat(first.nextToken()).isNotBlank();
      assertThat(first.quotas().get(0).quotaArn())
          .isEqualTo("arn:aws:servicequotas:us-east-1::lambda/L-00000000");
      assertThat(client.listAWSDefaultServiceQuotasPaginator(r -> r.serviceCode("lambda")).quotas())
          .hasSize(20);
      assertThatThrownBy(
              () ->
                  client.listAWSDefaultServiceQuotas(
                      r -> r.serviceCode("lambda").nextToken("bogus")))
          .isInstanceOf(InvalidPaginationTokenException.class);
    }
  }

  @Test
  void emptyServiceListsNothingInOnePage() {
    stub.service("vpc");
    try (ServiceQuotasClient client = client("us-east-1", KEY)) {
      var response = client.listServiceQuotas(r -> r.serviceCode("vpc"));
      assertThat(response.quotas()).isEmpty();
      assertThat(response.nextToken()).isNull();
    }
  }

  @Test
  void getQuotasAndNoSuchResource() {
    stub.forRegion("eu-west-1")
        .account("111122223333")
        .service("ec2")
        .applied(
            quota(EC2_VCPU, EC2_VCPU_NAME, 1152)
                .usageMetric(
                    "AWS/Usage",
                    "ResourceCount",
                    Map.of(
                        "Service",
                        "EC2",
                        "Type",
                        "Resource",
                        "Resource",
                        "vCPU",
                        "Class",
                        "Standard/OnDemand"),
                    "Maximum"))
        .defaults(quota(EC2_VCPU, EC2_VCPU_NAME, 5));

    try (ServiceQuotasClient client = client("eu-west-1", KEY)) {
      ServiceQuota applied =
          client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU)).quota();
      assertThat(applied.value()).isEqualTo(1152.0);
      assertThat(applied.quotaName()).isEqualTo(EC2_VCPU_NAME);
      assertThat(applied.adjustable()).isTrue();
      assertThat(applied.globalQuota()).isFalse();
      assertThat(applied.unit()).isEqualTo("None");
      assertThat(applied.quotaAppliedAtLevelAsString()).isEqualTo("ACCOUNT");
      assertThat(applied.quotaArn())
          .isEqualTo("arn:aws:servicequotas:eu-west-1:111122223333:ec2/" + EC2_VCPU);
      assertThat(applied.usageMetric().metricNamespace()).isEqualTo("AWS/Usage");
      assertThat(applied.usageMetric().metricName()).isEqualTo("ResourceCount");
      assertThat(applied.usageMetric().metricDimensions())
          .containsEntry("Resource", "vCPU")
          .hasSize(4);
      assertThat(applied.usageMetric().metricStatisticRecommendation()).isEqualTo("Maximum");
      assertThat(applied.errorReason()).isNull();

      ServiceQuota defaults =
          client.getAWSDefaultServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU)).quota();
      assertThat(defaults.value()).isEqualTo(5.0);
      assertThat(defaults.quotaArn()).isEqualTo("arn:aws:servicequotas:eu-west-1::ec2/" + EC2_VCPU);

      NoSuchResourceException missing =
          catchThrowableOfType(
              NoSuchResourceException.class,
              () -> client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode("L-DOESNOTEXIST")));
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NoSuchResourceException");
      assertThat(missing.awsErrorDetails().errorMessage()).contains("doesn't exist");
    }
    assertThat(stub.requestCount(GET_SERVICE_QUOTA)).isEqualTo(2);
    assertThat(stub.requestCount(ServiceQuotasStub.GET_AWS_DEFAULT_SERVICE_QUOTA)).isEqualTo(1);
  }

  @Test
  void serviceAnsweringNoSuchResource() {
    stub.noSuchService("nosuchservice");
    try (ServiceQuotasClient client = client("us-east-1", KEY)) {
      assertThatThrownBy(() -> client.listServiceQuotas(r -> r.serviceCode("nosuchservice")))
          .isInstanceOf(NoSuchResourceException.class);
    }
  }

  @Test
  void errorReasonIsVisibleInTheModel() {
    stub.forRegion("us-east-1")
        .service("elasticloadbalancing")
        .applied(
            quotaWithError(
                "L-53DA6B97",
                "Application Load Balancers per Region",
                "DEPENDENCY_ACCESS_DENIED_ERROR",
                "Can't retrieve the quota value from the dependent service due to insufficient permissions."));

    try (ServiceQuotasClient client = client("us-east-1", KEY)) {
      ServiceQuota q =
          client.listServiceQuotas(r -> r.serviceCode("elasticloadbalancing")).quotas().get(0);
      assertThat(q.serviceName()).isEqualTo("Elastic Load Balancing (ELB)");
      assertThat(q.value()).isEqualTo(0.0);
      assertThat(q.errorReason().errorCodeAsString()).isEqualTo("DEPENDENCY_ACCESS_DENIED_ERROR");
      assertThat(q.errorReason().errorMessage()).startsWith("Can't retrieve");
    }
  }

  @Test
  void throttlingArrivesAsTooManyRequestsException() throws Exception {
    stub.service("ec2").applied(quota(EC2_VCPU, EC2_VCPU_NAME, 1152));
    stub.throttle().enable(3);

    try (ServiceQuotasClient client = client("us-east-1", KEY)) {
      client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU));
      client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU));
      TooManyRequestsException throttled =
          catchThrowableOfType(
              TooManyRequestsException.class,
              () -> client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU)));
      assertThat(throttled.isThrottlingException()).isTrue();
      assertThat(throttled.statusCode()).isEqualTo(400);
      assertThat(throttled.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
      assertThat(stub.throttle().throttledCount()).isEqualTo(1);
      // The journal holds throttled requests too.
      assertThat(stub.requestCount(GET_SERVICE_QUOTA)).isEqualTo(3);

      // Concurrent callers: exactly every third request is throttled.
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results =
            IntStream.range(0, 30)
                .mapToObj(
                    i ->
                        pool.submit(
                            () -> {
                              try {
                                client.getServiceQuota(
                                    r -> r.serviceCode("ec2").quotaCode(EC2_VCPU));
                                return false;
                              } catch (TooManyRequestsException e) {
                                return true;
                              }
                            }))
                .collect(Collectors.toList());
        long throttledCalls = 0;
        for (Future<Boolean> f : results) {
          throttledCalls += f.get() ? 1 : 0;
        }
        assertThat(throttledCalls).isEqualTo(10);
      } finally {
        pool.shutdownNow();
      }
      assertThat(stub.throttle().throttledCount()).isEqualTo(11);
      assertThat(stub.totalRequests()).isEqualTo(33);

      stub.throttle().disable();
      client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU));
      client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU));
      client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU));
      assertThat(stub.throttle().throttledCount()).isEqualTo(11);
    }
  }

  @Test
  void deniedAccessKeyGets403() {
    stub.service("ec2").applied(quota(EC2_VCPU, EC2_VCPU_NAME, 1152));
    stub.denyAccessKey(OTHER_KEY);

    try (ServiceQuotasClient denied = client("us-east-1", OTHER_KEY);
        ServiceQuotasClient allowed = client("us-east-1", KEY)) {
      AwsServiceException e =
          catchThrowableOfType(
              AwsServiceException.class, () -> denied.listServiceQuotas(r -> r.serviceCode("ec2")));
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("The security token included in the request is invalid.");
      assertThat(e.isThrottlingException()).isFalse();

      assertThat(allowed.listServiceQuotas(r -> r.serviceCode("ec2")).quotas()).hasSize(1);
    }
  }

  @Test
  void accessDeniedForOneRegionAndService() {
    stub.service("ec2").applied(quota(EC2_VCPU, EC2_VCPU_NAME, 1152));
    stub.accessDenied("ap-south-1", "ec2");

    try (ServiceQuotasClient mumbai = client("ap-south-1", KEY);
        ServiceQuotasClient virginia = client("us-east-1", KEY)) {
      AccessDeniedException e =
          catchThrowableOfType(
              AccessDeniedException.class,
              () -> mumbai.listServiceQuotas(r -> r.serviceCode("ec2")));
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      assertThat(virginia.listServiceQuotas(r -> r.serviceCode("ec2")).quotas()).hasSize(1);
    }
  }

  @Test
  void regionAndAccessKeyPickTheRightStub() {
    stub.service("ec2").applied(quota(EC2_VCPU, EC2_VCPU_NAME, 1));
    stub.forRegion("eu-west-1").service("ec2").applied(quota(EC2_VCPU, EC2_VCPU_NAME, 2));
    stub.forAccessKey(KEY).service("ec2").applied(quota(EC2_VCPU, EC2_VCPU_NAME, 3));
    stub.forRegion("eu-west-1")
        .forAccessKey(KEY)
        .account("111122223333")
        .service("ec2")
        .applied(quota(EC2_VCPU, EC2_VCPU_NAME, 4));

    assertThat(appliedValue("us-east-1", OTHER_KEY)).isEqualTo(1.0);
    assertThat(appliedValue("eu-west-1", OTHER_KEY)).isEqualTo(2.0);
    assertThat(appliedValue("us-east-1", KEY)).isEqualTo(3.0);
    assertThat(appliedValue("eu-west-1", KEY)).isEqualTo(4.0);

    // A service declared in a more specific scope shadows the general one, also for absent codes.
    try (ServiceQuotasClient client = client("eu-west-1", KEY)) {
      assertThat(client.listServiceQuotas(r -> r.serviceCode("ec2")).quotas())
          .singleElement()
          .satisfies(q -> assertThat(q.quotaArn()).contains(":eu-west-1:111122223333:"));
    }
    // A service no scope declared is not answered as if it existed.
    try (ServiceQuotasClient client = client("eu-west-1", KEY)) {
      AwsServiceException e =
          catchThrowableOfType(
              AwsServiceException.class, () -> client.listServiceQuotas(r -> r.serviceCode("rds")));
      assertThat(e.statusCode()).isEqualTo(404);
    }
    assertThat(stub.unmatchedRequests()).hasSize(1);
  }

  private static double appliedValue(String region, String key) {
    try (ServiceQuotasClient client = client(region, key)) {
      return client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(EC2_VCPU)).quota().value();
    }
  }
}
