package dev.quotacli.report;

import static dev.quotacli.testing.SampleCaches.DATA;
import static dev.quotacli.testing.SampleCaches.LAB;
import static dev.quotacli.testing.SampleCaches.PROD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.cache.CacheInventory;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.TagCostLine;
import dev.quotacli.output.StatusReport;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.UsageOrigin;
import dev.quotacli.testing.MutableClock;
import dev.quotacli.testing.SampleCaches;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {
  static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  static final List<String> SUBCOMMANDS = List.of("limits", "usage", "discover-regions", "cost");

  @TempDir Path tmp;

  static ReportBuilder.Settings settings(int top) {
    return new ReportBuilder.Settings(
        NOW, top, Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(6), "cache");
  }

  /** The sample cache directory read as the report command reads it. */
  static ReportInputs sample(Path root) throws IOException {
    SampleCaches.write(root, NOW);
    MutableClock clock = new MutableClock(NOW);
    Map<String, RunStateStore.RunState> runs = new TreeMap<>();
    RunStateStore states = new RunStateStore(root, clock);
    for (String s : SUBCOMMANDS) {
      if (states.read(s) != null) {
        runs.put(s, states.read(s));
      }
    }
    StatusReport status =
        new StatusReport(
            NOW,
            List.of(
                new StatusReport.Degraded(
                    DATA + "/us-east-1", -30, NOW.plusSeconds(1800), Duration.ofMinutes(30))),
            CacheInventory.scan(root, clock),
            runs,
            1,
            Map.of(),
            Map.of("cost", new CostCache(root, Duration.ZERO, clock).readLastRun("")));
    return CacheReader.read(
        root, clock, Duration.ofHours(24), Duration.ofHours(1), status, SUBCOMMANDS);
  }

  private static ReportModel.QuotaRow row(ReportModel m, String key) {
    return m.accounts().stream()
        .flatMap(a -> a.rows().stream())
        .filter(
            r -> key.equals(r.accountId() + "/" + r.region() + "/" + r.service() + "/" + r.code()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + key));
  }

  @Test
  void topListsTheQuotasWithTheHighestPercentFirstAndStopsAtN() throws IOException {
    ReportModel m = ReportBuilder.build(sample(tmp), settings(3), IncreaseRequests.NONE);

    assertThat(m.top())
        .extracting(
            r -> r.accountId() + "/" + r.region() + "/" + r.code(), ReportModel.QuotaRow::percent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PROD + "/us-east-1/L-1216C47A", "93.8 %"),
            org.assertj.core.groups.Tuple.tuple(DATA + "/us-east-1/L-7A658B76", "83.0 %"),
            org.assertj.core.groups.Tuple.tuple(PROD + "/eu-west-1/L-0263D0A3", "80.0 %"));
    assertThat(m.top().get(0))
        .extracting(
            ReportModel.QuotaRow::usage,
            ReportModel.QuotaRow::limit,
            ReportModel.QuotaRow::level,
            ReportModel.QuotaRow::bar,
            ReportModel.QuotaRow::source,
            ReportModel.QuotaRow::accountName)
        .containsExactly("240", "256", "crit", "93.8", "applied", SampleCaches.PROD_NAME);
  }

  @Test
  void anUnknownUsageIsShownAsUnknownNeverZeroAndStaysOutOfTheTopList() throws IOException {
    ReportModel m = ReportBuilder.build(sample(tmp), settings(50), IncreaseRequests.NONE);

    ReportModel.QuotaRow eips = row(m, PROD + "/us-east-1/ec2/L-0263D0A3");
    assertThat(eips.usage()).isEqualTo("unknown");
    assertThat(eips.percent()).isEqualTo("unknown");
    assertThat(eips.percentKnown()).isFalse();
    assertThat(eips.source()).isEqualTo("applied (= default)");
    assertThat(m.top()).noneMatch(r -> r == eips || r.equals(eips));
    assertThat(m.top()).hasSize(7);
    assertThat(m.fleet().quotas()).isEqualTo(9);
    assertThat(m.fleet().quotasWithPercent()).isEqualTo(7);
  }

  @Test
  void aLimitOfZeroHasNoPercent() {
    var limits =
        new CachedLimits.Result(
            List.of(
                new CachedLimits.Target(
                    PROD,
                    Region.US_EAST_1,
                    "ec2",
                    NOW,
                    false,
                    List.of(
                        new QuotaLimit("L-1", "Zero", 0, LimitSource.APPLIED, null, null, false)))),
            List.of());
    var usage =
        new ReportInputs.UsageTarget(
            PROD,
            Region.US_EAST_1,
            "ec2",
            NOW,
            false,
            List.of(new QuotaUsage("L-1", 3, UsageOrigin.COUNTER)),
            List.of());
    ReportModel m =
        ReportBuilder.build(
            inputs(limits, List.of(usage), List.of()), settings(5), IncreaseRequests.NONE);

    assertThat(m.top()).isEmpty();
    assertThat(m.accounts().get(0).rows().get(0))
        .extracting(
            ReportModel.QuotaRow::usage, ReportModel.QuotaRow::limit, ReportModel.QuotaRow::percent)
        .containsExactly("3", "0", "unknown");
  }

  @Test
  void theFleetSummaryCountsAccountsTargetsFailuresAndDegradation() throws IOException {
    ReportModel.Fleet f =
        ReportBuilder.build(sample(tmp), settings(20), IncreaseRequests.NONE).fleet();

    assertThat(f.accounts()).isEqualTo(3);
    assertThat(f.targets()).isEqualTo(5);
    assertThat(f.failed())
        .extracting(ReportModel.FailedTarget::subcommand, ReportModel.FailedTarget::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("usage", DATA + "/us-east-1/elasticloadbalancing"));
    assertThat(f.failed().get(0).lastSuccess()).isEqualTo("3h ago");
    assertThat(f.degraded())
        .extracting(ReportModel.DegradedTarget::target)
        .containsExactly(DATA + "/us-east-1");
    assertThat(f.runs()).extracting(ReportModel.Run::name).containsExactly("limits", "usage");
    assertThat(f.runs().get(1).healthy()).isFalse();
    assertThat(f.neverRun()).containsExactly("discover-regions", "cost");
    assertThat(f.limitsAge()).isEqualTo("oldest 3d ago, newest 40m ago");
    assertThat(f.usageAge()).isEqualTo("12m ago");
    assertThat(f.accountListAge()).isEqualTo("2d ago");
    assertThat(f.costRuns()).singleElement().asString().contains("9 requests");
  }

  @Test
  void staleAndMissingDataIsNamedPerAccount() throws IOException {
    ReportModel m = ReportBuilder.build(sample(tmp), settings(20), IncreaseRequests.NONE);

    assertThat(m.problems())
        .extracting(p -> p.what() + ": " + p.detail())
        .contains(
            "run state: discover-regions has no recorded run in this cache directory",
            "limits: "
                + LAB
                + " ("
                + SampleCaches.LAB_NAME
                + "): 1 target(s) older than 24h (oldest 3d ago)",
            "usage: " + DATA + " (data-platform): 1 target(s) with limits have no usage cached")
        .noneMatch(p -> p.startsWith("cost"));
  }

  @Test
  void costShowsMonthToDateForecastAndMonthEndPerAccountFromTheCache() throws IOException {
    CostView c = ReportBuilder.build(sample(tmp), settings(20), IncreaseRequests.NONE).cost();

    assertThat(c.present()).isTrue();
    assertThat(c.total()).isEqualTo("13,535.53 USD");
    assertThat(c.accounts())
        .extracting(
            CostView.CostAccount::accountId,
            CostView.CostAccount::monthToDate,
            CostView.CostAccount::lastDay,
            CostView.CostAccount::forecast,
            CostView.CostAccount::monthEnd)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                PROD, "10,622.42 USD", "601.40 USD", "14,800.50 USD", "25,422.92 USD"),
            org.assertj.core.groups.Tuple.tuple(
                DATA, "2,511.00 USD", "110.00 USD", "3,600.00 USD", "6,111.00 USD"),
            org.assertj.core.groups.Tuple.tuple(
                LAB, "402.11 USD", "unknown", "unknown", "unknown"));
    assertThat(c.accounts().get(0).interval()).isEqualTo("13,900.00 USD – 15,700.00 USD");
    assertThat(c.organizations())
        .extracting(CostView.Organization::payer, CostView.Organization::monthEnd)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PROD, "34,535.53 USD"));
    assertThat(c.byService().get(0))
        .extracting(ReportModel.Amount::label, ReportModel.Amount::amount, ReportModel.Amount::bar)
        .containsExactly("Amazon Elastic Compute Cloud - Compute", "9,390.17 USD", "100.0");
    assertThat(c.tags()).singleElement().extracting(CostView.TagKey::key).isEqualTo("Team");
    assertThat(c.tags().get(0).values())
        .extracting(ReportModel.Amount::label)
        .containsExactly("payments", "data", "(untagged)");
    assertThat(c.savingsTotal()).isEqualTo("507.80 USD");
    assertThat(c.accountChart().bars()).hasSize(3);
    assertThat(c.accountChart().bars().get(0).label()).isEqualTo(PROD + " (payments-prod)");
    assertThat(c.runRate()).contains("Not in the cache");
  }

  @Test
  void anAccountsOwnScopeWinsOverAPayersAnswerSoNothingIsCountedTwice() {
    var payer = scope(PROD, line(PROD, "EC2", 100), line(DATA, "EC2", 40));
    var own = scope(DATA, line(DATA, "EC2", 42));
    ReportModel m =
        ReportBuilder.build(
            inputs(new CachedLimits.Result(List.of(), List.of()), List.of(), List.of(payer, own)),
            settings(5),
            IncreaseRequests.NONE);

    assertThat(m.cost().accounts())
        .extracting(CostView.CostAccount::accountId, CostView.CostAccount::monthToDate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PROD, "100.00 USD"),
            org.assertj.core.groups.Tuple.tuple(DATA, "42.00 USD"));
    assertThat(m.cost().total()).isEqualTo("142.00 USD");
  }

  @Test
  void tagValuesBeyondTheTopAreSummedAsOtherValues() {
    List<TagCostLine> tags = new ArrayList<>();
    for (int i = 1; i <= CostViewBuilder.TAG_VALUES + 2; i++) {
      tags.add(new TagCostLine("Team", "t" + (100 + i), "EC2", i, false));
    }
    var part = new CostCache.Part("x", NOW, 1, List.of(), tags, null, List.of(), null);
    var scope =
        new ReportInputs.CostScope(PROD, new CostCache.Entry(Map.of("tags:Team", part), Map.of()));
    CostView c =
        ReportBuilder.build(
                inputs(new CachedLimits.Result(List.of(), List.of()), List.of(), List.of(scope)),
                settings(5),
                IncreaseRequests.NONE)
            .cost();

    List<ReportModel.Amount> values = c.tags().get(0).values();
    assertThat(values).hasSize(CostViewBuilder.TAG_VALUES + 1);
    assertThat(values.get(0).label()).isEqualTo("t112");
    assertThat(values.get(values.size() - 1))
        .extracting(ReportModel.Amount::label, ReportModel.Amount::amount)
        .containsExactly("(other values)", "3.00 USD");
    assertThat(c.accounts()).isEmpty();
    assertThat(c.total()).isEqualTo("unknown");
  }

  @Test
  void withoutACostCacheTheCostSectionSaysSoAndNamesIt() {
    ReportModel m =
        ReportBuilder.build(
            inputs(new CachedLimits.Result(List.of(), List.of()), List.of(), List.of()),
            settings(5),
            IncreaseRequests.NONE);

    assertThat(m.cost().present()).isFalse();
    assertThat(m.cost().total()).isEqualTo("unknown");
    assertThat(m.problems()).extracting(ReportModel.Problem::what).contains("cost");
  }

  @Test
  void costPartsOlderThanTheTtlAreNamed() {
    var old =
        new CostCache.Part(
            "x",
            NOW.minus(Duration.ofHours(7)),
            1,
            List.of(line(PROD, "EC2", 1)),
            List.of(),
            null,
            List.of(),
            null);
    var scope =
        new ReportInputs.CostScope(
            PROD, new CostCache.Entry(Map.of("month_to_date", old), Map.of()));
    ReportModel m =
        ReportBuilder.build(
            inputs(new CachedLimits.Result(List.of(), List.of()), List.of(), List.of(scope)),
            settings(5),
            IncreaseRequests.NONE);

    assertThat(m.problems())
        .extracting(p -> p.what() + ": " + p.detail())
        .contains(
            "cost: "
                + PROD
                + ": 1 of 1 Cost Explorer part(s) older than 6h (month_to_date; oldest 7h ago)");
  }

  @Test
  void theIncreaseRequestColumnShowsOnlyWhenTheHookAnswers() throws IOException {
    ReportInputs in = sample(tmp);
    assertThat(ReportBuilder.build(in, settings(5), IncreaseRequests.NONE).increaseRequests())
        .isFalse();

    ReportModel m =
        ReportBuilder.build(
            in,
            settings(5),
            (account, region, service, code) ->
                code.equals("L-1216C47A") && region.equals("us-east-1") ? "512 requested" : null);
    assertThat(m.increaseRequests()).isTrue();
    assertThat(row(m, PROD + "/us-east-1/ec2/L-1216C47A").increaseRequest())
        .isEqualTo("512 requested");
    assertThat(row(m, PROD + "/eu-west-1/ec2/L-1216C47A").increaseRequest()).isNull();
  }

  @Test
  void topBelowOneIsRefused() {
    assertThatThrownBy(() -> settings(0)).hasMessageContaining("--top");
  }

  static ReportInputs inputs(
      CachedLimits.Result limits,
      List<ReportInputs.UsageTarget> usage,
      List<ReportInputs.CostScope> cost) {
    return new ReportInputs(
        new StatusReport(NOW, List.of(), List.of(), Map.of(), 1, Map.of()),
        SUBCOMMANDS,
        limits,
        usage,
        List.of(),
        Map.of(),
        null,
        cost);
  }

  private static CostLine line(String account, String service, double amount) {
    return new CostLine(account, service, amount, "USD", false);
  }

  private static ReportInputs.CostScope scope(String id, CostLine... lines) {
    var part = new CostCache.Part("x", NOW, 1, List.of(lines), List.of(), null, List.of(), null);
    return new ReportInputs.CostScope(
        id, new CostCache.Entry(Map.of("month_to_date", part), Map.of()));
  }
}
