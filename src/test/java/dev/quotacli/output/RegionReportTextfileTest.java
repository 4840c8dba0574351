package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RegionDiscoverer.Discovery;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import dev.quotacli.testing.PromText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionReportTextfileTest {
  /**
   * Active regions in two accounts (one with a region that did not answer), an account with none,
   * and a failed discovery.
   */
  static List<Discovery> discoveries() {
    var prod = anAccount("111111111111");
    var odd =
        new Account(
            new AccountId("222222222222"), "team \"blue\"\\ops", prod.credentials(), List.of());
    return List.of(
        new Discovery(
            prod,
            List.of(Region.US_EAST_1, new Region("eu-west-1")),
            List.of("ap-east-1: region_disabled: DescribeInstances: AuthFailure: not enabled"),
            null,
            false),
        new Discovery(odd, List.of(new Region("eu-central-1")), List.of(), null, false),
        new Discovery(
            anAccount("333333333333"),
            List.of(),
            List.of(),
            "invalid_credentials: AssumeRole: AccessDenied: not authorized to perform sts:AssumeRole",
            false),
        new Discovery(anAccount("444444444444"), List.of(), List.of(), null, false));
  }

  /**
   * The pass, one work item per account (no invented region or service), read while the CMDB was
   * down.
   */
  static RunSummary aRun(List<Discovery> discoveries) {
    List<WorkStatus> work = new ArrayList<>();
    for (Discovery d : discoveries) {
      work.add(
          d.ok()
              ? new WorkStatus(d.account(), null, null, WorkStatus.State.OK, null, null, false, 0)
              : WorkStatus.failed(d.account(), null, FailureKind.OTHER, d.failure()));
    }
    Map<ApiStats.Key, ApiStats.Counts> api =
        Map.of(
            new ApiStats.Key("ec2", "DescribeInstances"), new ApiStats.Counts(9, 1, 1),
            new ApiStats.Key("ec2", "DescribeRegions"), new ApiStats.Counts(3, 0, 0),
            new ApiStats.Key("sts", "AssumeRole"), new ApiStats.Counts(4, 0, 0));
    return new RunSummary(
        "discover-regions",
        Instant.parse("2026-11-22T04:00:00Z"),
        Duration.ofMillis(3_500),
        work,
        api,
        List.of(),
        Instant.parse("2026-11-21T04:00:03.5Z"),
        Shard.ALL,
        Instant.parse("2026-11-22T01:00:00Z"));
  }

  @Test
  void rendersTheGoldenFileByteForByte() throws Exception {
    Goldens.DISCOVER_REGIONS.assertMatchesFile();
  }

  @Test
  void holdsTheTextfileInvariants() {
    Goldens.DISCOVER_REGIONS.assertInvariants();
  }

  @Test
  void oneSeriesPerActiveRegionAndNoneForAFailedDiscovery() {
    var samples = PromText.parse(Goldens.DISCOVER_REGIONS.render().get());

    assertThat(PromText.select(samples, "quota_cli_active_region"))
        .extracting(s -> s.label("account_id") + "/" + s.label("region"))
        .containsExactly(
            "111111111111/eu-west-1", "111111111111/us-east-1", "222222222222/eu-central-1");
    assertThat(PromText.value(samples, "quota_cli_target_failed", "account_id", "333333333333"))
        .isEqualTo(1.0);
    assertThat(PromText.value(samples, "quota_cli_account_source_age_seconds")).isEqualTo(10800.0);
  }
}
