package dev.quotacli.collect;

import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.Period;
import dev.quotacli.cost.RightsizingResult;
import dev.quotacli.cost.TagCostLine;
import java.util.List;

/** Cost Explorer for one scope (a payer or an account). Failures are {@link ApiException}s. */
public interface CostExplorerSource {
  List<CostLine> costByAccountAndService(Period period, CostMetric metric, CallGuard guard);

  List<TagCostLine> costByTagAndService(
      Period period, CostMetric metric, String tagKey, CallGuard guard);

  /** Throws {@link FailureKind#NOT_FOUND} when Cost Explorer has no forecast. */
  Forecast forecast(
      Period period,
      CostMetric metric,
      boolean interval,
      String linkedAccountOrNull,
      CallGuard guard);

  RightsizingResult rightsizing(CallGuard guard);
}
