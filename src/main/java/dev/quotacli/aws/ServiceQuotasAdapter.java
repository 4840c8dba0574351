package dev.quotacli.aws;

import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.QuotaSource;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.UsageMetric;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/** Service Quotas for one account and region; every page goes through the {@link CallGuard}. */
final class ServiceQuotasAdapter implements QuotaSource {
  static final String SERVICE = "servicequotas";

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
