package dev.quotacli.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every collecting subcommand shares: what to collect, caches, pacing, endpoints. */
final class PassOptions {
  @Option(
      names = "--quotas",
      paramLabel = "FILE",
      description = "quotas.yaml to use instead of the bundled one.")
  Path quotas;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      defaultValue = ".quota_limit_cache",
      description = "Cache root (default: ${DEFAULT-VALUE}).")
  Path cacheDir;

  @Option(
      names = "--cache-ttl",
      paramLabel = "DURATION",
      defaultValue = "24h",
      converter = DurationConverter.class,
      description = "Limit cache TTL (default: ${DEFAULT-VALUE}).")
  Duration cacheTtl;

  @Option(names = "--force", description = "Ignore fresh cache entries and refetch.")
  boolean force;

  // 64: the benchmark's best at 50 ms latency; the per-account rate limiter bounds what AWS sees.
  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "64",
      description = "Targets collected at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      defaultValue = "50m",
      converter = DurationConverter.class,
      description =
          "Bound on the whole pass; targets still running then fail (default: ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(
      names = "--budget",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "Time budget: seconds of API time each account and region may use per budget window (default: ${DEFAULT-VALUE}).")
  double budgetSeconds;

  @Option(
      names = "--budget-window",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Time budget window (default: ${DEFAULT-VALUE}); a target over budget is skipped until its window ends, extended by window/budget x overrun.")
  Duration budgetWindow;

  @Option(
      names = "--ignore-degradation",
      description = "Run degraded targets anyway, with no time allowance.")
  boolean ignoreDegradation;

  @Option(
      names = "--account",
      paramLabel = "ID",
      split = ",",
      description = "Only these account ids.")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--region",
      paramLabel = "REGION",
      split = ",",
      description =
          "Only these regions ('global' for route53/cloudfront); also the regions of accounts that list none.")
  List<String> regions = new ArrayList<>();

  @Option(
      names = "--service",
      paramLabel = "CODE",
      split = ",",
      description = "Only these service codes.")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Collect only the accounts rendezvous hashing gives to shard I of N (0-based).")
  String shard;

  @Option(
      names = "--shard-count",
      paramLabel = "N",
      description =
          "Shard count; the index comes from JOB_COMPLETION_INDEX (Kubernetes Indexed Job).")
  Integer shardCount;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (moto, a proxy, VPC endpoints).")
  URI endpointUrl;

  @Option(
      names = "--bench-pause-after-call",
      hidden = true,
      paramLabel = "DURATION",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "Benchmark baseline only: sleep this long after every AWS call, as the old exporter did.")
  Duration benchPauseAfterCall;

  @Option(
      names = "--service-endpoint",
      paramLabel = "SERVICE=URL",
      description =
          "Endpoint for one SDK service (servicequotas, sts, ec2, ...); wins over --endpoint-url.")
  Map<String, URI> serviceEndpoints = new LinkedHashMap<>();
}
