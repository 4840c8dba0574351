package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestHistoryTest {
  private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

  private static IncreaseRequest request(
      String service, String code, double value, IncreaseRequest.Status status, int daysAgo) {
    Instant at = NOW.minus(Duration.ofDays(daysAgo));
    return new IncreaseRequest(
        code + status + daysAgo, service, code, "Quota " + code, value, status, at, at);
  }

  @Test
  void openRequestsAndThoseClosedInTheLast30DaysAreKept() {
    var history =
        RequestHistory.relevant(
            List.of(
                request("ec2", "L-1", 4096, IncreaseRequest.Status.PENDING, 90),
                request("ec2", "L-2", 10, IncreaseRequest.Status.APPROVED, 3),
                request("ec2", "L-3", 10, IncreaseRequest.Status.DENIED, 31),
                request("ec2", "L-4", 10, IncreaseRequest.Status.CASE_OPENED, 200)),
            NOW);

    assertThat(history.known()).isTrue();
    assertThat(history.requests())
        .extracting(IncreaseRequest::quotaCode, IncreaseRequest::status)
        .containsExactly(
            tuple("L-1", IncreaseRequest.Status.PENDING),
            tuple("L-2", IncreaseRequest.Status.APPROVED),
            tuple("L-4", IncreaseRequest.Status.CASE_OPENED));
  }

  @Test
  void ofSeveralWithOneQuotaAndStatusTheLatestIsKeptAndTheOpenOneIsShown() {
    var history =
        RequestHistory.relevant(
            List.of(
                request("ec2", "L-1", 100, IncreaseRequest.Status.DENIED, 20),
                request("ec2", "L-1", 200, IncreaseRequest.Status.DENIED, 5),
                request("ec2", "L-1", 300, IncreaseRequest.Status.PENDING, 1),
                request("ebs", "L-1", 7, IncreaseRequest.Status.PENDING, 1)),
            NOW);

    assertThat(history.ofService("ec2").requests())
        .extracting(IncreaseRequest::desiredValue)
        .containsExactly(300.0, 200.0);
    assertThat(history.shown("ec2", "L-1").desiredValue()).isEqualTo(300);
    assertThat(history.shown("ec2", "L-9")).isNull();
  }

  @Test
  void anUnknownHistoryStaysUnknownForEveryService() {
    var unknown = RequestHistory.unknown("access_denied");

    assertThat(unknown.known()).isFalse();
    assertThat(unknown.ofService("ec2").known()).isFalse();
    assertThat(unknown.requests()).isEmpty();
  }

  @Test
  void statusesOfTheApiParseAndOthersAreLeftOut() {
    assertThat(IncreaseRequest.Status.parse("CASE_OPENED"))
        .contains(IncreaseRequest.Status.CASE_OPENED);
    assertThat(IncreaseRequest.Status.parse("NOT_APPROVED").orElseThrow().open()).isFalse();
    assertThat(IncreaseRequest.Status.parse("SOMETHING_NEW")).isEmpty();
    assertThat(IncreaseRequest.Status.PENDING.label()).isEqualTo("pending");
  }
}
