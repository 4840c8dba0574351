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
 * #MAX_QUERIES}, the statistic and period of each metric, and the values of the answer's pages
 * mapped back to {@link UsageMetric}s. The SDK types appear only in {@link #toSdk} and {@link
 * #fromSdk}.
 *
 * <p>Rate metrics ({@value #CALL_COUNT_METRIC}: API rate quotas, whose limit is calls per second)
 * become a per-second rate comparable with the limit: the Sum over {@value #RATE_PERIOD_SECONDS} s
 * periods divided by {@value #RATE_PERIOD_SECONDS}, the largest over the window. AWS/Usage metrics
 * are published every minute, and CloudWatch's documentation of usage metrics names Sum the useful
 * statistic of CallCount ("the total operation count for the 1-minute period"); AWS's knowledge
 * center graphs API usage with Period 1 minute and Statistic Sum. That Service Quotas' own
 * utilization divides that by 60 could not be checked; per minute / 60 is the per-second average of
 * the busiest minute, so it never overstates, but a burst inside one minute (the throttle is per
 * second) reads lower than its peak. The limit is taken to be per second, as AWS's API rate quotas
 * are (a quota's Period is not carried in {@link UsageMetric}).
 */
final class MetricQueries {
  private MetricQueries() {}

  /** GetMetricData accepts at most 500 queries per call. */
  static final int MAX_QUERIES = 500;

  /** Period of each datapoint of a count (non-rate) metric. */
  static final int PERIOD_SECONDS = 300;

  /** Period of each datapoint of a rate metric: AWS/Usage publishes every minute. */
  static final int RATE_PERIOD_SECONDS = 60;

  /** How far back the window reaches from now. */
  static final Duration WINDOW = Duration.ofHours(1);

  /** What AWS requires of a query id. */
  static final Pattern ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");

  static final String COUNT_METRIC = "ResourceCount";

  /** The rate metric: calls per period, against a limit of calls per second. */
  static final String CALL_COUNT_METRIC = "CallCount";

  static final String MAXIMUM = "Maximum";
  static final String SUM = "Sum";

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
   * @param period seconds per datapoint
   * @param perSecond whether a datapoint is divided by the period: a rate metric's Sum
   * @param metrics the input metrics this query answers (more than one when they differ only in a
   *     recommendation that does not change the statistic)
   */
  record Query(
      String id,
      String namespace,
      String name,
      Map<String, String> dimensions,
      String statistic,
      int period,
      boolean perSecond,
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
   * Whether {@code metric} counts calls against a per-second limit ({@value #CALL_COUNT_METRIC}).
   */
  static boolean isRate(UsageMetric metric) {
    return CALL_COUNT_METRIC.equals(metric.name());
  }

  /**
   * The statistic to query: Sum for rate metrics ({@value #CALL_COUNT_METRIC}) and Maximum for
   * count metrics ({@value #COUNT_METRIC}) whatever the recommendation, else the recommendation if
   * it is a known statistic, else Maximum.
   */
  static String statistic(UsageMetric metric) {
    if (isRate(metric)) {
      return SUM;
    }
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
        (k, ms) -> {
          boolean rate = isRate(ms.get(0));
          out.add(
              new Query(
                  "q" + out.size(),
                  k.namespace(),
                  k.name(),
                  k.dimensions(),
                  k.statistic(),
                  rate ? RATE_PERIOD_SECONDS : PERIOD_SECONDS,
                  rate,
                  ms));
        });
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
   * The value of each metric: the maximum datapoint over all pages of its query, for a rate metric
   * divided by its period (calls per second in the busiest period). A query whose status is
   * InternalError or Forbidden on any page, or that has no (finite) datapoint, is absent.
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
      Double highest = max.get(q.id());
      if (highest != null && !failed.contains(q.id())) {
        double v = q.perSecond() ? highest / q.period() : highest;
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
                .period(q.period())
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
