package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.UsageMetric;
import java.util.List;
import java.util.Map;

/** CloudWatch usage metrics (AWS/Usage) for an account in a region. Thread-safe. */
public interface UsageMetrics {
  /**
   * The current value of each metric over the last hour: GetMetricData, batched up to 500 queries a
   * call. Count metrics ({@code ResourceCount}) use Maximum whatever the recommended statistic
   * says. A metric with no datapoint in the hour is absent from the answer.
   */
  Map<UsageMetric, Double> latest(
      Account account, Region region, List<UsageMetric> metrics, CallGuard guard);
}
