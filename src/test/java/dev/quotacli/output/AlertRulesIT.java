package dev.quotacli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alerting rules, checked and unit-tested by the real promtool ({@code promtool check rules},
 * {@code promtool test rules}); plus the PromQL of the Grafana dashboard, which promtool parses.
 */
class AlertRulesIT {
  static final Path RULES = Path.of("prometheus/quota-cli.rules.yml");
  static final Path RULE_TESTS = Path.of("prometheus/quota-cli.rules.test.yml");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  /** Series with these labels are about one account and region: their alerts must name both. */
  private static final Set<String> ACCOUNT_SCOPED =
      Set.of(
          UsageTextfile.PERCENT,
          UsageTextfile.USAGE,
          LimitsTextfile.LIMIT,
          SelfMetrics.TARGET_FAILED,
          SelfMetrics.TARGET_SUCCESS,
          SelfMetrics.PROBLEMS,
          SelfMetrics.TARGET_LAST_SUCCESS,
          "quota_cli_target_degraded");

  /** Series about one service's quotas (where the item is one service's): alerts name it. */
  private static final Set<String> SERVICE_SCOPED =
      Set.of(SelfMetrics.TARGET_FAILED, SelfMetrics.PROBLEMS, SelfMetrics.TARGET_LAST_SUCCESS);

  /**
   * Series the operator provides (a recording rule or textfile of their own, see the rules file's
   * header), which quota-cli never writes.
   */
  private static final Set<String> OPERATOR_SERIES = Set.of("quota_cli_cost_monthly_budget_usd");

  private static Path promtool;

  @TempDir Path tmp;

  @BeforeAll
  static void findPromtool() {
    promtool = Processes.require("QUOTA_CLI_TEST_PROMTOOL", "/usr/bin/promtool", "prometheus");
  }

  @Test
  void promtoolChecksTheRules() throws Exception {
    Processes.Result r =
        Processes.run(List.of(promtool.toString(), "check", "rules", RULES.toString()), "");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + alerts().size() + " rules found");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    Processes.Result r =
        Processes.run(List.of(promtool.toString(), "test", "rules", RULE_TESTS.toString()), "");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() {
    Map<String, Object> tests = yaml(RULE_TESTS);
    assertThat(list(tests.get("rule_files"))).containsExactly(RULES.getFileName().toString());
    Set<String> fires = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (Object test : list(tests.get("tests"))) {
      for (Object check : list(map(test).get("alert_rule_test"))) {
        Map<String, Object> c = map(check);
        String name = (String) c.get("alertname");
        (list(c.get("exp_alerts")).isEmpty() ? quiet : fires).add(name);
      }
    }
    Set<String> names = alerts().keySet();
    assertThat(fires)
        .as("alerts with a test where they fire")
        .containsExactlyInAnyOrderElementsOf(names);
    assertThat(quiet)
        .as("alerts with a test where they do not fire or resolve")
        .containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void everyAlertHasASeverityASummaryAndADescriptionNamingItsScope() {
    for (Map.Entry<String, Map<String, Object>> e : alerts().entrySet()) {
      Map<String, Object> rule = e.getValue();
      String name = e.getKey();
      assertThat(name).matches("[A-Z][A-Za-z0-9]+");
      assertThat((String) map(rule.get("labels")).get("severity"))
          .as("severity of %s", name)
          .isIn(SEVERITIES);
      Map<String, Object> annotations = map(rule.get("annotations"));
      String summary = (String) annotations.get("summary");
      String description = (String) annotations.get("description");
      assertThat(summary).as("summary of %s", name).isNotBlank();
      assertThat(description).as("description of %s", name).isNotBlank();
      Set<String> metrics = GrafanaDashboardTest.metricNames((String) rule.get("expr"));
      if (metrics.stream().anyMatch(ACCOUNT_SCOPED::contains)) {
        for (String text : List.of(summary, description)) {
          assertThat(text)
              .as("annotations of %s", name)
              .contains("$labels.account_id", "$labels.account_name", "$labels.region");
        }
      }
      if (metrics.stream().anyMatch(SERVICE_SCOPED::contains)) {
        for (String text : List.of(summary, description)) {
          assertThat(text).as("annotations of %s", name).contains("$labels.service");
        }
      }
      if (metrics.contains(UsageTextfile.PERCENT)) {
        assertThat(summary).as("summary of %s", name).contains("$labels.quota_name");
        assertThat(description)
            .as("description of %s", name)
            .contains("$labels.quota_code", "$labels.service");
      }
      if (metrics.stream()
          .anyMatch(m -> m.startsWith("quota_cli_") && !OPERATOR_SERIES.contains(m))) {
        assertThat(summary + description)
            .as("annotations of %s", name)
            .contains("$labels.subcommand");
      }
    }
  }

  @Test
  void rulesAskOnlyForSeriesQuotaCliOrTheTextfileCollectorExport() {
    Set<String> used = new TreeSet<>();
    for (Map.Entry<String, Map<String, Object>> e : alerts().entrySet()) {
      Set<String> metrics = GrafanaDashboardTest.metricNames((String) e.getValue().get("expr"));
      assertThat(metrics)
          .as("metrics of %s", e.getKey())
          .isNotEmpty()
          .allMatch(m -> GrafanaDashboardTest.isExported(m) || OPERATOR_SERIES.contains(m));
      assertThat((String) e.getValue().get("expr"))
          .as("expr of %s", e.getKey())
          .matches(
              expr -> !GrafanaDashboardTest.comparesLimitApplied(expr),
              "no comparison of limit_applied (absent at the default)");
      used.addAll(metrics);
    }
    assertThat(used)
        .contains(
            UsageTextfile.PERCENT,
            SelfMetrics.LAST_SUCCESS,
            SelfMetrics.TARGET_LAST_SUCCESS,
            SelfMetrics.TARGET_FAILED,
            "node_textfile_mtime_seconds",
            "quota_cli_target_degraded",
            CostTextfile.MTD,
            CostTextfile.FORECAST,
            CostTextfile.RUN_RATE,
            CostTextfile.CE_SKIPPED,
            CostTextfile.FALLBACK);
  }

  @Test
  void promtoolParsesTheDashboardQueries() throws Exception {
    List<String> exprs = GrafanaDashboardTest.dashboardExprs();
    assertThat(exprs).isNotEmpty();
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      String expr =
          exprs
              .get(i)
              .replace("$topn", "25")
              .replaceAll("\\$\\{?(account|region|service|quota)}?", ".*");
      assertThat(expr).as("a Grafana variable left in %s", exprs.get(i)).doesNotContain("$");
      rules
          .append("      - record: dashboard:expr_")
          .append(i)
          .append('\n')
          .append("        expr: '")
          .append(expr.replace("'", "''"))
          .append("'\n");
    }
    Path file = tmp.resolve("dashboard.rules.yml");
    Files.writeString(file, rules, StandardCharsets.UTF_8);
    Processes.Result r =
        Processes.run(
            List.of(promtool.toString(), "check", "rules", "--lint=none", file.toString()), "");
    assertThat(r.exitCode()).as(r.output() + "\n" + rules).isZero();
  }

  /** Alerting rules by name, in file order; a name used twice fails. */
  static Map<String, Map<String, Object>> alerts() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Object group : list(yaml(RULES).get("groups"))) {
      for (Object r : list(map(group).get("rules"))) {
        Map<String, Object> rule = map(r);
        String name = (String) rule.get("alert");
        assertThat(name).as("a recording rule in %s", RULES).isNotNull();
        assertThat(out.put(name, rule)).as("alert %s defined twice", name).isNull();
      }
    }
    assertThat(out).as("alerts in %s", RULES).isNotEmpty();
    return out;
  }

  private static Map<String, Object> yaml(Path file) {
    try {
      return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return new TreeMap<>((Map<String, Object>) o);
  }

  private static List<Object> list(Object o) {
    if (o == null) {
      return List.of();
    }
    assertThat(o).isInstanceOf(List.class);
    return new ArrayList<>((List<?>) o);
  }
}
