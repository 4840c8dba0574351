package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.UsageMetrics;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.UsageMetric;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * AWS/Usage metrics through CloudWatch GetMetricData: one call (and its pages) per batch of up to
 * 500 queries, over the last hour ending now (to the minute); a metric's value is its largest
 * datapoint in the window. Every page goes through the {@link CallGuard}.
 *
 * <p>Statistic and period: count metrics ({@code ResourceCount}) always use Maximum over 300 s,
 * because the recommended Sum overstated usage by 100–600 % in public tools; rate metrics ({@code
 * CallCount}, against per-second API rate limits) always use Sum over 60 s divided by 60, the
 * busiest minute's calls per second (see {@link MetricQueries}); other metrics use the
 * recommendation over 300 s if it is Maximum, Average, Minimum, Sum or SampleCount, else Maximum.
 *
 * <p>Thread-safe: the client is shared, each call keeps its own state.
 */
public final class CloudWatchUsageMetrics implements UsageMetrics {
  static final String SERVICE = "monitoring";
  static final String OPERATION = "GetMetricData";

  /** Guards against a service that keeps returning next tokens. */
  static final int MAX_PAGES = 100;

  private final AwsClientFactory factory;
  private final Clock clock;

  public CloudWatchUsageMetrics(AwsClientFactory factory, Clock clock) {
    this.factory = factory;
    this.clock = clock;
  }

  @Override
  public Map<UsageMetric, Double> latest(
      Account account, Region region, List<UsageMetric> metrics, CallGuard guard) {
    List<MetricQueries.Query> queries = MetricQueries.queries(metrics);
    if (queries.isEmpty()) {
      return Map.of();
    }
    CloudWatchClient client = factory.cloudWatch(account, region);
    MetricQueries.Window window = MetricQueries.window(clock.instant());
    List<MetricQueries.Result> results = new ArrayList<>();
    for (List<MetricQueries.Query> batch :
        MetricQueries.partition(queries, MetricQueries.MAX_QUERIES)) {
      results.addAll(fetch(client, batch, window, guard));
    }
    return MetricQueries.values(queries, results);
  }

  /** All pages of one batch; a PartialData result is completed by the pages that follow. */
  private static List<MetricQueries.Result> fetch(
      CloudWatchClient client,
      List<MetricQueries.Query> batch,
      MetricQueries.Window window,
      CallGuard guard) {
    List<MetricDataQuery> sdkQueries = batch.stream().map(MetricQueries::toSdk).toList();
    GetMetricDataRequest base =
        GetMetricDataRequest.builder()
            .metricDataQueries(sdkQueries)
            .startTime(window.start())
            .endTime(window.end())
            .build();
    List<MetricQueries.Result> out = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      GetMetricDataRequest request = base.toBuilder().nextToken(token).build();
      GetMetricDataResponse response =
          guard.call(
              SERVICE,
              OPERATION,
              () -> AwsErrors.translating(OPERATION, () -> client.getMetricData(request)));
      response.metricDataResults().forEach(r -> out.add(MetricQueries.fromSdk(r)));
      token = response.nextToken();
      if (token == null || token.isEmpty() || !seenTokens.add(token)) {
        return out;
      }
    }
    throw new ApiException(
        FailureKind.OTHER, false, false, OPERATION + ": more than " + MAX_PAGES + " pages");
  }
}
