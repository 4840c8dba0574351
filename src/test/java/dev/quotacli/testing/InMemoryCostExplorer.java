package dev.quotacli.testing;

import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.CostExplorerSource;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.Period;
import dev.quotacli.cost.RightsizingResult;
import dev.quotacli.cost.TagCostLine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory Cost Explorer for one scope behind the {@link CostExplorerSource} port (not an SDK
 * client): cost lines per period, tag lines per tag key, forecasts per account (the scope's own
 * under its id), a rightsizing answer. Each method is one request through the guard under the real
 * operation names, recorded with what it asked. A forecast that is not set answers NOT_FOUND, as
 * the adapter does for DataUnavailableException. GetCostAndUsage by account and service may take
 * several pages ({@link #costPages}), each a call through the guard. Thread-safe.
 */
public final class InMemoryCostExplorer implements CostExplorerSource {
  public static final String SERVICE = "ce";
  public static final String GET_COST_AND_USAGE = "GetCostAndUsage";
  public static final String GET_COST_FORECAST = "GetCostForecast";
  public static final String GET_RIGHTSIZING = "GetRightsizingRecommendation";

  /**
   * One request.
   *
   * @param operation the operation
   * @param period the period asked, or null (rightsizing)
   * @param metric the metric asked, or null (rightsizing)
   * @param detail the tag key, or the linked account of a forecast, else null
   * @param interval whether a forecast asked for the prediction interval
   */
  public record Asked(
      String operation, Period period, CostMetric metric, String detail, boolean interval) {}

  private final String scopeAccountId;
  private final Map<Period, List<CostLine>> costs = new ConcurrentHashMap<>();
  private final Map<String, List<CostLine>> costsByMetric = new ConcurrentHashMap<>();
  private volatile int costPages = 1;
  private final Map<String, List<TagCostLine>> tags = new ConcurrentHashMap<>();
  private final Map<String, Forecast> forecasts = new ConcurrentHashMap<>();
  private final Map<String, FailureKind> forecastFailures = new ConcurrentHashMap<>();
  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  private volatile RightsizingResult rightsizing = RightsizingResult.enabled(List.of());

  /**
   * @param scopeAccountId the account whose credentials ask (the payer)
   */
  public InMemoryCostExplorer(String scopeAccountId) {
    this.scopeAccountId = scopeAccountId;
  }

  /** The cost lines GetCostAndUsage by account and service answers for exactly this period. */
  public InMemoryCostExplorer cost(Period period, CostLine... lines) {
    costs.put(period, List.of(lines));
    return this;
  }

  /** The cost lines for exactly this period and metric (before those of the period alone). */
  public InMemoryCostExplorer cost(Period period, CostMetric metric, CostLine... lines) {
    costsByMetric.put(period + "/" + metric, List.of(lines));
    return this;
  }

  /**
   * How many pages GetCostAndUsage by account and service takes: each is one call through the guard
   * (a billed request), the lines come with the last.
   */
  public InMemoryCostExplorer costPages(int pages) {
    this.costPages = pages;
    return this;
  }

  /** The lines GetCostAndUsage by tag and service answers for this key, whatever the period. */
  public InMemoryCostExplorer tagCost(String tagKey, TagCostLine... lines) {
    tags.put(tagKey, List.of(lines));
    return this;
  }

  /** The forecast of an account (the scope's id for the scope's own forecast). */
  public InMemoryCostExplorer forecast(String accountId, double mean, Double lower, Double upper) {
    forecasts.put(accountId, new Forecast(accountId, mean, lower, upper));
    return this;
  }

  /** The forecast of an account fails with this kind. */
  public InMemoryCostExplorer forecastFails(String accountId, FailureKind kind) {
    forecastFailures.put(accountId, kind);
    return this;
  }

  public InMemoryCostExplorer rightsizing(RightsizingResult result) {
    this.rightsizing = result;
    return this;
  }

  /** Every request, oldest first. */
  public List<Asked> asked() {
    return List.copyOf(asked);
  }

  /** Requests of one operation. */
  public List<Asked> asked(String operation) {
    return asked.stream().filter(a -> a.operation().equals(operation)).toList();
  }

  @Override
  public List<CostLine> costByAccountAndService(Period period, CostMetric metric, CallGuard guard) {
    for (int page = 1; page < costPages; page++) {
      guard.call(SERVICE, GET_COST_AND_USAGE, () -> null);
    }
    return guard.call(
        SERVICE,
        GET_COST_AND_USAGE,
        () -> {
          asked.add(new Asked(GET_COST_AND_USAGE, period, metric, null, false));
          return costsByMetric.getOrDefault(
              period + "/" + metric, costs.getOrDefault(period, List.of()));
        });
  }

  @Override
  public List<TagCostLine> costByTagAndService(
      Period period, CostMetric metric, String tagKey, CallGuard guard) {
    return guard.call(
        SERVICE,
        GET_COST_AND_USAGE,
        () -> {
          asked.add(new Asked(GET_COST_AND_USAGE, period, metric, tagKey, false));
          return tags.getOrDefault(tagKey, List.of());
        });
  }

  @Override
  public Forecast forecast(
      Period period,
      CostMetric metric,
      boolean interval,
      String linkedAccountOrNull,
      CallGuard guard) {
    return guard.call(
        SERVICE,
        GET_COST_FORECAST,
        () -> {
          asked.add(new Asked(GET_COST_FORECAST, period, metric, linkedAccountOrNull, interval));
          String account = linkedAccountOrNull == null ? scopeAccountId : linkedAccountOrNull;
          FailureKind failure = forecastFailures.get(account);
          if (failure != null) {
            throw new ApiException(
                failure, false, false, GET_COST_FORECAST + ": failing with " + failure.label());
          }
          Forecast f = forecasts.get(account);
          if (f == null) {
            throw new ApiException(
                FailureKind.NOT_FOUND,
                false,
                false,
                GET_COST_FORECAST + ": DataUnavailableException: no forecast for " + account);
          }
          return f;
        });
  }

  @Override
  public RightsizingResult rightsizing(CallGuard guard) {
    return guard.call(
        SERVICE,
        GET_RIGHTSIZING,
        () -> {
          asked.add(new Asked(GET_RIGHTSIZING, null, null, null, false));
          return rightsizing;
        });
  }
}
