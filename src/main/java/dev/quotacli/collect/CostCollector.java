package dev.quotacli.collect;

import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.CostPeriods;
import dev.quotacli.cost.CostSnapshot;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.TagCostLine;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scope's costs: from a fresh cost-cache entry with no request, else from Cost Explorer under
 * the request budget, then cached. Month to date and the last complete day by account and service,
 * forecasts, tag costs (every value: the renderer bounds them over the organization), rightsizing
 * savings.
 */
public final class CostCollector {
  private static final Logger LOG = LoggerFactory.getLogger(CostCollector.class);

  /**
   * What to ask.
   *
   * @param metric the cost basis
   * @param tagKeys tag keys to group by
   * @param interval whether forecasts carry prediction-interval bounds
   * @param forecastAccounts linked accounts to forecast one by one (a payer scope); empty for none
   * @param rightsizing whether to ask for rightsizing recommendations
   */
  public record Request(
      CostMetric metric,
      List<String> tagKeys,
      boolean interval,
      List<String> forecastAccounts,
      boolean rightsizing) {
    public Request {
      tagKeys = List.copyOf(tagKeys);
      forecastAccounts = List.copyOf(forecastAccounts);
    }
  }

  /**
   * @param snapshot what Cost Explorer said
   * @param fromCache answered from the cost cache, with no request
   */
  public record Result(CostSnapshot snapshot, boolean fromCache) {}

  private final CostCache cache;
  private final Clock clock;
  private final boolean force;

  public CostCollector(CostCache cache, Clock clock, boolean force) {
    this.cache = cache;
    this.clock = clock;
    this.force = force;
  }

  public Result collect(
      String scopeAccountId, CostExplorerSource ce, CallGuard guard, Request request) {
    var lookup = cache.read(scopeAccountId);
    if (!force && lookup instanceof Lookup.Fresh<CostSnapshot> fresh) {
      return new Result(fresh.data(), true);
    }
    var fetchedAt = clock.instant();
    LocalDate today = CostPeriods.todayUtc(clock);
    // On the 1st there is no month to date yet: 0 spend, no request.
    List<CostLine> mtd =
        CostPeriods.monthToDate(today)
            .map(p -> ce.costByAccountAndService(p, request.metric(), guard))
            .orElse(List.of());
    List<CostLine> lastDay =
        ce.costByAccountAndService(CostPeriods.lastCompleteDay(today), request.metric(), guard);
    List<Forecast> forecasts = new ArrayList<>();
    forecast(ce, guard, request, today, null).ifPresent(forecasts::add);
    for (String account : request.forecastAccounts()) {
      if (!account.equals(scopeAccountId)) {
        forecast(ce, guard, request, today, account).ifPresent(forecasts::add);
      }
    }
    List<TagCostLine> byTag = new ArrayList<>();
    for (String key : request.tagKeys()) {
      byTag.addAll(
          CostPeriods.monthToDate(today)
              .map(p -> ce.costByTagAndService(p, request.metric(), key, guard))
              .orElse(List.of()));
    }
    var rightsizing = request.rightsizing() ? ce.rightsizing(guard) : null;
    CostSnapshot snapshot =
        new CostSnapshot(
            scopeAccountId,
            mtd,
            lastDay,
            forecasts,
            byTag,
            rightsizing == null ? List.of() : rightsizing.savings(),
            rightsizing == null ? null : rightsizing.disabledReason());
    try {
      cache.write(snapshot, fetchedAt);
    } catch (IOException e) {
      LOG.warn("cannot write cost cache {}: {}", cache.path(scopeAccountId), e.getMessage());
    }
    return new Result(snapshot, false);
  }

  private static java.util.Optional<Forecast> forecast(
      CostExplorerSource ce, CallGuard guard, Request request, LocalDate today, String account) {
    try {
      Forecast f =
          ce.forecast(
              CostPeriods.restOfMonth(today), request.metric(), request.interval(), account, guard);
      return java.util.Optional.of(
          account == null ? f : new Forecast(account, f.mean(), f.lower(), f.upper()));
    } catch (ApiException e) {
      if (e.kind() == FailureKind.NOT_FOUND) {
        LOG.info("no forecast for {}: {}", account == null ? "the scope" : account, e.getMessage());
        return java.util.Optional.empty();
      }
      throw e;
    }
  }
}
