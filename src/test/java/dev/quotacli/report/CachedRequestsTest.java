package dev.quotacli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.cache.RequestCache;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedRequestsTest {
  static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  @TempDir Path root;

  @Test
  void aQuotaShowsItsCachedRequestAndAnAccountWithoutAHistoryIsNotKnown() throws Exception {
    MutableClock clock = new MutableClock(NOW);
    new RequestCache(root, Duration.ofHours(24), clock)
        .write(
            "111111111111",
            Region.US_EAST_1,
            new RequestCache.Entry(
                List.of(
                    new IncreaseRequest(
                        "r-1",
                        "ec2",
                        "L-1216C47A",
                        "Running On-Demand Standard instances",
                        4096,
                        IncreaseRequest.Status.PENDING,
                        NOW.minus(Duration.ofDays(3)),
                        NOW.minus(Duration.ofDays(3)))),
                1),
            NOW.minus(Duration.ofDays(2)));

    CachedRequests requests = new CachedRequests(root, clock);

    assertThat(requests.open("111111111111", "us-east-1", "ec2", "L-1216C47A"))
        .isEqualTo("4096 (pending, 3 d)");
    assertThat(requests.open("111111111111", "us-east-1", "ec2", "L-0263D0A3")).isNull();
    assertThat(requests.open("222222222222", "us-east-1", "ec2", "L-1216C47A")).isNull();
  }
}
