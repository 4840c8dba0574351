package dev.quotacli.quota;

import static dev.quotacli.quota.SageMakerUsage.ENDPOINT_INSTANCES;
import static dev.quotacli.quota.SageMakerUsage.NOTEBOOK_INSTANCES;
import static dev.quotacli.quota.SageMakerUsage.SPOT_TRAINING_INSTANCES;
import static dev.quotacli.quota.SageMakerUsage.TRAINING_INSTANCES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.quota.SageMakerUsage.Endpoint;
import dev.quotacli.quota.SageMakerUsage.Instances;
import dev.quotacli.quota.SageMakerUsage.Kind;
import dev.quotacli.quota.SageMakerUsage.Notebook;
import dev.quotacli.quota.SageMakerUsage.TrainingJob;
import dev.quotacli.quota.SageMakerUsage.TypedQuota;
import dev.quotacli.quota.SageMakerUsage.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SageMakerUsageTest {
  private static QuotaLimit quota(String code, String name) {
    return new QuotaLimit(code, name, 1, LimitSource.DEFAULT, "None", null);
  }

  private static final QuotaLimit NOTEBOOKS =
      quota(NOTEBOOK_INSTANCES, "Total number of notebook instances");
  private static final QuotaLimit T3_NOTEBOOK =
      quota("L-E17566B7", "ml.t3.medium for notebook instance usage");
  private static final QuotaLimit M5_NOTEBOOK =
      quota("L-76AB2C05", "ml.m5.xlarge for notebook instance usage");
  private static final QuotaLimit G5_NOTEBOOK =
      quota("L-E8917BB7", "ml.g5.xlarge for notebook instance usage");
  private static final QuotaLimit ENDPOINTS =
      quota(ENDPOINT_INSTANCES, "Number of instances across active endpoints");
  private static final QuotaLimit M5_ENDPOINT =
      quota("L-2F737F8D", "ml.m5.xlarge for endpoint usage");
  private static final QuotaLimit G5_ENDPOINT =
      quota("L-1928E07B", "ml.g5.xlarge for endpoint usage");
  private static final QuotaLimit TRAINING =
      quota(TRAINING_INSTANCES, "Number of instances across all training jobs");
  private static final QuotaLimit M5_TRAINING =
      quota("L-CCE2AFA6", "ml.m5.xlarge for training job usage");
  private static final QuotaLimit SPOT =
      quota(SPOT_TRAINING_INSTANCES, "Number of instances across all spot training jobs");
  private static final QuotaLimit M5_SPOT =
      quota("L-4CEE6BA6", "ml.m5.xlarge for spot training job usage");

  @Test
  void perTypeQuotasAreRecognisedByName() {
    assertThat(SageMakerUsage.typed(T3_NOTEBOOK))
        .contains(new TypedQuota("L-E17566B7", "ml.t3.medium", Kind.NOTEBOOK));
    assertThat(SageMakerUsage.typed(M5_ENDPOINT))
        .contains(new TypedQuota("L-2F737F8D", "ml.m5.xlarge", Kind.ENDPOINT));
    assertThat(SageMakerUsage.typed(M5_TRAINING))
        .contains(new TypedQuota("L-CCE2AFA6", "ml.m5.xlarge", Kind.TRAINING));
    assertThat(SageMakerUsage.typed(M5_SPOT))
        .contains(new TypedQuota("L-4CEE6BA6", "ml.m5.xlarge", Kind.SPOT_TRAINING));
  }

  @Test
  void otherSageMakerQuotasAreNotPerTypeOnes() {
    assertThat(SageMakerUsage.typed(NOTEBOOKS)).isEmpty();
    assertThat(SageMakerUsage.typed(quota("L-1", "ml.m5.xlarge for processing job usage")))
        .isEmpty();
    assertThat(SageMakerUsage.typed(quota("L-2", "ml.m5.xlarge for training warm pool usage")))
        .isEmpty();
    assertThat(SageMakerUsage.typed(quota("L-3", "ml.m5.xlarge for endpoint usage (beta)")))
        .isEmpty();
    assertThat(SageMakerUsage.typed(quota("L-4", null))).isEmpty();
  }

  @Test
  void notebooksCountUnlessStoppedDeletingOrFailedAndEveryTypeQuotaGetsItsCount() {
    var usage =
        SageMakerUsage.notebooks(
            List.of(NOTEBOOKS, T3_NOTEBOOK, M5_NOTEBOOK, G5_NOTEBOOK),
            List.of(
                new Notebook("ml.t3.medium", "InService"),
                new Notebook("ml.t3.medium", "Pending"),
                new Notebook("ml.m5.xlarge", "Updating"),
                new Notebook("ml.m5.xlarge", "Stopped"),
                new Notebook("ml.g5.xlarge", "Failed"),
                new Notebook("ml.g5.xlarge", "Deleting")));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                NOTEBOOK_INSTANCES, 3.0, "L-E17566B7", 2.0, "L-76AB2C05", 1.0, "L-E8917BB7", 0.0));
  }

  @Test
  void endpointInstancesAreTheLargerOfCurrentAndDesiredPerVariantExceptFailedOrDeletingEndpoints() {
    var usage =
        SageMakerUsage.endpoints(
            List.of(ENDPOINTS, M5_ENDPOINT, G5_ENDPOINT),
            List.of(
                new Endpoint(
                    "InService",
                    List.of(new Variant("ml.m5.xlarge", 2, 2), new Variant("ml.g5.xlarge", 1, 1))),
                new Endpoint("Creating", List.of(new Variant("ml.m5.xlarge", null, 3))),
                new Endpoint("Updating", List.of(new Variant("ml.m5.xlarge", 4, 1))),
                new Endpoint("Failed", List.of(new Variant("ml.g5.xlarge", 5, 5))),
                new Endpoint("InService", List.of(new Variant(null, null, null)))));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ENDPOINT_INSTANCES, 10.0, "L-2F737F8D", 9.0, "L-1928E07B", 1.0));
  }

  @Test
  void spotTrainingJobsCountTowardTheSpotQuotasInsteadOfTheOnDemandOnes() {
    var usage =
        SageMakerUsage.trainingJobs(
            List.of(TRAINING, M5_TRAINING, SPOT, M5_SPOT),
            List.of(
                TrainingJob.of(false, "ml.m5.xlarge", 2, List.of()),
                TrainingJob.of(false, "ml.c5.xlarge", 1, List.of()),
                TrainingJob.of(true, "ml.m5.xlarge", 4, List.of())));

    assertThat(usage)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                TRAINING_INSTANCES,
                3.0,
                "L-CCE2AFA6",
                2.0,
                SPOT_TRAINING_INSTANCES,
                4.0,
                "L-4CEE6BA6",
                4.0));
  }

  @Test
  void aHeterogeneousTrainingJobCountsItsInstanceGroups() {
    var job =
        TrainingJob.of(
            false,
            null,
            null,
            List.of(new Instances("ml.m5.xlarge", 2), new Instances("ml.p3.2xlarge", 1)));

    assertThat(SageMakerUsage.trainingJobs(List.of(TRAINING, M5_TRAINING), List.of(job)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(TRAINING_INSTANCES, 3.0, "L-CCE2AFA6", 2.0));
  }

  @Test
  void onlyTheQuotasAskedForAreReported() {
    assertThat(
            SageMakerUsage.notebooks(
                List.of(M5_NOTEBOOK, ENDPOINTS),
                List.of(new Notebook("ml.t3.medium", "InService"))))
        .containsExactlyEntriesOf(Map.of("L-76AB2C05", 0.0));
  }

  @Test
  void aKindIsNeededForItsTotalOrAnyOfItsPerTypeQuotas() {
    assertThat(SageMakerUsage.needs(List.of(NOTEBOOKS), Kind.NOTEBOOK)).isTrue();
    assertThat(SageMakerUsage.needs(List.of(T3_NOTEBOOK), Kind.NOTEBOOK)).isTrue();
    assertThat(SageMakerUsage.needs(List.of(M5_SPOT), Kind.TRAINING)).isFalse();
    assertThat(SageMakerUsage.needs(List.of(M5_SPOT), Kind.SPOT_TRAINING)).isTrue();
    assertThat(SageMakerUsage.needsTypes(List.of(ENDPOINTS), Kind.ENDPOINT)).isFalse();
    assertThat(SageMakerUsage.needsTypes(List.of(ENDPOINTS, G5_ENDPOINT), Kind.ENDPOINT)).isTrue();
  }
}
