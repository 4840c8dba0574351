package dev.quotacli.aws;

import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.QuotaSource;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.UsageMetric;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.RequestedServiceQuotaChange;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/** Service Quotas for one account and region; every page goes through the {@link CallGuard}. */
final class ServiceQuotasAdapter implements QuotaSource {
  static final String SERVICE = "servicequotas";

  /** The request history of every service, one paged call per account and region. */
  static final String LIST_REQUESTS = "ListRequestedServiceQuotaChangeHistory";

  /** The API's maximum page size: fewer pages, fewer calls. */
  static final int PAGE_SIZE = 100;

  private final ServiceQuotasClient client;
  private final CallGuard guard;

  ServiceQuotasAdapter(ServiceQuotasClient client, CallGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  @Override
  public List<ApiQuota> listApplied(String service) {
    return listAll(
        "ListServiceQuotas",
        token -> {
          var r =
              client.listServiceQuotas(
                  b -> b.serviceCode(service).maxResults(PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(r.quotas(), r.nextToken());
        });
  }

  @Override
  public List<ApiQuota> listDefaults(String service) {
    return listAll(
        "ListAWSDefaultServiceQuotas",
        token -> {
          var r =
              client.listAWSDefaultServiceQuotas(
                  b -> b.serviceCode(service).maxResults(PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(r.quotas(), r.nextToken());
        });
  }

  @Override
  public Optional<ApiQuota> getApplied(String service, String quotaCode) {
    return getOne(
        "GetServiceQuota",
        () -> client.getServiceQuota(b -> b.serviceCode(service).quotaCode(quotaCode)).quota());
  }

  @Override
  public Optional<ApiQuota> getDefault(String service, String quotaCode) {
    return getOne(
        "GetAWSDefaultServiceQuota",
        () ->
            client
                .getAWSDefaultServiceQuota(b -> b.serviceCode(service).quotaCode(quotaCode))
                .quota());
  }

  @Override
  public List<IncreaseRequest> listRequests() {
    return GuardedPages.all(
            guard,
            SERVICE,
            LIST_REQUESTS,
            token -> {
              var r =
                  client.listRequestedServiceQuotaChangeHistory(
                      b -> b.maxResults(PAGE_SIZE).nextToken(token));
              return new GuardedPages.Page<>(r.requestedQuotas(), r.nextToken());
            })
        .stream()
        .map(ServiceQuotasAdapter::toRequest)
        .flatMap(Optional::stream)
        .toList();
  }

  /**
   * Maps one request to the domain record; empty for a status this version does not know or an
   * answer without the fields a request needs. Pure.
   */
  static Optional<IncreaseRequest> toRequest(RequestedServiceQuotaChange c) {
    var status = IncreaseRequest.Status.parse(c.statusAsString());
    if (status.isEmpty()
        || c.serviceCode() == null
        || c.quotaCode() == null
        || c.desiredValue() == null
        || c.created() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new IncreaseRequest(
            c.id(),
            c.serviceCode(),
            c.quotaCode(),
            c.quotaName(),
            c.desiredValue(),
            status.get(),
            c.created(),
            c.lastUpdated()));
  }

  private Optional<ApiQuota> getOne(
      String operation, java.util.function.Supplier<ServiceQuota> call) {
    try {
      return Optional.of(
          toApiQuota(guard.call(SERVICE, operation, () -> AwsErrors.translating(operation, call))));
    } catch (ApiException e) {
      if (e.kind() == FailureKind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private List<ApiQuota> listAll(
      String operation, Function<String, GuardedPages.Page<ServiceQuota>> fetch) {
    return GuardedPages.all(guard, SERVICE, operation, fetch).stream()
        .map(ServiceQuotasAdapter::toApiQuota)
        .toList();
  }

  /** Maps the SDK model to the domain record. Pure. */
  static ApiQuota toApiQuota(ServiceQuota q) {
    UsageMetric metric = null;
    if (q.usageMetric() != null && q.usageMetric().metricName() != null) {
      var m = q.usageMetric();
      metric =
          new UsageMetric(
              m.metricNamespace(),
              m.metricName(),
              m.metricDimensions(),
              m.metricStatisticRecommendation());
    }
    String error = null;
    if (q.errorReason() != null
        && (q.errorReason().errorCodeAsString() != null
            || q.errorReason().errorMessage() != null)) {
      error =
          q.errorReason().errorCodeAsString()
              + (q.errorReason().errorMessage() == null
                  ? ""
                  : ": " + AwsErrors.oneLine(q.errorReason().errorMessage()));
    }
    return new ApiQuota(q.quotaCode(), q.quotaName(), q.value(), q.unit(), metric, error);
  }
}
