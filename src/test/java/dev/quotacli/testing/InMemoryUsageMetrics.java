package dev.quotacli.testing;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.UsageMetrics;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.UsageMetric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory CloudWatch usage metrics ({@link UsageMetrics}): the latest datapoint of each metric
 * that has one; a metric without is absent from the answer. Each {@link #latest} is one
 * GetMetricData call through the guard, and the metrics it was asked for are recorded. Thread-safe.
 */
public final class InMemoryUsageMetrics implements UsageMetrics {
  public static final String SERVICE = "monitoring";
  public static final String OPERATION = "GetMetricData";

  private final Map<UsageMetric, Double> datapoints = new ConcurrentHashMap<>();
  private final List<List<UsageMetric>> asked = new CopyOnWriteArrayList<>();
  private volatile FailureKind failure;

  /** The metric's latest datapoint in the last hour. */
  public InMemoryUsageMetrics datapoint(UsageMetric metric, double value) {
    datapoints.put(metric, value);
    return this;
  }

  /**
   * From now on every call fails with an {@link ApiException} of this kind (message {@code
   * GetMetricData: <kind>}; null: none). The call is still recorded.
   */
  public InMemoryUsageMetrics failing(FailureKind kind) {
    this.failure = kind;
    return this;
  }

  /** The metrics each call asked for, oldest first. */
  public List<List<UsageMetric>> asked() {
    return List.copyOf(asked);
  }

  public int calls() {
    return asked.size();
  }

  @Override
  public Map<UsageMetric, Double> latest(
      Account account, Region region, List<UsageMetric> metrics, CallGuard guard) {
    return guard.call(
        SERVICE,
        OPERATION,
        () -> {
          asked.add(List.copyOf(metrics));
          FailureKind kind = failure;
          if (kind != null) {
            throw new ApiException(kind, false, false, OPERATION + ": " + kind.label());
          }
          Map<UsageMetric, Double> out = new LinkedHashMap<>();
          for (UsageMetric m : metrics) {
            Double v = datapoints.get(m);
            if (v != null) {
              out.put(m, v);
            }
          }
          return out;
        });
  }
}
