package dev.quotacli.testing;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.collect.UsageCounters;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory {@link UsageCounters}: per service code, the counts its counter answers by quota code;
 * a service without counts has no counter. Answers only the codes it is asked about, as a real
 * counter does, and records every open and count. A quota can be made to fail on its own (as when
 * the one call it needs fails), or every count as a whole. Thread-safe.
 */
public final class InMemoryUsageCounters implements UsageCounters {
  /**
   * One {@link #open} call.
   *
   * @param accountId the account
   * @param apiRegion the region to call
   * @param service the service code
   */
  public record Opened(String accountId, Region apiRegion, String service) {}

  private final Map<String, Map<String, Double>> counts = new ConcurrentHashMap<>();
  private final List<Opened> opened = new CopyOnWriteArrayList<>();
  private final List<List<String>> asked = new CopyOnWriteArrayList<>();
  private final AtomicInteger countCalls = new AtomicInteger();
  private final Map<String, FailureKind> quotaFailures = new ConcurrentHashMap<>();
  private volatile FailureKind failure;

  /** Gives the service a counter that knows this quota's usage. */
  public InMemoryUsageCounters count(String service, String quotaCode, double value) {
    counts.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).put(quotaCode, value);
    return this;
  }

  /**
   * From now on the service's counter cannot count this quota: the call it needs fails with an
   * {@link ApiException} of this kind (message {@code Describe<code>: <kind>}), and the count
   * reports it with the quotas it did count (null: it counts again).
   */
  public InMemoryUsageCounters failing(String service, String quotaCode, FailureKind kind) {
    counts.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
    if (kind == null) {
      quotaFailures.remove(service + "/" + quotaCode);
    } else {
      quotaFailures.put(service + "/" + quotaCode, kind);
    }
    return this;
  }

  /** From now on every count fails with an {@link ApiException} of this kind (null: none). */
  public InMemoryUsageCounters failing(FailureKind kind) {
    this.failure = kind;
    return this;
  }

  /** The counters opened so far, oldest first (also those of services without a counter). */
  public List<Opened> opened() {
    return List.copyOf(opened);
  }

  /** How many times a counter counted. */
  public int countCalls() {
    return countCalls.get();
  }

  /** The quota codes each count was given, oldest first. */
  public List<List<String>> asked() {
    return List.copyOf(asked);
  }

  @Override
  public Optional<UsageCounter> open(
      Account account, Region apiRegion, String service, CallGuard guard) {
    opened.add(new Opened(account.id().value(), apiRegion, service));
    Map<String, Double> known = counts.get(service);
    if (known == null) {
      return Optional.empty();
    }
    return Optional.of(
        quotas -> {
          countCalls.incrementAndGet();
          asked.add(quotas.stream().map(QuotaLimit::code).toList());
          FailureKind kind = failure;
          if (kind != null) {
            throw new ApiException(kind, false, false, "Describe" + service + ": " + kind.label());
          }
          UsageCounter.Tally tally = new UsageCounter.Tally();
          for (QuotaLimit q : quotas) {
            FailureKind fails = quotaFailures.get(service + "/" + q.code());
            Double v = known.get(q.code());
            if (fails != null) {
              tally.group(
                  List.of(q.code()),
                  () -> {
                    throw new ApiException(
                        fails, false, false, "Describe" + q.code() + ": " + fails.label());
                  });
            } else if (v != null) {
              tally.group(List.of(q.code()), () -> Map.of(q.code(), v));
            }
          }
          return tally.counted();
        });
  }
}
