package dev.quotacli.aws;

import dev.quotacli.quota.UsageMetric;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Pure request building and answer mapping for GetMetricData: query ids, batches of at most {@value
 * #MAX_QUERIES}, the statistic of each metric, and the values of the answer's pages mapped back to
 * {@link UsageMetric}s. The SDK types appear only in {@link #toSdk} and {@link #fromSdk}.
 */
final class MetricQueries {
  private MetricQueries() {}

  /** GetMetricData accepts at most 500 queries per call. */
  static final int MAX_QUERIES = 500;

  /** Period of each datapoint. */
  static final int PERIOD_SECONDS = 300;

  /** How far back the window reaches from now. */
  static final Duration WINDOW = Duration.ofHours(1);

  /** What AWS requires of a query id. */
  static final Pattern ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");

  static final String COUNT_METRIC = "ResourceCount";
  static final String MAXIMUM = "Maximum";

  /** The statistics accepted from a recommendation, by lower-case name. */
  private static final Map<String, String> STATISTICS =
      Map.of(
          "maximum", "Maximum",
          "average", "Average",
          "minimum", "Minimum",
          "sum", "Sum",
          "samplecount", "SampleCount");

  /** Result status codes whose values are not trusted: the query is left out of the answer. */
  private static final Set<String> FAILED_STATUSES = Set.of("InternalError", "Forbidden");

  /**
   * One query: a distinct metric and statistic, and every input metric it answers.
   *
   * @param id the query id, unique in the request set, matching {@link #ID}
   * @param namespace e.g. {@code AWS/Usage}
   * @param name e.g. {@code ResourceCount}
   * @param dimensions sorted by name
   * @param statistic one of Maximum, Average, Minimum, Sum, SampleCount
   * @param metrics the input metrics this query answers (more than one when they differ only in a
   *     recommendation that does not change the statistic)
   */
  record Query(
      String id,
      String namespace,
      String name,
      Map<String, String> dimensions,
      String statistic,
      List<UsageMetric> metrics) {
    Query {
      dimensions = Collections.unmodifiableMap(new TreeMap<>(dimensions));
      metrics = List.copyOf(metrics);
    }
  }

  /**
   * One query's part of one page of the answer.
   *
   * @param id the query id
   * @param status {@code Complete}, {@code PartialData}, {@code InternalError}, {@code Forbidden},
   *     or null
   * @param values the datapoints of this page
   */
  record Result(String id, String status, List<Double> values) {
    Result {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  /**
   * The time window of a request.
   *
   * @param start inclusive
   * @param end exclusive
   */
  record Window(Instant start, Instant end) {}

  /** The last {@link #WINDOW} ending at {@code now} truncated to the minute. */
  static Window window(Instant now) {
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    return new Window(end.minus(WINDOW), end);
  }

  /**
   * The statistic to query: Maximum for count metrics ({@value #COUNT_METRIC}) whatever the
   * recommendation, else the recommendation if it is a known statistic, else Maximum.
   */
  static String statistic(UsageMetric metric) {
    if (COUNT_METRIC.equals(metric.name()) || metric.statisticRecommendation() == null) {
      return MAXIMUM;
    }
    return STATISTICS.getOrDefault(
        metric.statisticRecommendation().strip().toLowerCase(Locale.ROOT), MAXIMUM);
  }

  /**
   * One query per distinct (namespace, name, dimensions, statistic), in input order, with ids
   * {@code q0}, {@code q1}, ... Metrics without a namespace or name cannot be queried and are left
   * out.
   */
  static List<Query> queries(List<UsageMetric> metrics) {
    record Key(String namespace, String name, Map<String, String> dimensions, String statistic) {}
    Map<Key, List<UsageMetric>> grouped = new LinkedHashMap<>();
    for (UsageMetric m : metrics) {
      if (m == null || isBlank(m.namespace()) || isBlank(m.name())) {
        continue;
      }
      List<UsageMetric> same =
          grouped.computeIfAbsent(
              new Key(m.namespace(), m.name(), m.dimensions(), statistic(m)),
              k -> new ArrayList<>());
      if (!same.contains(m)) {
        same.add(m);
      }
    }
    List<Query> out = new ArrayList<>(grouped.size());
    grouped.forEach(
        (k, ms) ->
            out.add(
                new Query(
                    "q" + out.size(), k.namespace(), k.name(), k.dimensions(), k.statistic(), ms)));
    return out;
  }

  /** Consecutive slices of at most {@code max} items, in order. */
  static <T> List<List<T>> partition(List<T> items, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < items.size(); from += max) {
      out.add(List.copyOf(items.subList(from, Math.min(items.size(), from + max))));
    }
    return out;
  }

  /**
   * The value of each metric: the maximum datapoint over all pages of its query. A query whose
   * status is InternalError or Forbidden on any page, or that has no (finite) datapoint, is absent.
   * PartialData pages are merged with the pages that follow them. Input order is kept.
   */
  static Map<UsageMetric, Double> values(List<Query> queries, List<Result> results) {
    Map<String, Double> max = new HashMap<>();
    Set<String> failed = new HashSet<>();
    for (Result r : results) {
      if (r.status() != null && FAILED_STATUSES.contains(r.status())) {
        failed.add(r.id());
      }
      for (Double v : r.values()) {
        if (v != null && Double.isFinite(v)) {
          max.merge(r.id(), v, Math::max);
        }
      }
    }
    Map<UsageMetric, Double> out = new LinkedHashMap<>();
    for (Query q : queries) {
      Double v = max.get(q.id());
      if (v != null && !failed.contains(q.id())) {
        q.metrics().forEach(m -> out.putIfAbsent(m, v));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The SDK form of a query. */
  static MetricDataQuery toSdk(Query q) {
    List<Dimension> dims = new ArrayList<>();
    q.dimensions().forEach((k, v) -> dims.add(Dimension.builder().name(k).value(v).build()));
    return MetricDataQuery.builder()
        .id(q.id())
        .returnData(true)
        .metricStat(
            MetricStat.builder()
                .metric(
                    Metric.builder()
                        .namespace(q.namespace())
                        .metricName(q.name())
                        .dimensions(dims)
                        .build())
                .period(PERIOD_SECONDS)
                .stat(q.statistic())
                .build())
        .build();
  }

  /** The plain form of one query's part of a page. */
  static Result fromSdk(MetricDataResult r) {
    return new Result(r.id(), r.statusCodeAsString(), r.hasValues() ? r.values() : List.of());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
