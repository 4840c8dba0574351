package dev.quotacli.aws;

import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailsafeCallGuard;
import dev.quotacli.collect.RetrySettings;
import dev.quotacli.testing.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Client factories and fast-retry guards for the adapters' integration tests. */
final class TestClients {
  /** Three quick retries and no client-side pacing to speak of: tests wait for nothing. */
  static final RetrySettings FAST =
      new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(10), 0, Duration.ofSeconds(20), 1000);

  private TestClients() {}

  /** Every service on the shared moto server. */
  static AwsClientFactory onMoto(ApiStats stats) {
    return on(MotoServer.shared().endpoint(), stats);
  }

  /** Every service on one endpoint (moto or a stub). */
  static AwsClientFactory on(URI endpoint, ApiStats stats) {
    return new AwsClientFactory(new Endpoints(endpoint, Map.of()), AwsClientFactory.Timeouts.DEFAULT, stats);
  }

  static CallGuard guard(ApiStats stats, String account, String region) {
    return new FailsafeCallGuard(FAST, stats).forTarget(account, region);
  }
}
