package dev.quotacli.aws;

import static dev.quotacli.testing.ServiceQuotasStub.LIST_REQUEST_HISTORY;
import static dev.quotacli.testing.ServiceQuotasStub.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.QuotaSource;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.ServiceQuotasStub;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Service Quotas adapter reads the request history from WireMock in the API's shape: every
 * page, no ServiceCode filter, epoch-second timestamps; a status it does not know is left out, and
 * AccessDenied is an access-denied {@link ApiException}.
 */
class ServiceQuotasRequestHistoryIT {
  private static final Region REGION = new Region("eu-west-1");
  private static final Account ACCOUNT = Fixtures.anAccount("123456789012", REGION.name());
  private static final long CREATED = 1_795_000_000L;

  private ServiceQuotasStub stub;

  @BeforeEach
  void start() {
    stub = ServiceQuotasStub.start();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private List<IncreaseRequest> listRequests(ApiStats stats) {
    try (AwsClientFactory factory = TestClients.on(stub.endpoint(), stats)) {
      QuotaSource source =
          new AwsQuotaSources(factory)
              .open(ACCOUNT, REGION, TestClients.guard(stats, ACCOUNT.id().value(), REGION.name()));
      return source.listRequests();
    }
  }

  @Test
  void everyPageIsReadWithoutAServiceFilterAndUnknownStatusesAreLeftOut() {
    stub.pageSize(2);
    stub.forRegion(REGION.name())
        .requestHistory(
            requested("L-1216C47A", "Running On-Demand", 4096, "PENDING", CREATED),
            requested("L-0263D0A3", "EC2-VPC Elastic IPs", 10, "DENIED", CREATED - 86_400),
            requested("L-34B43A08", "Spot", 64, "SOMETHING_NEW", CREATED));
    ApiStats stats = new ApiStats();

    List<IncreaseRequest> requests = listRequests(stats);

    assertThat(requests)
        .extracting(
            IncreaseRequest::service,
            IncreaseRequest::quotaCode,
            IncreaseRequest::desiredValue,
            IncreaseRequest::status,
            IncreaseRequest::created)
        .containsExactly(
            tuple(
                "ec2",
                "L-1216C47A",
                4096.0,
                IncreaseRequest.Status.PENDING,
                Instant.ofEpochSecond(CREATED)),
            tuple(
                "ec2",
                "L-0263D0A3",
                10.0,
                IncreaseRequest.Status.DENIED,
                Instant.ofEpochSecond(CREATED - 86_400)));
    assertThat(stub.requestCount(LIST_REQUEST_HISTORY)).isEqualTo(2);
    assertThat(stub.requests(LIST_REQUEST_HISTORY))
        .allSatisfy(r -> assertThat(r.getBodyAsString()).doesNotContain("ServiceCode"))
        .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("\"MaxResults\":100"));
    assertThat(
            stats.snapshot().get(new ApiStats.Key("servicequotas", LIST_REQUEST_HISTORY)).calls())
        .isEqualTo(2);
  }

  @Test
  void anAccountWithoutRequestsHasAnEmptyHistory() {
    assertThat(listRequests(new ApiStats())).isEmpty();
  }

  @Test
  void accessDeniedIsAnAccessDeniedFailure() {
    stub.forRegion(REGION.name()).requestHistoryDenied();

    assertThatThrownBy(() -> listRequests(new ApiStats()))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.ACCESS_DENIED));
  }
}
