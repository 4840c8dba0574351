package dev.quotacli.cli;

import static dev.quotacli.testing.PromText.select;
import static dev.quotacli.testing.PromText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quotacli.cost.TagCostLine;
import dev.quotacli.cost.TagCosts;
import dev.quotacli.pass.Environment;
import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.CostExplorerStub;
import dev.quotacli.testing.EmulatedOrganization;
import dev.quotacli.testing.MotoServer;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.PromText.Sample;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quota-cli cost} over an emulated organization ({@link EmulatedOrganization} behind {@link
 * CostExplorerStub#emulating}): a management account, {@value MotoServer#DEFAULT_ACCOUNT} (the
 * account moto's STS answers for plain keys, the ambient credentials here), and its members, listed
 * in an accounts file with their own keys, as a CMDB lists member accounts. Cost Explorer answers
 * each caller as AWS does: the management account for everyone, a member for itself. Every export
 * is compared with what the emulation served, within the scope the README documents, and every run
 * prints its Cost Explorer requests and dollars ({@code [cost-measure]} lines).
 */
class CostFleetIT {
  static final String MANAGEMENT = MotoServer.DEFAULT_ACCOUNT;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
  static final LocalDate TODAY = LocalDate.parse("2025-06-15");
  static final int PAGE_SIZE = 500;
  static final int TAG_TOP = 10;

  static MotoServer moto;
  static EmulatedOrganization five;
  static EmulatedOrganization fleet;
  static CostExplorerStub fiveCe;
  static CostExplorerStub fleetCe;

  @TempDir static Path tmp;
  static Path fiveAccounts;
  static Path fleetAccounts;

  @BeforeAll
  static void organizations() throws Exception {
    moto = MotoServer.shared();
    five = new EmulatedOrganization(MANAGEMENT, 5, TODAY, PAGE_SIZE);
    fleet = new EmulatedOrganization(MANAGEMENT, 300, TODAY, PAGE_SIZE);
    fiveCe = CostExplorerStub.emulating(five);
    fleetCe = CostExplorerStub.emulating(fleet);
    fiveAccounts = Files.writeString(tmp.resolve("five.yaml"), five.accountsFile());
    fleetAccounts = Files.writeString(tmp.resolve("fleet.yaml"), fleet.accountsFile());
  }

  @AfterAll
  static void stop() {
    if (fiveCe != null) {
      fiveCe.close();
    }
    if (fleetCe != null) {
      fleetCe.close();
    }
  }

  /** One run: what it printed and exported, and the Cost Explorer requests it made. */
  record Run(CliRun cli, List<Sample> samples, int requests) {}

  private static Run cost(
      String label, CostExplorerStub ce, Path accounts, Path cache, Clock clock, String... extra)
      throws Exception {
    Path textfiles = Files.createDirectories(cache.resolveSibling(cache.getFileName() + "-out"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "cost",
                "--accounts-file",
                accounts.toString(),
                "--tag-key",
                "Team,Project",
                "--forecast-interval",
                "--no-run-rate",
                "--cache-dir",
                cache.toString(),
                "--textfile-dir",
                textfiles.toString(),
                "--endpoint-url",
                moto.endpoint().toString(),
                "--service-endpoint",
                "ce=" + ce.endpoint()));
    args.addAll(List.of(extra));
    int before = ce.totalRequests();
    CliRun run =
        Cli.run(
            new Environment(Map.of(), clock, Cli.FAST_RETRIES, null), args.toArray(String[]::new));
    int requests = ce.totalRequests() - before;
    Path file = textfiles.resolve("aws_cost.prom");
    List<Sample> samples =
        Files.exists(file) ? PromText.parse(Files.readString(file)) : List.<Sample>of();
    System.out.printf(
        Locale.ROOT,
        "[cost-measure] %-58s exit %d, %4d Cost Explorer requests, $%.2f%n",
        label,
        run.exitCode(),
        requests,
        requests * 0.01);
    if (!samples.isEmpty()) {
      assertThat(value(samples, "quota_cli_cost_explorer_requests")).isEqualTo(requests);
      assertThat(value(samples, "quota_cli_cost_explorer_spend_usd"))
          .isCloseTo(requests * 0.01, within(1e-9));
    }
    return new Run(run, samples, requests);
  }

  /** Runs with the management account's keys as the ambient credentials (the SDK's chain). */
  private static <T> T asManagement(Callable<T> run) throws Exception {
    System.setProperty("aws.accessKeyId", EmulatedOrganization.accessKeyId(MANAGEMENT));
    System.setProperty("aws.secretAccessKey", "management-secret");
    try {
      return run.call();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  // ------------------------------------------------------------ what the exports must say

  private static Map<String, Map<String, Double>> byAccountAndService(
      List<Sample> s, String family) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (Sample x : select(s, family)) {
      Double before =
          out.computeIfAbsent(x.label("account_id"), k -> new TreeMap<>())
              .put(x.label("service"), x.value());
      assertThat(before).as("one series per account and service").isNull();
    }
    return out;
  }

  private static Map<String, Map<String, Double>> doubles(
      Map<String, Map<String, BigDecimal>> expected) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    expected.forEach(
        (a, m) ->
            m.forEach(
                (k, v) -> out.computeIfAbsent(a, x -> new TreeMap<>()).put(k, v.doubleValue())));
    return out;
  }

  private static void assertSpend(List<Sample> s, EmulatedOrganization org, List<String> of) {
    assertClose(
        byAccountAndService(s, "cloud_cost_month_to_date_usd"), doubles(org.spend(of, true)));
    assertClose(byAccountAndService(s, "cloud_cost_last_day_usd"), doubles(org.spend(of, false)));
  }

  private static void assertClose(
      Map<String, Map<String, Double>> actual, Map<String, Map<String, Double>> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (a, m) -> {
          assertThat(actual.get(a).keySet()).as(a).isEqualTo(m.keySet());
          m.forEach(
              (k, v) ->
                  assertThat(actual.get(a).get(k)).as(a + " " + k).isCloseTo(v, within(1e-6)));
        });
  }

  /** Tag spend of the accounts summed, bounded as documented: the organization's top values. */
  private static void assertTags(List<Sample> s, EmulatedOrganization org, List<String> of) {
    List<TagCostLine> lines = new ArrayList<>();
    org.tags(of)
        .forEach(
            (key, byValue) ->
                byValue.forEach(
                    (v, byService) ->
                        byService.forEach(
                            (service, usd) ->
                                lines.add(
                                    new TagCostLine(key, v, service, usd.doubleValue(), true)))));
    Map<String, Double> expected = new TreeMap<>();
    TagCosts.topN(lines, TAG_TOP)
        .forEach(
            l -> expected.put(l.tagKey() + "/" + l.tagValue() + "/" + l.service(), l.amount()));
    Map<String, Double> actual = new TreeMap<>();
    for (Sample x : select(s, "cloud_cost_by_tag_month_to_date_usd")) {
      assertThat(x.labels()).doesNotContainKey("account_id");
      actual.put(
          x.label("tag_key") + "/" + x.label("tag_value") + "/" + x.label("service"), x.value());
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isCloseTo(v, within(1e-6)));
    // Team has 12 values over the organization (beyond the top 10) in the big one.
    assertThat(actual.keySet()).anyMatch(k -> k.startsWith("Team/untagged/"));
  }

  private static void assertForecast(
      List<Sample> s, String family, String account, BigDecimal[] f) {
    assertThat(value(s, family + "_usd", "account_id", account))
        .isCloseTo(f[0].doubleValue(), within(1e-6));
    assertThat(value(s, family + "_lower_usd", "account_id", account))
        .isCloseTo(f[1].doubleValue(), within(1e-6));
    assertThat(value(s, family + "_upper_usd", "account_id", account))
        .isCloseTo(f[2].doubleValue(), within(1e-6));
  }

  private static void assertSavings(List<Sample> s, EmulatedOrganization org, List<String> of) {
    Map<String, Map<String, Double>> actual = new TreeMap<>();
    for (Sample x : select(s, "cloud_cost_rightsizing_savings_monthly_usd")) {
      actual
          .computeIfAbsent(x.label("account_id"), k -> new TreeMap<>())
          .put(x.label("type"), x.value());
    }
    assertClose(actual, doubles(org.savings(of)));
  }

  private static List<Sample> costSeries(List<Sample> s) {
    return s.stream().filter(x -> x.name().startsWith("cloud_cost_")).toList();
  }

  // ------------------------------------------------------------ five accounts

  @Test
  void fiveAccountsAskedOnTheirOwn_exportTheirOwnFiguresAndTheirTagsSummed() throws Exception {
    Path cache = tmp.resolve("five-own");
    List<String> members = five.members();

    Run run = cost("5 accounts, no payer", fiveCe, fiveAccounts, cache, CLOCK);

    assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
    // Each account: month to date, last day, its forecast, two tag keys, rightsizing.
    assertThat(run.requests()).isEqualTo(5 * 6);
    List<Sample> s = run.samples();
    assertSpend(s, five, members);
    assertTags(s, five, members);
    for (String m : members) {
      assertForecast(s, "cloud_cost_forecast_month_end", m, five.forecast(List.of(m)));
    }
    assertThat(select(s, "cloud_cost_forecast_month_end_usd")).hasSize(5);
    assertThat(select(s, "cloud_cost_organization_forecast_month_end_usd")).isEmpty();
    assertSavings(s, five, members);
    assertThat(value(s, "quota_cli_targets", "status", "ok")).isEqualTo(5);

    Run again = cost("5 accounts, no payer, within the TTL", fiveCe, fiveAccounts, cache, CLOCK);
    assertThat(again.cli().exitCode()).isZero();
    assertThat(again.requests()).isZero();
    assertThat(costSeries(again.samples())).containsExactlyInAnyOrderElementsOf(costSeries(s));
  }

  @Test
  void fiveAccountsThroughTheManagementAccountsAmbientCredentials_exportTheWholeOrganization()
      throws Exception {
    Run run =
        asManagement(
            () ->
                cost(
                    "5 accounts, --payer ambient",
                    fiveCe,
                    fiveAccounts,
                    tmp.resolve("five-payer"),
                    CLOCK,
                    "--payer",
                    "ambient"));

    assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
    // Month to date, last day, the organization's forecast and the 5 listed accounts', two tag
    // keys, rightsizing.
    assertThat(run.requests()).isEqualTo(11);
    assertOrganization(run.samples(), five, five.members());

    // The management account's id, which the accounts file does not list, is the same scope.
    Run byId =
        asManagement(
            () ->
                cost(
                    "5 accounts, --payer <management id>",
                    fiveCe,
                    fiveAccounts,
                    tmp.resolve("five-payer-id"),
                    CLOCK,
                    "--payer",
                    MANAGEMENT));
    assertThat(byId.cli().exitCode()).as(byId.cli().toString()).isZero();
    assertThat(costSeries(byId.samples()))
        .containsExactlyInAnyOrderElementsOf(costSeries(run.samples()));

    // Any other unlisted id is a usage error.
    Run other =
        asManagement(
            () ->
                cost(
                    "5 accounts, --payer <neither>",
                    fiveCe,
                    fiveAccounts,
                    tmp.resolve("five-payer-other"),
                    CLOCK,
                    "--payer",
                    "555555555555"));
    assertThat(other.cli().exitCode()).isEqualTo(2);
    assertThat(other.cli().err())
        .contains(
            "--payer 555555555555: neither an enabled account of the account source nor the"
                + " account of the ambient credentials ("
                + MANAGEMENT
                + ")");
    assertThat(other.requests()).isZero();
  }

  /**
   * With a payer: spend and savings of every account the management account pays for (itself
   * included, though unlisted), tags over all of them, the organization's forecast, and the listed
   * accounts' forecasts (the top 20 by spend).
   */
  private static void assertOrganization(
      List<Sample> s, EmulatedOrganization org, List<String> listed) {
    List<String> everyone = List.copyOf(org.accounts().keySet());
    assertSpend(s, org, everyone);
    assertTags(s, org, everyone);
    assertSavings(s, org, everyone);
    assertForecast(
        s, "cloud_cost_organization_forecast_month_end", MANAGEMENT, org.forecast(everyone));
    List<String> top =
        listed.stream()
            .sorted(
                Comparator.comparing(org::total)
                    .reversed()
                    .thenComparing(Comparator.naturalOrder()))
            .limit(20)
            .toList();
    assertThat(select(s, "cloud_cost_forecast_month_end_usd"))
        .extracting(x -> x.label("account_id"))
        .containsExactlyInAnyOrderElementsOf(top);
    for (String a : top) {
      assertForecast(s, "cloud_cost_forecast_month_end", a, org.forecast(List.of(a)));
    }
  }

  @Test
  void aBudgetOfFiveRequestsExportsWhatItBoughtAndTheNextRunBuysTheRest() throws Exception {
    Path cache = tmp.resolve("five-budget");

    Run first =
        asManagement(
            () ->
                cost(
                    "5 accounts, --payer ambient --max-ce-requests 5",
                    fiveCe,
                    fiveAccounts,
                    cache,
                    CLOCK,
                    "--payer",
                    "ambient",
                    "--max-ce-requests",
                    "5",
                    "-v"));

    assertThat(first.cli().exitCode()).as(first.cli().toString()).isEqualTo(3);
    assertThat(first.requests()).isEqualTo(5);
    // -v prints the plan before the requests.
    assertThat(first.cli().err())
        .contains(
            "quota-cli: debug: Cost Explorer plan (spend): 2 parts due, ~2 requests (~$0.02); 5"
                + " requests left: buying 2 parts, ~2 requests (~$0.02), skipping 0")
        .contains("quota-cli: debug:   buy  " + MANAGEMENT + " month_to_date")
        .contains(
            "quota-cli: debug: Cost Explorer plan (forecasts, tags, rightsizing): 9 parts due, ~9"
                + " requests (~$0.09); 3 requests left: buying 3 parts, ~3 requests (~$0.03),"
                + " skipping 6")
        .contains("quota-cli: debug:   skip 3 forecast (budget)");
    List<Sample> s = first.samples();
    // Bought: the organization's spend, its forecast, the 2 listed accounts with the most spend.
    assertSpend(s, five, List.copyOf(five.accounts().keySet()));
    assertThat(select(s, "cloud_cost_organization_forecast_month_end_usd")).hasSize(1);
    assertThat(select(s, "cloud_cost_forecast_month_end_usd")).hasSize(2);
    assertThat(select(s, "cloud_cost_by_tag_month_to_date_usd")).isEmpty();
    assertThat(select(s, "cloud_cost_rightsizing_savings_monthly_usd")).isEmpty();
    // Not bought: named, counted, the scope failed with reason budget.
    assertThat(first.cli().err())
        .contains("6 Cost Explorer part(s) not within --max-ce-requests 5 and not exported")
        .contains("forecast 3, rightsizing 1, tags 2")
        .contains("5 Cost Explorer requests, about $0.05 (budget 5 requests, $0.05)");
    assertThat(value(s, "quota_cli_cost_explorer_skipped", "part", "forecast", "reason", "budget"))
        .isEqualTo(3);
    assertThat(value(s, "quota_cli_cost_explorer_skipped", "part", "tags", "reason", "budget"))
        .isEqualTo(2);
    assertThat(value(s, "quota_cli_target_failed", "account_id", MANAGEMENT, "reason", "budget"))
        .isEqualTo(1);
    CliRun status =
        Cli.run(
            new Environment(Map.of(), CLOCK, Cli.FAST_RETRIES, null),
            "status",
            "--cache-dir",
            cache.toString());
    assertThat(status.out())
        .contains(
            "5 requests (~$0.05) of a budget of 5; 1 of 1 scope(s) incomplete, parts not"
                + " exported: forecast 3, rightsizing 1, tags 2");

    Run next =
        asManagement(
            () ->
                cost(
                    "5 accounts, --payer ambient, the next run",
                    fiveCe,
                    fiveAccounts,
                    cache,
                    Clock.offset(CLOCK, Duration.ofMinutes(15)),
                    "--payer",
                    "ambient"));

    assertThat(next.cli().exitCode()).as(next.cli().toString()).isZero();
    assertThat(next.requests()).isEqualTo(6);
    assertOrganization(next.samples(), five, five.members());
  }

  // ------------------------------------------------------------ 300 accounts

  @Test
  void threeHundredLinkedAccountsThroughThePayer_withinTheDefaultBudget() throws Exception {
    Path cache = tmp.resolve("fleet-payer");

    Run run =
        asManagement(
            () ->
                cost(
                    "300 accounts, --payer ambient",
                    fleetCe,
                    fleetAccounts,
                    cache,
                    CLOCK,
                    "--payer",
                    "ambient"));

    assertThat(run.cli().exitCode()).as(run.cli().toString()).isZero();
    assertThat(run.requests()).isLessThanOrEqualTo(100);
    // 301 accounts x 4 services = 1204 groups, 3 pages each for month to date and last day; the
    // organization's forecast and the top 20 accounts'; one page per tag key; rightsizing.
    assertThat(run.requests()).isEqualTo(3 + 3 + 1 + 20 + 2 + 1);
    assertOrganization(run.samples(), fleet, fleet.members());
    assertThat(select(run.samples(), "cloud_cost_month_to_date_usd")).hasSize(301 * 4);

    Run again =
        asManagement(
            () ->
                cost(
                    "300 accounts, --payer ambient, within the TTL",
                    fleetCe,
                    fleetAccounts,
                    cache,
                    Clock.offset(CLOCK, Duration.ofHours(1)),
                    "--payer",
                    "ambient"));
    assertThat(again.cli().exitCode()).isZero();
    assertThat(again.requests()).isZero();
    assertThat(costSeries(again.samples()))
        .containsExactlyInAnyOrderElementsOf(costSeries(run.samples()));
  }

  @Test
  void threeHundredLinkedAccountsUnderABudgetOfFive_noRequestIsWastedAndTheNextRunBuysTheRest()
      throws Exception {
    Path cache = tmp.resolve("fleet-payer-budget");

    Run first =
        asManagement(
            () ->
                cost(
                    "300 accounts, --payer ambient --max-ce-requests 5",
                    fleetCe,
                    fleetAccounts,
                    cache,
                    CLOCK,
                    "--payer",
                    "ambient",
                    "--max-ce-requests",
                    "5"));

    // Month to date takes 3 pages; the last day would take as many and is not started; the 2
    // requests left buy the organization's forecast and the top account's.
    assertThat(first.cli().exitCode()).as(first.cli().toString()).isEqualTo(3);
    assertThat(first.requests()).isEqualTo(5);
    List<Sample> s = first.samples();
    List<String> everyone = List.copyOf(fleet.accounts().keySet());
    assertClose(
        byAccountAndService(s, "cloud_cost_month_to_date_usd"),
        doubles(fleet.spend(everyone, true)));
    assertThat(select(s, "cloud_cost_last_day_usd")).isEmpty();
    assertThat(select(s, "cloud_cost_organization_forecast_month_end_usd")).hasSize(1);
    assertThat(select(s, "cloud_cost_forecast_month_end_usd")).hasSize(1);
    assertThat(value(s, "quota_cli_cost_explorer_skipped", "part", "last_day", "reason", "budget"))
        .isEqualTo(1);
    assertThat(value(s, "quota_cli_cost_explorer_skipped", "part", "forecast", "reason", "budget"))
        .isEqualTo(19);

    Run next =
        asManagement(
            () ->
                cost(
                    "300 accounts, --payer ambient, the next run",
                    fleetCe,
                    fleetAccounts,
                    cache,
                    Clock.offset(CLOCK, Duration.ofMinutes(15)),
                    "--payer",
                    "ambient"));

    assertThat(next.cli().exitCode()).as(next.cli().toString()).isZero();
    assertThat(next.requests()).isEqualTo(3 + 19 + 2 + 1);
    assertOrganization(next.samples(), fleet, fleet.members());
  }

  @Test
  void threeHundredAccountsOnTheirOwn_goRoundTheFleetOldestFirstWithinTheTtl() throws Exception {
    Path cache = tmp.resolve("fleet-own");
    List<String> members = fleet.members();
    int total = 0;
    int runs = 0;
    Run last = null;
    Duration interval = Duration.ofMinutes(15);
    while (runs < 24) { // 6 h of runs every 15 minutes
      Clock at = Clock.offset(CLOCK, interval.multipliedBy(runs));
      last = cost("300 accounts, no payer, run " + (runs + 1), fleetCe, fleetAccounts, cache, at);
      runs++;
      total += last.requests();
      assertThat(last.requests()).isLessThanOrEqualTo(100);
      // Every account's spend is bought before any forecast, tag or savings: from the first runs
      // on, each run exports the spend of every account bought so far.
      if (last.cli().exitCode() == 0) {
        break;
      }
      assertThat(last.cli().exitCode()).as(last.cli().err()).isEqualTo(3);
    }
    System.out.printf(
        Locale.ROOT,
        "[cost-measure] 300 accounts, no payer: the fleet in %d runs, %d requests, $%.2f%n",
        runs,
        total,
        total * 0.01);
    assertThat(total).isEqualTo(300 * 6);
    assertThat(runs).isEqualTo(18);
    List<Sample> s = last.samples();
    assertSpend(s, fleet, members);
    assertTags(s, fleet, members);
    assertSavings(s, fleet, members);
    assertThat(select(s, "cloud_cost_forecast_month_end_usd")).hasSize(300);
    assertThat(value(s, "quota_cli_targets", "status", "ok")).isEqualTo(300);

    // One interval later nothing is due; when the first runs' answers pass the TTL, their scopes
    // come first, and the export stays whole.
    Run renewal =
        cost(
            "300 accounts, no payer, 6 h after the first run",
            fleetCe,
            fleetAccounts,
            cache,
            Clock.offset(CLOCK, Duration.ofHours(6)));
    assertThat(renewal.requests()).isEqualTo(100);
    assertThat(renewal.cli().exitCode()).as(renewal.cli().err()).isZero();
    assertSpend(renewal.samples(), fleet, members);
  }
}
