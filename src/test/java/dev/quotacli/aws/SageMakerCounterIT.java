package dev.quotacli.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.MotoServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.InstanceType;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/**
 * SageMakerCounter against moto (notebooks, endpoints, training jobs seeded over the SDK). moto
 * creates every training job Completed, so the in-progress training path is tested against a
 * WireMock stub of ListTrainingJobs and DescribeTrainingJob.
 */
class SageMakerCounterIT {
  /** No other test uses this region, so moto's counts there are ours alone. */
  private static final Region REGION = new Region("af-south-1");

  private static final Account ACCOUNT = Fixtures.anAccount(MotoServer.DEFAULT_ACCOUNT);
  private static final String ROLE = "arn:aws:iam::123456789012:role/sagemaker";

  private static final QuotaLimit NOTEBOOKS =
      quota("L-04CE2E67", "Total number of notebook instances");
  private static final QuotaLimit T3_NOTEBOOK =
      quota("L-E17566B7", "ml.t3.medium for notebook instance usage");
  private static final QuotaLimit M5_NOTEBOOK =
      quota("L-76AB2C05", "ml.m5.xlarge for notebook instance usage");
  private static final QuotaLimit G5_NOTEBOOK =
      quota("L-E8917BB7", "ml.g5.xlarge for notebook instance usage");
  private static final QuotaLimit ENDPOINTS =
      quota("L-7A3DF611", "Number of instances across active endpoints");
  private static final QuotaLimit M5_ENDPOINT =
      quota("L-2F737F8D", "ml.m5.xlarge for endpoint usage");
  private static final QuotaLimit G5_ENDPOINT =
      quota("L-1928E07B", "ml.g5.xlarge for endpoint usage");

  /** A made-up code: moto accepts only older endpoint instance types such as ml.g4dn. */
  private static final QuotaLimit G4DN_ENDPOINT =
      quota("L-04D404D4", "ml.g4dn.xlarge for endpoint usage");

  private static final QuotaLimit TRAINING =
      quota("L-00C91CB5", "Number of instances across all training jobs");
  private static final QuotaLimit M5_TRAINING =
      quota("L-CCE2AFA6", "ml.m5.xlarge for training job usage");
  private static final QuotaLimit C5_TRAINING =
      quota("L-0C5C5C5C", "ml.c5.xlarge for training job usage");
  private static final QuotaLimit SPOT =
      quota("L-93958082", "Number of instances across all spot training jobs");
  private static final QuotaLimit M5_SPOT =
      quota("L-4CEE6BA6", "ml.m5.xlarge for spot training job usage");

  /** Quotas the counter does not count. */
  private static final List<QuotaLimit> UNCOUNTED =
      List.of(
          quota("L-ED8DEE9B", "Maximum number of instances per endpoint"),
          quota("L-F311B08F", "Number of instances across all processing jobs"),
          quota("L-0PR0CE55", "ml.m5.xlarge for processing job usage"));

  private final ApiStats stats = new ApiStats();
  private final AwsClientFactory factory = factory(MotoServer.shared().endpoint(), stats);

  private static QuotaLimit quota(String code, String name) {
    return new QuotaLimit(code, name, 4, LimitSource.DEFAULT, "None", null);
  }

  private static AwsClientFactory factory(URI sageMaker, ApiStats stats) {
    return new AwsClientFactory(
        new Endpoints(null, Map.of("sagemaker", sageMaker)),
        AwsClientFactory.Timeouts.DEFAULT,
        stats);
  }

  /**
   * Notebooks: two ml.t3.medium (InService, Pending), one ml.m5.xlarge Stopped. Endpoints: one with
   * ml.m5.xlarge ×2 and ml.g4dn.xlarge ×1, one with ml.m5.xlarge ×1. One training job (Completed).
   */
  @BeforeAll
  static void seed() {
    try (AwsClientFactory seeding = factory(MotoServer.shared().endpoint(), new ApiStats())) {
      var sm = seeding.sageMaker(ACCOUNT, REGION);
      sm.createNotebookInstance(
          b ->
              b.notebookInstanceName("nb-t3-running")
                  .instanceType(InstanceType.ML_T3_MEDIUM)
                  .roleArn(ROLE));
      sm.startNotebookInstance(b -> b.notebookInstanceName("nb-t3-running"));
      sm.createNotebookInstance(
          b ->
              b.notebookInstanceName("nb-t3-pending")
                  .instanceType(InstanceType.ML_T3_MEDIUM)
                  .roleArn(ROLE));
      sm.createNotebookInstance(
          b ->
              b.notebookInstanceName("nb-m5-stopped")
                  .instanceType(InstanceType.ML_M5_XLARGE)
                  .roleArn(ROLE));
      sm.startNotebookInstance(b -> b.notebookInstanceName("nb-m5-stopped"));
      sm.stopNotebookInstance(b -> b.notebookInstanceName("nb-m5-stopped"));

      sm.createModel(
          b -> b.modelName("model").executionRoleArn(ROLE).primaryContainer(c -> c.image("img:1")));
      sm.createEndpointConfig(
          b ->
              b.endpointConfigName("cfg-two-types")
                  .productionVariants(
                      variant("main", ProductionVariantInstanceType.ML_M5_XLARGE, 2),
                      variant("canary", ProductionVariantInstanceType.ML_G4_DN_XLARGE, 1)));
      sm.createEndpointConfig(
          b ->
              b.endpointConfigName("cfg-m5")
                  .productionVariants(
                      variant("main", ProductionVariantInstanceType.ML_M5_XLARGE, 1)));
      sm.createEndpoint(b -> b.endpointName("ep-two-types").endpointConfigName("cfg-two-types"));
      sm.createEndpoint(b -> b.endpointName("ep-m5").endpointConfigName("cfg-m5"));

      sm.createTrainingJob(
          b ->
              b.trainingJobName("train-done")
                  .roleArn(ROLE)
                  .algorithmSpecification(
                      a -> a.trainingImage("img:1").trainingInputMode(TrainingInputMode.FILE))
                  .outputDataConfig(o -> o.s3OutputPath("s3://bucket/out"))
                  .resourceConfig(
                      r ->
                          r.instanceType(TrainingInstanceType.ML_M5_XLARGE)
                              .instanceCount(2)
                              .volumeSizeInGB(10))
                  .stoppingCondition(s -> s.maxRuntimeInSeconds(3600)));
    }
  }

  private static ProductionVariant variant(
      String name, ProductionVariantInstanceType type, int count) {
    return ProductionVariant.builder()
        .variantName(name)
        .modelName("model")
        .instanceType(type)
        .initialInstanceCount(count)
        .build();
  }

  @AfterEach
  void close() {
    factory.close();
  }

  private SageMakerCounter counter(AwsClientFactory factory) {
    var guard = TestClients.guard(stats, ACCOUNT.id().value(), REGION.name());
    return new SageMakerCounter(factory.sageMaker(ACCOUNT, REGION), guard);
  }

  private Map<String, Long> calls() {
    return stats.snapshot().entrySet().stream()
        .collect(
            Collectors.toMap(
                e -> e.getKey().service() + ":" + e.getKey().operation(),
                e -> e.getValue().calls()));
  }

  @Test
  void countsNotebookEndpointAndTrainingInstancesInTotalAndPerType() {
    var usage =
        counter(factory)
            .count(
                List.of(
                    NOTEBOOKS,
                    T3_NOTEBOOK,
                    M5_NOTEBOOK,
                    G5_NOTEBOOK,
                    ENDPOINTS,
                    M5_ENDPOINT,
                    G5_ENDPOINT,
                    G4DN_ENDPOINT,
                    TRAINING,
                    M5_TRAINING,
                    SPOT,
                    M5_SPOT,
                    UNCOUNTED.get(0),
                    UNCOUNTED.get(1),
                    UNCOUNTED.get(2)));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry(NOTEBOOKS.code(), 2.0),
                Map.entry(T3_NOTEBOOK.code(), 2.0),
                Map.entry(M5_NOTEBOOK.code(), 0.0),
                Map.entry(G5_NOTEBOOK.code(), 0.0),
                Map.entry(ENDPOINTS.code(), 4.0),
                Map.entry(M5_ENDPOINT.code(), 3.0),
                Map.entry(G5_ENDPOINT.code(), 0.0),
                Map.entry(G4DN_ENDPOINT.code(), 1.0),
                // moto's only training job is Completed: nothing in progress is a real zero.
                Map.entry(TRAINING.code(), 0.0),
                Map.entry(M5_TRAINING.code(), 0.0),
                Map.entry(SPOT.code(), 0.0),
                Map.entry(M5_SPOT.code(), 0.0)));
    assertThat(calls())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "sagemaker:ListNotebookInstances", 1L,
                "sagemaker:ListEndpoints", 1L,
                "sagemaker:DescribeEndpoint", 2L,
                "sagemaker:DescribeEndpointConfig", 2L,
                "sagemaker:ListTrainingJobs", 1L));
  }

  @Test
  void theEndpointTotalAloneNeedsNoEndpointConfigs() {
    assertThat(counter(factory).count(List.of(ENDPOINTS)))
        .containsExactlyEntriesOf(Map.of(ENDPOINTS.code(), 4.0));
    assertThat(calls())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("sagemaker:ListEndpoints", 1L, "sagemaker:DescribeEndpoint", 2L));
  }

  @Test
  void aPerTypeNotebookQuotaAloneListsOnlyNotebooks() {
    assertThat(counter(factory).count(List.of(T3_NOTEBOOK)))
        .containsExactlyEntriesOf(Map.of(T3_NOTEBOOK.code(), 2.0));
    assertThat(calls()).containsExactlyEntriesOf(Map.of("sagemaker:ListNotebookInstances", 1L));
  }

  @Test
  void quotasItDoesNotCountMakeNoCalls() {
    assertThat(counter(factory).count(UNCOUNTED)).isEmpty();
    assertThat(stats.snapshot()).isEmpty();
  }

  @Test
  void inProgressTrainingJobsCountTheirInstancesAndSpotJobsCountTowardTheSpotQuotas() {
    WireMockServer stub =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    stub.start();
    try (AwsClientFactory wiremock =
        factory(URI.create("http://127.0.0.1:" + stub.port()), stats)) {
      // Matching StatusEquals: a request without the filter finds no stub and fails the test.
      stub.stubFor(
          sageMaker("ListTrainingJobs")
              .withRequestBody(matchingJsonPath("$.StatusEquals", equalTo("InProgress")))
              .willReturn(
                  json(
                      "{\"TrainingJobSummaries\":["
                          + summary("on-demand")
                          + ","
                          + summary("spot")
                          + ","
                          + summary("heterogeneous")
                          + "]}")));
      stub.stubFor(
          describe(
              "on-demand",
              false,
              "{\"InstanceType\":\"ml.m5.xlarge\",\"InstanceCount\":2,\"VolumeSizeInGB\":10}"));
      stub.stubFor(
          describe(
              "spot",
              true,
              "{\"InstanceType\":\"ml.m5.xlarge\",\"InstanceCount\":3,\"VolumeSizeInGB\":10}"));
      stub.stubFor(
          describe(
              "heterogeneous",
              false,
              "{\"VolumeSizeInGB\":10,\"InstanceGroups\":["
                  + "{\"InstanceType\":\"ml.p3.2xlarge\",\"InstanceCount\":1,\"InstanceGroupName\":\"gpu\"},"
                  + "{\"InstanceType\":\"ml.m5.xlarge\",\"InstanceCount\":1,\"InstanceGroupName\":\"cpu\"}]}"));

      var usage =
          counter(wiremock).count(List.of(TRAINING, M5_TRAINING, C5_TRAINING, SPOT, M5_SPOT));

      assertThat(usage)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  TRAINING.code(),
                  4.0,
                  M5_TRAINING.code(),
                  3.0,
                  C5_TRAINING.code(),
                  0.0,
                  SPOT.code(),
                  3.0,
                  M5_SPOT.code(),
                  3.0));
      assertThat(calls())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("sagemaker:ListTrainingJobs", 1L, "sagemaker:DescribeTrainingJob", 3L));
    } finally {
      stub.stop();
    }
  }

  private static MappingBuilder sageMaker(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation));
  }

  private static MappingBuilder describe(String job, boolean spot, String resourceConfig) {
    return sageMaker("DescribeTrainingJob")
        .withRequestBody(matchingJsonPath("$.TrainingJobName", equalTo(job)))
        .willReturn(
            json(
                "{\"TrainingJobName\":\""
                    + job
                    + "\",\"TrainingJobArn\":\""
                    + arn(job)
                    + "\","
                    + "\"TrainingJobStatus\":\"InProgress\",\"SecondaryStatus\":\"Training\","
                    + "\"CreationTime\":1700000000,\"RoleArn\":\""
                    + ROLE
                    + "\","
                    + "\"AlgorithmSpecification\":{\"TrainingImage\":\"img:1\",\"TrainingInputMode\":\"File\"},"
                    + "\"StoppingCondition\":{\"MaxRuntimeInSeconds\":3600},"
                    + "\"EnableManagedSpotTraining\":"
                    + spot
                    + ",\"ResourceConfig\":"
                    + resourceConfig
                    + "}"));
  }

  private static String summary(String job) {
    return "{\"TrainingJobName\":\""
        + job
        + "\",\"TrainingJobArn\":\""
        + arn(job)
        + "\","
        + "\"CreationTime\":1700000000,\"TrainingJobStatus\":\"InProgress\"}";
  }

  private static String arn(String job) {
    return "arn:aws:sagemaker:" + REGION + ":123456789012:training-job/" + job;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }
}
