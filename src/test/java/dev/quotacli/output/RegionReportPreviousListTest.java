package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RegionDiscoverer.Discovery;
import dev.quotacli.quota.Region;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The discover-regions view says when a failed discovery's previous list stands in. */
class RegionReportPreviousListTest {
  private static final Instant BEFORE = Instant.parse("2026-03-09T08:00:00Z");

  private static final List<Discovery> DISCOVERIES =
      List.of(
          new Discovery(
              anAccount("111111111111"),
              List.of(new Region("us-east-1"), new Region("eu-west-1")),
              List.of(),
              "throttled: DescribeRegions: Rate exceeded",
              false,
              FailureKind.THROTTLED,
              BEFORE),
          new Discovery(
              anAccount("222222222222"),
              List.of(),
              List.of(),
              "access_denied: DescribeRegions: UnauthorizedOperation: no",
              false,
              FailureKind.ACCESS_DENIED));

  @Test
  void theTableListsThePreviousRegionsWithTheFailure() {
    assertThat(RegionReport.table(DISCOVERIES))
        .contains(
            "111111111111  acct-1111  eu-west-1,us-east-1 (previous list of 2026-03-09T08:00:00Z;"
                + " FAILED: throttled: DescribeRegions: Rate exceeded)")
        .contains("222222222222  acct-2222  FAILED: access_denied: DescribeRegions:");
  }

  @Test
  void theJsonSaysWhenThePreviousListWasDiscovered() {
    assertThat(RegionReport.json(DISCOVERIES))
        .contains(
            "\"active_regions\": [\"eu-west-1\", \"us-east-1\"], \"skipped_regions\": [],"
                + " \"error\": \"throttled: DescribeRegions: Rate exceeded\", \"from_cache\": false,"
                + " \"previous_list_from\": \"2026-03-09T08:00:00Z\"}")
        .contains("\"from_cache\": false, \"previous_list_from\": null}");
  }
}
