package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.quotacli.quota.UsageMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

class MetricQueriesTest {
  private static UsageMetric vcpu(String clazz, String recommendation) {
    return new UsageMetric(
        "AWS/Usage",
        "ResourceCount",
        Map.of("Service", "EC2", "Type", "Resource", "Resource", "vCPU", "Class", clazz),
        recommendation);
  }

  private static UsageMetric calls(String resource, String recommendation) {
    return new UsageMetric(
        "AWS/Usage",
        "CallCount",
        Map.of("Service", "EC2", "Type", "API", "Resource", resource, "Class", "None"),
        recommendation);
  }

  /** A metric that is neither a count nor a rate: its recommendation is followed. */
  private static UsageMetric concurrency(String recommendation) {
    return new UsageMetric(
        "AWS/Lambda", "ConcurrentExecutions", Map.of("FunctionName", "f"), recommendation);
  }

  private static List<UsageMetric> manyMetrics(int n) {
    return IntStream.range(0, n).mapToObj(i -> vcpu("C" + i + "/OnDemand", "Maximum")).toList();
  }

  @Test
  void partitionSplits1201MetricsInto500And500And201() {
    List<MetricQueries.Query> queries = MetricQueries.queries(manyMetrics(1201));

    List<List<MetricQueries.Query>> batches =
        MetricQueries.partition(queries, MetricQueries.MAX_QUERIES);

    assertThat(batches).extracting(List::size).containsExactly(500, 500, 201);
    assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(queries);
  }

  @Test
  void partitionOfNothingIsNoBatch() {
    assertThat(MetricQueries.partition(List.of(), 500)).isEmpty();
    assertThat(MetricQueries.partition(List.of(1, 2, 3), 3)).containsExactly(List.of(1, 2, 3));
  }

  @Test
  void queryIdsAreValidAndUniqueAcrossAllBatches() {
    List<MetricQueries.Query> queries = MetricQueries.queries(manyMetrics(1201));

    assertThat(queries)
        .extracting(MetricQueries.Query::id)
        .doesNotHaveDuplicates()
        .hasSize(1201)
        .allMatch(id -> MetricQueries.ID.matcher(id).matches());
    assertThat(queries).extracting(MetricQueries.Query::id).startsWith("q0", "q1", "q2");
  }

  @Test
  void countMetricsUseMaximumWhateverTheRecommendationSays() {
    assertThat(MetricQueries.statistic(vcpu("Standard/OnDemand", "Sum"))).isEqualTo("Maximum");
    assertThat(MetricQueries.statistic(vcpu("Standard/OnDemand", "Average"))).isEqualTo("Maximum");
    assertThat(MetricQueries.statistic(vcpu("Standard/OnDemand", null))).isEqualTo("Maximum");
  }

  @Test
  void callCountMetricsUseSumWhateverTheRecommendationSays() {
    assertThat(MetricQueries.statistic(calls("DescribeInstances", "Sum"))).isEqualTo("Sum");
    assertThat(MetricQueries.statistic(calls("DescribeInstances", "Maximum"))).isEqualTo("Sum");
    assertThat(MetricQueries.statistic(calls("DescribeInstances", "Average"))).isEqualTo("Sum");
    assertThat(MetricQueries.statistic(calls("DescribeInstances", null))).isEqualTo("Sum");
  }

  @Test
  void otherMetricsUseAKnownRecommendationElseMaximum() {
    assertThat(MetricQueries.statistic(concurrency("Sum"))).isEqualTo("Sum");
    assertThat(MetricQueries.statistic(concurrency("Average"))).isEqualTo("Average");
    assertThat(MetricQueries.statistic(concurrency("Minimum"))).isEqualTo("Minimum");
    assertThat(MetricQueries.statistic(concurrency("SampleCount"))).isEqualTo("SampleCount");
    assertThat(MetricQueries.statistic(concurrency("sum"))).isEqualTo("Sum");
    assertThat(MetricQueries.statistic(concurrency("p99"))).isEqualTo("Maximum");
    assertThat(MetricQueries.statistic(concurrency(""))).isEqualTo("Maximum");
    assertThat(MetricQueries.statistic(concurrency(null))).isEqualTo("Maximum");
  }

  @Test
  void duplicateMetricsAreQueriedOnceAndAllGetTheValue() {
    UsageMetric standard = vcpu("Standard/OnDemand", "Maximum");
    UsageMetric sameButSum = vcpu("Standard/OnDemand", "Sum"); // still Maximum: same query
    UsageMetric gpu = vcpu("G/OnDemand", "Maximum");
    List<UsageMetric> input = List.of(standard, gpu, standard, sameButSum);

    List<MetricQueries.Query> queries = MetricQueries.queries(input);
    Map<UsageMetric, Double> values =
        MetricQueries.values(
            queries,
            List.of(
                new MetricQueries.Result("q0", "Complete", List.of(8.0, 12.0)),
                new MetricQueries.Result("q1", "Complete", List.of(4.0))));

    assertThat(queries).extracting(MetricQueries.Query::id).containsExactly("q0", "q1");
    assertThat(queries.get(0).metrics()).containsExactly(standard, sameButSum);
    assertThat(values)
        .containsExactly(entry(standard, 12.0), entry(sameButSum, 12.0), entry(gpu, 4.0));
  }

  @Test
  void metricsDifferingInStatisticAreSeparateQueries() {
    List<MetricQueries.Query> queries =
        MetricQueries.queries(List.of(concurrency("Sum"), concurrency("Maximum")));

    assertThat(queries)
        .extracting(MetricQueries.Query::statistic)
        .containsExactly("Sum", "Maximum");
  }

  @Test
  void callCountMetricsDifferingInRecommendationOnlyAreOneQuery() {
    UsageMetric sum = calls("RunInstances", "Sum");
    UsageMetric maximum = calls("RunInstances", "Maximum");

    List<MetricQueries.Query> queries = MetricQueries.queries(List.of(sum, maximum));

    assertThat(queries)
        .singleElement()
        .satisfies(q -> assertThat(q.metrics()).containsExactly(sum, maximum));
  }

  @Test
  void metricsWithoutNamespaceOrNameAreNotQueried() {
    List<UsageMetric> input = new ArrayList<>();
    input.add(new UsageMetric(null, "ResourceCount", Map.of(), "Maximum"));
    input.add(new UsageMetric("AWS/Usage", " ", Map.of(), "Maximum"));
    input.add(null);

    assertThat(MetricQueries.queries(input)).isEmpty();
  }

  @Test
  void valueIsTheMaximumDatapointMergedAcrossPartialDataPages() {
    List<MetricQueries.Query> queries = MetricQueries.queries(manyMetrics(2));

    Map<UsageMetric, Double> values =
        MetricQueries.values(
            queries,
            List.of(
                new MetricQueries.Result("q0", "PartialData", List.of(8.0, 10.0)),
                new MetricQueries.Result("q1", "PartialData", List.of()),
                new MetricQueries.Result("q0", "Complete", List.of(12.0, 9.0)),
                new MetricQueries.Result("q1", "Complete", List.of(3.0))));

    assertThat(values)
        .containsExactly(
            entry(queries.get(0).metrics().get(0), 12.0),
            entry(queries.get(1).metrics().get(0), 3.0));
  }

  @Test
  void metricsWithoutDatapointsOrWithAFailedStatusAreAbsent() {
    List<MetricQueries.Query> queries = MetricQueries.queries(manyMetrics(4));

    Map<UsageMetric, Double> values =
        MetricQueries.values(
            queries,
            List.of(
                new MetricQueries.Result("q0", "Complete", List.of()),
                new MetricQueries.Result("q1", "InternalError", List.of(5.0)),
                new MetricQueries.Result("q2", "Forbidden", List.of()),
                new MetricQueries.Result("q3", "Complete", List.of(Double.NaN, 7.0))));

    assertThat(values).containsOnlyKeys(queries.get(3).metrics());
    assertThat(values.values()).containsExactly(7.0);
  }

  @Test
  void windowIsTheLastHourEndingAtTheMinute() {
    MetricQueries.Window w = MetricQueries.window(Instant.parse("2025-03-04T10:17:42.123Z"));

    assertThat(w.end()).isEqualTo(Instant.parse("2025-03-04T10:17:00Z"));
    assertThat(w.start()).isEqualTo(Instant.parse("2025-03-04T09:17:00Z"));
  }

  @Test
  void sdkQueryCarriesIdMetricDimensionsPeriodAndStatistic() {
    MetricQueries.Query q = MetricQueries.queries(List.of(vcpu("Standard/OnDemand", "Sum"))).get(0);

    MetricDataQuery sdk = MetricQueries.toSdk(q);

    assertThat(sdk.id()).isEqualTo("q0");
    assertThat(sdk.metricStat().stat()).isEqualTo("Maximum");
    assertThat(sdk.metricStat().period()).isEqualTo(300);
    assertThat(sdk.metricStat().metric().namespace()).isEqualTo("AWS/Usage");
    assertThat(sdk.metricStat().metric().metricName()).isEqualTo("ResourceCount");
    assertThat(sdk.metricStat().metric().dimensions())
        .extracting(d -> d.name() + "=" + d.value())
        .containsExactly(
            "Class=Standard/OnDemand", "Resource=vCPU", "Service=EC2", "Type=Resource");
  }

  @Test
  void sdkQueryOfACallCountIsASumPerMinute() {
    MetricQueries.Query q =
        MetricQueries.queries(List.of(calls("DescribeInstances", "Maximum"))).get(0);

    MetricDataQuery sdk = MetricQueries.toSdk(q);

    assertThat(sdk.metricStat().stat()).isEqualTo("Sum");
    assertThat(sdk.metricStat().period()).isEqualTo(60);
    assertThat(sdk.metricStat().metric().metricName()).isEqualTo("CallCount");
    assertThat(q.perSecond()).isTrue();
  }

  /**
   * A GetMetricData answer as CloudWatch gives it for one rate and one count metric over the last
   * hour (Timestamps newest first, one Value per Timestamp): the CallCount's per-minute Sums become
   * the busiest minute's calls per second, comparable with a per-second limit; the ResourceCount
   * keeps its largest value.
   */
  @Test
  void callCountBecomesTheBusiestMinutesCallsPerSecond() {
    UsageMetric describe = calls("DescribeInstances", "Sum");
    UsageMetric vcpus = vcpu("Standard/OnDemand", "Maximum");
    List<MetricQueries.Query> queries = MetricQueries.queries(List.of(describe, vcpus));
    Instant end = Instant.parse("2025-03-04T10:17:00Z");
    GetMetricDataResponse answer =
        GetMetricDataResponse.builder()
            .metricDataResults(
                MetricDataResult.builder()
                    .id("q0")
                    .label("CallCount")
                    .statusCode(StatusCode.COMPLETE)
                    .timestamps(
                        end.minusSeconds(60),
                        end.minusSeconds(120),
                        end.minusSeconds(180),
                        end.minusSeconds(1200),
                        end.minusSeconds(3600))
                    .values(150.0, 1260.0, 30.0, 600.0, 6.0)
                    .build(),
                MetricDataResult.builder()
                    .id("q1")
                    .label("ResourceCount")
                    .statusCode(StatusCode.COMPLETE)
                    .timestamps(end.minusSeconds(300), end.minusSeconds(600), end.minusSeconds(900))
                    .values(96.0, 128.0, 64.0)
                    .build())
            .build();

    Map<UsageMetric, Double> values =
        MetricQueries.values(
            queries, answer.metricDataResults().stream().map(MetricQueries::fromSdk).toList());

    // 1260 calls in the busiest minute = 21 per second; read as one 300 s Sum it was 1440.
    assertThat(values).containsExactly(entry(describe, 21.0), entry(vcpus, 128.0));
  }

  @Test
  void callCountRateIsTheBusiestMinuteAcrossPartialDataPages() {
    UsageMetric calls = calls("RunInstances", "Sum");
    List<MetricQueries.Query> queries = MetricQueries.queries(List.of(calls));

    Map<UsageMetric, Double> values =
        MetricQueries.values(
            queries,
            List.of(
                new MetricQueries.Result("q0", "PartialData", List.of(12.0, 30.0)),
                new MetricQueries.Result("q0", "Complete", List.of(90.0, 3.0))));

    assertThat(values).containsExactly(entry(calls, 1.5));
  }

  @Test
  void aBatchOfRateQueriesStaysWithinGetMetricDatasDatapointLimit() {
    long datapointsPerRateQuery =
        MetricQueries.WINDOW.toSeconds() / MetricQueries.RATE_PERIOD_SECONDS;

    assertThat(datapointsPerRateQuery).isEqualTo(60);
    assertThat(MetricQueries.MAX_QUERIES * datapointsPerRateQuery).isLessThanOrEqualTo(100_800);
  }

  @Test
  void sdkResultBecomesAPlainResult() {
    MetricDataResult r =
        MetricDataResult.builder()
            .id("q3")
            .statusCode(StatusCode.PARTIAL_DATA)
            .values(1.0, 2.0)
            .build();

    assertThat(MetricQueries.fromSdk(r))
        .isEqualTo(new MetricQueries.Result("q3", "PartialData", List.of(1.0, 2.0)));
    assertThat(MetricQueries.fromSdk(MetricDataResult.builder().id("q4").build()))
        .isEqualTo(new MetricQueries.Result("q4", null, List.of()));
  }
}
