package dev.quotacli.testing;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.QuotaSource;
import dev.quotacli.collect.QuotaSources;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory Service Quotas behind the project's {@link QuotaSources} port (not an SDK client):
 * per service code an applied list (quotas with an applied value, possibly with an ErrorReason) and
 * a default list. Every call goes through the {@link CallGuard} it was opened with, under the real
 * operation names, and is counted here by operation. Get of a code the list lacks answers
 * NoSuchResource as the adapter does: NOT_FOUND inside the guard, empty to the caller. Thread-safe.
 */
public final class InMemoryServiceQuotas implements QuotaSources {
  public static final String SERVICE = "servicequotas";
  public static final String LIST_APPLIED = "ListServiceQuotas";
  public static final String LIST_DEFAULTS = "ListAWSDefaultServiceQuotas";
  public static final String GET_APPLIED = "GetServiceQuota";
  public static final String GET_DEFAULT = "GetAWSDefaultServiceQuota";
  public static final String LIST_REQUESTS = "ListRequestedServiceQuotaChangeHistory";

  /**
   * One {@link #open} call.
   *
   * @param accountId the account
   * @param apiRegion the region whose endpoint would be called
   */
  public record Opened(String accountId, Region apiRegion) {}

  private final Map<String, Map<String, ApiQuota>> applied = new ConcurrentHashMap<>();
  private final Map<String, Map<String, ApiQuota>> defaults = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<Opened> opened = new CopyOnWriteArrayList<>();
  private volatile FailureKind failure;
  private final Map<String, List<IncreaseRequest>> requests = new ConcurrentHashMap<>();
  private volatile FailureKind requestsFailure;

  /** The request history of an account in a region (replaces what it had). */
  public InMemoryServiceQuotas requests(
      String accountId, String region, IncreaseRequest... history) {
    requests.put(accountId + "|" + region, List.of(history));
    return this;
  }

  /** From now on every request history call fails with this kind (null: none). */
  public InMemoryServiceQuotas requestsFailing(FailureKind kind) {
    this.requestsFailure = kind;
    return this;
  }

  /** Adds (or replaces, by code) applied values of a service. */
  public InMemoryServiceQuotas applied(String service, ApiQuota... quotas) {
    put(applied, service, quotas);
    return this;
  }

  /** Adds (or replaces, by code) AWS defaults of a service. */
  public InMemoryServiceQuotas defaults(String service, ApiQuota... quotas) {
    put(defaults, service, quotas);
    return this;
  }

  /** From now on every call fails with an {@link ApiException} of this kind (null: none). */
  public InMemoryServiceQuotas failing(FailureKind kind) {
    this.failure = kind;
    return this;
  }

  /** An applied answer carrying an ErrorReason (its value is not a limit). */
  public static ApiQuota withErrorReason(String code, String errorReason) {
    return new ApiQuota(code, "Quota " + code, null, "None", null, errorReason);
  }

  /** Calls of one operation so far, failed ones included. */
  public int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Calls of every operation so far. */
  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** The sources opened so far, oldest first. */
  public List<Opened> opened() {
    return List.copyOf(opened);
  }

  @Override
  public QuotaSource open(Account account, Region apiRegion, CallGuard guard) {
    opened.add(new Opened(account.id().value(), apiRegion));
    return new QuotaSource() {
      @Override
      public List<ApiQuota> listApplied(String service) {
        return guard.call(
            SERVICE, LIST_APPLIED, () -> answer(LIST_APPLIED, () -> all(applied, service)));
      }

      @Override
      public List<ApiQuota> listDefaults(String service) {
        return guard.call(
            SERVICE, LIST_DEFAULTS, () -> answer(LIST_DEFAULTS, () -> all(defaults, service)));
      }

      @Override
      public Optional<ApiQuota> getApplied(String service, String quotaCode) {
        return get(guard, GET_APPLIED, applied, service, quotaCode);
      }

      @Override
      public Optional<ApiQuota> getDefault(String service, String quotaCode) {
        return get(guard, GET_DEFAULT, defaults, service, quotaCode);
      }

      @Override
      public List<IncreaseRequest> listRequests() {
        return guard.call(
            SERVICE,
            LIST_REQUESTS,
            () ->
                answer(
                    LIST_REQUESTS,
                    () -> {
                      FailureKind kind = requestsFailure;
                      if (kind != null) {
                        throw new ApiException(
                            kind, false, false, LIST_REQUESTS + ": failing with " + kind.label());
                      }
                      return requests.getOrDefault(
                          account.id().value() + "|" + apiRegion.name(), List.of());
                    }));
      }
    };
  }

  private Optional<ApiQuota> get(
      CallGuard guard,
      String operation,
      Map<String, Map<String, ApiQuota>> table,
      String service,
      String code) {
    try {
      return Optional.of(
          guard.call(
              SERVICE,
              operation,
              () ->
                  answer(
                      operation,
                      () -> {
                        ApiQuota q = table.getOrDefault(service, Map.of()).get(code);
                        if (q == null) {
                          throw new ApiException(
                              FailureKind.NOT_FOUND,
                              false,
                              false,
                              operation + ": NoSuchResourceException: " + code);
                        }
                        return q;
                      })));
    } catch (ApiException e) {
      if (e.kind() == FailureKind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private <T> T answer(String operation, Supplier<T> answer) {
    calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    FailureKind kind = failure;
    if (kind != null) {
      throw new ApiException(kind, false, false, operation + ": failing with " + kind.label());
    }
    return answer.get();
  }

  private static List<ApiQuota> all(Map<String, Map<String, ApiQuota>> table, String service) {
    return new ArrayList<>(table.getOrDefault(service, Map.of()).values());
  }

  private static void put(
      Map<String, Map<String, ApiQuota>> table, String service, ApiQuota... quotas) {
    Map<String, ApiQuota> byCode =
        table.computeIfAbsent(service, s -> java.util.Collections.synchronizedMap(new TreeMap<>()));
    for (ApiQuota q : quotas) {
      byCode.put(q.code(), q);
    }
  }
}
