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
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * Counts SageMaker notebook, endpoint and training-job instances in one account and region, in
 * total and per instance type (the counting rules are {@link SageMakerUsage}'s). Describes
 * endpoints and training jobs one by one, and endpoint configs only when per-type endpoint quotas
 * are wanted. A failed call loses only the quotas of its kind (notebooks, endpoints, training).
 * Thread-safe if its CallGuard is.
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
  public Counted countEach(List<QuotaLimit> quotas) {
    Tally tally = new Tally();
    if (SageMakerUsage.needs(quotas, Kind.NOTEBOOK)) {
      tally.group(
          codes(quotas, Kind.NOTEBOOK), () -> SageMakerUsage.notebooks(quotas, notebooks()));
    }
    if (SageMakerUsage.needs(quotas, Kind.ENDPOINT)) {
      boolean withTypes = SageMakerUsage.needsTypes(quotas, Kind.ENDPOINT);
      tally.group(
          codes(quotas, Kind.ENDPOINT),
          () -> SageMakerUsage.endpoints(quotas, endpoints(withTypes)));
    }
    if (SageMakerUsage.needs(quotas, Kind.TRAINING)
        || SageMakerUsage.needs(quotas, Kind.SPOT_TRAINING)) {
      Set<String> training = new TreeSet<>(codes(quotas, Kind.TRAINING));
      training.addAll(codes(quotas, Kind.SPOT_TRAINING));
      tally.group(training, () -> SageMakerUsage.trainingJobs(quotas, trainingJobs()));
    }
    return tally.counted();
  }

  /** The quotas of a kind among {@code quotas}: its total and its per-type quotas. */
  private static Set<String> codes(List<QuotaLimit> quotas, Kind kind) {
    Set<String> codes = new TreeSet<>();
    for (QuotaLimit q : quotas) {
      if (q.code().equals(kind.totalCode())
          || SageMakerUsage.typed(q).filter(t -> t.kind() == kind).isPresent()) {
        codes.add(q.code());
      }
    }
    return codes;
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
