package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.SageMakerUsage;
import dev.quotacli.quota.SageMakerUsage.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * Counts SageMaker notebook, endpoint and training-job instances in one account and region, in
 * total and per instance type (the counting rules are {@link SageMakerUsage}'s). Describes
 * endpoints and training jobs one by one, and endpoint configs only when per-type endpoint quotas
 * are wanted. Thread-safe if its CallGuard is.
 */
final class SageMakerCounter implements UsageCounter {
  static final String SERVICE = "sagemaker";

  /** The List APIs' largest page size. */
  static final int PAGE_SIZE = 100;

  private static final TrainingJobStatus IN_PROGRESS =
      TrainingJobStatus.fromValue(SageMakerUsage.TRAINING_STATE_COUNTED);

  private final SageMakerClient client;
  private final CallGuard guard;

  SageMakerCounter(SageMakerClient client, CallGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  @Override
  public Map<String, Double> count(List<QuotaLimit> quotas) {
    Map<String, Double> usage = new TreeMap<>();
    if (SageMakerUsage.needs(quotas, Kind.NOTEBOOK)) {
      usage.putAll(SageMakerUsage.notebooks(quotas, notebooks()));
    }
    if (SageMakerUsage.needs(quotas, Kind.ENDPOINT)) {
      boolean withTypes = SageMakerUsage.needsTypes(quotas, Kind.ENDPOINT);
      usage.putAll(SageMakerUsage.endpoints(quotas, endpoints(withTypes)));
    }
    if (SageMakerUsage.needs(quotas, Kind.TRAINING)
        || SageMakerUsage.needs(quotas, Kind.SPOT_TRAINING)) {
      usage.putAll(SageMakerUsage.trainingJobs(quotas, trainingJobs()));
    }
    return usage;
  }

  private List<SageMakerUsage.Notebook> notebooks() {
    return GuardedPages.all(
            guard,
            SERVICE,
            "ListNotebookInstances",
            token -> {
              var r = client.listNotebookInstances(b -> b.maxResults(PAGE_SIZE).nextToken(token));
              return new GuardedPages.Page<>(r.notebookInstances(), r.nextToken());
            })
        .stream()
        .map(
            n ->
                new SageMakerUsage.Notebook(
                    n.instanceTypeAsString(), n.notebookInstanceStatusAsString()))
        .toList();
  }

  /**
   * @param withTypes whether to read each endpoint config for its variants' instance types
   */
  private List<SageMakerUsage.Endpoint> endpoints(boolean withTypes) {
    List<EndpointSummary> summaries =
        GuardedPages.all(
            guard,
            SERVICE,
            "ListEndpoints",
            token -> {
              var r = client.listEndpoints(b -> b.maxResults(PAGE_SIZE).nextToken(token));
              return new GuardedPages.Page<>(r.endpoints(), r.nextToken());
            });
    Map<String, Map<String, String>> typesByConfig = new HashMap<>();
    List<SageMakerUsage.Endpoint> endpoints = new ArrayList<>();
    for (EndpointSummary s : summaries) {
      if (!SageMakerUsage.endpointCounts(s.endpointStatusAsString())) {
        endpoints.add(new SageMakerUsage.Endpoint(s.endpointStatusAsString(), List.of()));
        continue;
      }
      var endpoint =
          GuardedPages.one(
              guard,
              SERVICE,
              "DescribeEndpoint",
              () -> client.describeEndpoint(b -> b.endpointName(s.endpointName())));
      Map<String, String> types =
          withTypes
              ? typesByConfig.computeIfAbsent(endpoint.endpointConfigName(), this::variantTypes)
              : Map.of();
      endpoints.add(
          new SageMakerUsage.Endpoint(
              endpoint.endpointStatusAsString(),
              endpoint.productionVariants().stream()
                  .map(
                      v ->
                          new SageMakerUsage.Variant(
                              types.get(v.variantName()),
                              v.currentInstanceCount(),
                              v.desiredInstanceCount()))
                  .toList()));
    }
    return endpoints;
  }

  /** Variant name → instance type of an endpoint config (serverless variants have none). */
  private Map<String, String> variantTypes(String endpointConfig) {
    var config =
        GuardedPages.one(
            guard,
            SERVICE,
            "DescribeEndpointConfig",
            () -> client.describeEndpointConfig(b -> b.endpointConfigName(endpointConfig)));
    Map<String, String> types = new HashMap<>();
    for (ProductionVariant v : config.productionVariants()) {
      if (v.instanceTypeAsString() != null) {
        types.put(v.variantName(), v.instanceTypeAsString());
      }
    }
    return types;
  }

  private List<SageMakerUsage.TrainingJob> trainingJobs() {
    List<TrainingJobSummary> inProgress =
        GuardedPages.all(
            guard,
            SERVICE,
            "ListTrainingJobs",
            token -> {
              var r =
                  client.listTrainingJobs(
                      b -> b.statusEquals(IN_PROGRESS).maxResults(PAGE_SIZE).nextToken(token));
              return new GuardedPages.Page<>(r.trainingJobSummaries(), r.nextToken());
            });
    List<SageMakerUsage.TrainingJob> jobs = new ArrayList<>();
    for (TrainingJobSummary s : inProgress) {
      var job =
          GuardedPages.one(
              guard,
              SERVICE,
              "DescribeTrainingJob",
              () -> client.describeTrainingJob(b -> b.trainingJobName(s.trainingJobName())));
      var resources = job.resourceConfig();
      List<SageMakerUsage.Instances> groups =
          resources == null
              ? List.of()
              : resources.instanceGroups().stream()
                  .map(
                      g ->
                          new SageMakerUsage.Instances(
                              g.instanceTypeAsString(), nz(g.instanceCount())))
                  .toList();
      jobs.add(
          SageMakerUsage.TrainingJob.of(
              Boolean.TRUE.equals(job.enableManagedSpotTraining()),
              resources == null ? null : resources.instanceTypeAsString(),
              resources == null ? null : resources.instanceCount(),
              groups));
    }
    return jobs;
  }

  private static int nz(Integer n) {
    return n == null ? 0 : n;
  }
}
