package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.UsageMetric;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.MotoServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * {@link CloudWatchUsageMetrics} against moto over HTTP. The clock is fixed; the seeded datapoints
 * sit around its last hour. Region sa-east-1 is used by no other test, and moto is never reset.
 */
class CloudWatchUsageMetricsIT {
  private static final Region REGION = new Region("sa-east-1");
  private static final Account ACCOUNT = Fixtures.anAccount("123456789012");

  /** Window: 11:00:00 (inclusive) to 12:00:00 (exclusive); 5-minute periods from 11:00. */
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:30.250Z");

  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final UsageMetric STANDARD = vcpu("Standard/OnDemand", "Maximum");

  /** Recommendation Sum, but a count metric: must still be read with Maximum. */
  private static final UsageMetric GPU_SUM = vcpu("G/OnDemand", "Sum");

  private static final UsageMetric NO_DATA = vcpu("F/OnDemand", "Maximum");

  /**
   * A rate metric: read as calls per second in its busiest minute. Its Resource is unique per run
   * so that a long-lived external moto ({@link MotoServer#URL_ENV}) does not add up earlier runs'
   * datapoints.
   */
  private static final UsageMetric CALLS =
      new UsageMetric(
          "AWS/Usage",
          "CallCount",
          Map.of(
              "Service",
              "EC2",
              "Type",
              "API",
              "Class",
              "None",
              "Resource",
              "DescribeInstances-" + UUID.randomUUID()),
          "Sum");

  private static AwsClientFactory factory;

  private static UsageMetric vcpu(String clazz, String recommendation) {
    return new UsageMetric(
        "AWS/Usage",
        "ResourceCount",
        Map.of("Service", "EC2", "Type", "Resource", "Resource", "vCPU", "Class", clazz),
        recommendation);
  }

  @BeforeAll
  static void seed() {
    factory =
        new AwsClientFactory(
            new Endpoints(MotoServer.shared().endpoint(), Map.of()),
            AwsClientFactory.Timeouts.DEFAULT,
            new ApiStats());
    put(STANDARD, "2025-06-01T11:10:00Z", 8);
    put(STANDARD, "2025-06-01T11:30:00Z", 12);
    put(STANDARD, "2025-06-01T11:50:00Z", 10);
    put(STANDARD, "2025-06-01T10:30:00Z", 99); // before the window
    put(STANDARD, "2025-06-01T12:00:10Z", 50); // after the (minute-aligned) end
    // three one-minute datapoints in one 5-minute period: Sum would read 18
    put(GPU_SUM, "2025-06-01T11:20:00Z", 5);
    put(GPU_SUM, "2025-06-01T11:21:00Z", 7);
    put(GPU_SUM, "2025-06-01T11:22:00Z", 6);
    // 120 calls in 11:40's minute (2 a second), 90 in 11:41's, 6 in 11:43's: one 300 s Sum
    // would read 216, compared with a per-second limit
    put(CALLS, "2025-06-01T11:40:05Z", 30);
    put(CALLS, "2025-06-01T11:40:25Z", 30);
    put(CALLS, "2025-06-01T11:40:45Z", 60);
    put(CALLS, "2025-06-01T11:41:10Z", 90);
    put(CALLS, "2025-06-01T11:43:00Z", 6);
  }

  private static void put(UsageMetric metric, String timestamp, double value) {
    List<Dimension> dims = new ArrayList<>();
    metric.dimensions().forEach((k, v) -> dims.add(Dimension.builder().name(k).value(v).build()));
    factory
        .cloudWatch(ACCOUNT, REGION)
        .putMetricData(
            b ->
                b.namespace(metric.namespace())
                    .metricData(
                        MetricDatum.builder()
                            .metricName(metric.name())
                            .dimensions(dims)
                            .timestamp(Instant.parse(timestamp))
                            .value(value)
                            .build()));
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  private static CallGuard guard(ApiStats stats) {
    return TestClients.guard(stats, ACCOUNT.id().value(), REGION.name());
  }

  private static long getMetricDataCalls(ApiStats stats) {
    ApiStats.Counts counts = stats.snapshot().get(new ApiStats.Key("monitoring", "GetMetricData"));
    return counts == null ? 0 : counts.calls();
  }

  @Test
  void valueIsTheLargestDatapointInTheLastHourCountMetricsIgnoreSumAndCallsArePerSecond() {
    ApiStats stats = new ApiStats();

    Map<UsageMetric, Double> values =
        new CloudWatchUsageMetrics(factory, CLOCK)
            .latest(
                ACCOUNT,
                REGION,
                List.of(STANDARD, GPU_SUM, NO_DATA, CALLS, STANDARD),
                guard(stats));

    assertThat(values).containsOnly(entry(STANDARD, 12.0), entry(GPU_SUM, 7.0), entry(CALLS, 2.0));
    assertThat(getMetricDataCalls(stats)).isEqualTo(1);
  }

  @Test
  void moreThan500MetricsAreQueriedInBatchesOf500() {
    ApiStats stats = new ApiStats();
    List<UsageMetric> metrics = new ArrayList<>(List.of(STANDARD, GPU_SUM, NO_DATA));
    for (int i = 0; i < 998; i++) {
      metrics.add(vcpu("Unused" + i + "/OnDemand", "Maximum"));
    }
    metrics.add(GPU_SUM); // duplicate: queried once

    Map<UsageMetric, Double> values =
        new CloudWatchUsageMetrics(factory, CLOCK).latest(ACCOUNT, REGION, metrics, guard(stats));

    assertThat(values).containsOnly(entry(STANDARD, 12.0), entry(GPU_SUM, 7.0));
    assertThat(getMetricDataCalls(stats)).isEqualTo(3); // 1001 distinct: 500 + 500 + 1
  }

  @Test
  void noMetricsMakeNoCall() {
    ApiStats stats = new ApiStats();

    assertThat(
            new CloudWatchUsageMetrics(factory, CLOCK)
                .latest(ACCOUNT, REGION, List.of(), guard(stats)))
        .isEmpty();
    assertThat(getMetricDataCalls(stats)).isZero();
  }
}
