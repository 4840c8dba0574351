package dev.quotacli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code grafana/quota-cli.json} is a complete dashboard that only asks for series quota-cli (and
 * node_exporter's textfile collector) export, through the datasource template variable.
 */
class GrafanaDashboardTest {
  static final Path DASHBOARD = Path.of("grafana/quota-cli.json");
  private static final String DATASOURCE_VARIABLE = "${datasource}";
  private static final Set<String> QUOTA_METRICS =
      Set.of(LimitsTextfile.LIMIT, UsageTextfile.USAGE, UsageTextfile.PERCENT);

  private static JsonNode dashboard;

  @BeforeAll
  static void parse() throws IOException {
    dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
  }

  @Test
  void isADashboardWithATitleAUidAndACurrentSchema() {
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("uid").asText()).matches("[A-Za-z0-9_-]{1,40}");
    assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
    assertThat(dashboard.path("id").isNull() || dashboard.path("id").isMissingNode())
        .as("id must be null so that an import creates the dashboard")
        .isTrue();
    assertThat(dashboard.path("panels").isArray()).isTrue();
    assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void panelIdsAreUnique() {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels()) {
      assertThat(panel.path("id").isInt()).as("id of %s", panel.path("title")).isTrue();
      assertThat(ids.add(panel.path("id").asInt()))
          .as("duplicate panel id %s", panel.path("id"))
          .isTrue();
    }
  }

  @Test
  void everyQueryingPanelUsesTheDatasourceVariable() {
    for (JsonNode panel : panels()) {
      String title = panel.path("title").asText();
      assertThat(title).isNotBlank();
      if (panel.path("type").asText().equals("row")) {
        assertThat(panel.path("targets")).as("row %s", title).isEmpty();
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText())
          .as("panel %s", title)
          .isEqualTo(DATASOURCE_VARIABLE);
      assertThat(panel.path("datasource").path("type").asText())
          .as("panel %s", title)
          .isEqualTo("prometheus");
      assertThat(panel.path("targets")).as("targets of %s", title).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText())
            .as("target of %s", title)
            .isEqualTo(DATASOURCE_VARIABLE);
        assertThat(target.path("expr").asText()).as("expr of %s", title).isNotBlank();
        assertThat(refIds.add(target.path("refId").asText())).as("refIds of %s", title).isTrue();
      }
    }
  }

  @Test
  void templateVariablesOfferDatasourceAccountRegionAndService() {
    Map<String, JsonNode> variables = new TreeMap<>();
    for (JsonNode v : dashboard.path("templating").path("list")) {
      assertThat(variables.put(v.path("name").asText(), v))
          .as("duplicate variable %s", v.path("name"))
          .isNull();
    }
    assertThat(variables).containsKeys("datasource", "account", "region", "service");

    JsonNode datasource = variables.get("datasource");
    assertThat(datasource.path("type").asText()).isEqualTo("datasource");
    assertThat(datasource.path("query").asText()).isEqualTo("prometheus");

    for (String name : List.of("account", "region", "service")) {
      JsonNode v = variables.get(name);
      assertThat(v.path("type").asText()).as(name).isEqualTo("query");
      assertThat(v.path("datasource").path("uid").asText()).as(name).isEqualTo(DATASOURCE_VARIABLE);
      assertThat(v.path("multi").asBoolean()).as("%s is multi-value", name).isTrue();
      assertThat(v.path("includeAll").asBoolean()).as("%s offers All", name).isTrue();
      assertThat(variableQuery(v)).as(name).startsWith("label_values(" + LimitsTextfile.LIMIT);
    }
    assertThat(variableQuery(variables.get("account")))
        .matches("label_values\\(\\S+, ?account_(name|id)\\)");
    assertThat(variableQuery(variables.get("region"))).endsWith(", region)");
    assertThat(variableQuery(variables.get("service"))).endsWith(", service)");
  }

  @Test
  void everyQueryAsksOnlyForSeriesQuotaCliOrTheTextfileCollectorExport() {
    List<String> exprs = new ArrayList<>();
    panels().forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (v.path("type").asText().equals("query")) {
        exprs.add(variableQuery(v));
      }
    }
    Set<String> used = new TreeSet<>();
    for (String expr : exprs) {
      Set<String> names = metricNames(expr);
      assertThat(names).as("metrics of %s", expr).isNotEmpty();
      assertThat(names).as("metrics of %s", expr).allMatch(GrafanaDashboardTest::isExported);
      used.addAll(names);
    }
    assertThat(used)
        .contains(
            UsageTextfile.PERCENT,
            UsageTextfile.USAGE,
            LimitsTextfile.LIMIT,
            SelfMetrics.LAST_SUCCESS,
            SelfMetrics.TARGET_LAST_SUCCESS,
            SelfMetrics.TARGET_FAILED,
            SelfMetrics.DURATION,
            SelfMetrics.API_CALLS,
            SelfMetrics.API_THROTTLES,
            "quota_cli_target_degraded");
  }

  @Test
  void quotaPanelsAreFilteredByAccountRegionAndService() {
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        for (String metric : QUOTA_METRICS) {
          Matcher m = Pattern.compile("\\b" + metric + "\\{([^}]*)}").matcher(expr);
          boolean any = false;
          while (m.find()) {
            any = true;
            assertThat(m.group(1))
                .as("%s in %s", metric, panel.path("title"))
                .contains(
                    "account_name=~\"$account\"", "region=~\"$region\"", "service=~\"$service\"");
          }
          assertThat(any || !Pattern.compile("\\b" + metric + "\\b").matcher(expr).find())
              .as("%s without a selector in %s", metric, panel.path("title"))
              .isTrue();
        }
      }
    }
  }

  @Test
  void theStaleTargetsTableShowsTheAgeOfTargetsPastTwiceTheirSchedule() {
    List<JsonNode> stale =
        panels().stream().filter(p -> p.path("title").asText().equals("Stale targets")).toList();
    assertThat(stale).hasSize(1);
    JsonNode table = stale.get(0);
    assertThat(table.path("type").asText()).isEqualTo("table");
    assertThat(table.path("targets")).hasSize(1);
    JsonNode target = table.path("targets").path(0);
    assertThat(target.path("instant").asBoolean()).isTrue();
    assertThat(target.path("format").asText()).isEqualTo("table");
    String expr = target.path("expr").asText();
    assertThat(metricNames(expr)).containsExactly(SelfMetrics.TARGET_LAST_SUCCESS);
    String filter = "account_name=~\"$account\",region=~\"$region\",service=~\"$service\"";
    assertThat(expr)
        .contains(
            "time() - " + SelfMetrics.TARGET_LAST_SUCCESS + "{subcommand=\"usage\"," + filter,
            "} > 2 * 3600",
            "{subcommand=~\"limits|discover-regions\"," + filter,
            "} > 2 * 86400");
    assertThat(table.path("fieldConfig").path("defaults").path("unit").asText())
        .isEqualTo("dtdurations");
    JsonNode sortBy = table.path("options").path("sortBy").path(0);
    assertThat(sortBy.path("displayName").asText()).isEqualTo("Age");
    assertThat(sortBy.path("desc").asBoolean()).isTrue();
    assertThat(table.path("transformations").findValues("renameByName"))
        .anySatisfy(rename -> assertThat(rename.path("Value").asText()).isEqualTo("Age"));
  }

  @Test
  void theCostRowShowsSpendForecastTagsRunRateAndSavings() {
    List<JsonNode> top = new ArrayList<>();
    dashboard.path("panels").forEach(top::add);
    int row = -1;
    for (int i = 0; i < top.size(); i++) {
      if (top.get(i).path("type").asText().equals("row")
          && top.get(i).path("title").asText().equals("Cost")) {
        row = i;
      }
    }
    assertThat(row).as("a row titled Cost").isNotNegative();
    List<JsonNode> cost = new ArrayList<>();
    top.get(row).path("panels").forEach(cost::add);
    for (int i = row + 1; i < top.size() && !top.get(i).path("type").asText().equals("row"); i++) {
      cost.add(top.get(i));
    }
    Map<String, Set<String>> metricsByTitle = new TreeMap<>();
    for (JsonNode panel : cost) {
      Set<String> names = new TreeSet<>();
      panel.path("targets").forEach(t -> names.addAll(metricNames(t.path("expr").asText())));
      metricsByTitle.put(panel.path("title").asText(), names);
      assertThat(panel.toString()).as("unit of %s", panel.path("title")).contains("currencyUSD");
    }
    assertThat(metricsByTitle)
        .containsEntry("Month-to-date spend by account", Set.of(CostTextfile.MTD))
        .containsEntry("Month-to-date spend by account and service", Set.of(CostTextfile.MTD))
        .containsEntry(
            "Forecast against month to date",
            Set.of(CostTextfile.MTD, CostTextfile.FORECAST, CostTextfile.ORG_FORECAST))
        .containsEntry("Top tag values (month to date)", Set.of(CostTextfile.BY_TAG))
        .containsEntry("Run-rate by account and region", Set.of(CostTextfile.RUN_RATE))
        .containsEntry("Rightsizing savings a month", Set.of(CostTextfile.SAVINGS));
  }

  @Test
  void noQueryComparesLimitApplied() {
    List<String> exprs = new ArrayList<>();
    panels().forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    for (JsonNode v : dashboard.path("templating").path("list")) {
      exprs.add(variableQuery(v));
    }
    assertThat(exprs).noneMatch(GrafanaDashboardTest::comparesLimitApplied);
  }

  @Test
  void theTopQuotasTableIsSortedByUsagePercentHighestFirst() {
    JsonNode table = null;
    for (JsonNode panel : panels()) {
      if (panel.path("type").asText().equals("table")
          && panel.path("targets").path(0).path("expr").asText().startsWith("topk(")
          && panel.path("targets").path(0).path("expr").asText().contains(UsageTextfile.PERCENT)) {
        table = panel;
      }
    }
    assertThat(table).as("a table of topk(..., %s)", UsageTextfile.PERCENT).isNotNull();
    assertThat(table.path("targets").path(0).path("instant").asBoolean()).isTrue();
    JsonNode sortBy = table.path("options").path("sortBy").path(0);
    assertThat(sortBy.path("desc").asBoolean()).isTrue();
    String column = sortBy.path("displayName").asText();
    assertThat(table.path("transformations").findValues("renameByName"))
        .anySatisfy(rename -> assertThat(rename.path("Value #A").asText()).isEqualTo(column));
  }

  @Test
  void panelsSitOnTheGridWithoutOverlapping() {
    List<int[]> boxes = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : panels()) {
      JsonNode g = panel.path("gridPos");
      String title = panel.path("title").asText();
      for (String k : List.of("x", "y", "w", "h")) {
        assertThat(g.path(k).isInt()).as("gridPos.%s of %s", k, title).isTrue();
      }
      int x = g.path("x").asInt();
      int y = g.path("y").asInt();
      int w = g.path("w").asInt();
      int h = g.path("h").asInt();
      assertThat(x).as(title).isGreaterThanOrEqualTo(0);
      assertThat(y).as(title).isGreaterThanOrEqualTo(0);
      assertThat(w).as(title).isPositive();
      assertThat(h).as(title).isPositive();
      assertThat(x + w).as("right edge of %s", title).isLessThanOrEqualTo(24);
      for (int i = 0; i < boxes.size(); i++) {
        int[] o = boxes.get(i);
        boolean overlap = x < o[0] + o[2] && o[0] < x + w && y < o[1] + o[3] && o[1] < y + h;
        assertThat(overlap).as("%s overlaps %s", title, titles.get(i)).isFalse();
      }
      boxes.add(new int[] {x, y, w, h});
      titles.add(title);
    }
  }

  // --- shared with AlertRulesIT

  /** Every panel, including those nested in collapsed rows. */
  static List<JsonNode> panels() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      out.add(panel);
      panel.path("panels").forEach(out::add);
    }
    return out;
  }

  /** The PromQL of the dashboard's panels, for AlertRulesIT to parse with promtool. */
  static List<String> dashboardExprs() throws IOException {
    if (dashboard == null) {
      parse();
    }
    List<String> exprs = new ArrayList<>();
    panels().forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    return exprs;
  }

  private static String variableQuery(JsonNode variable) {
    JsonNode q = variable.path("query");
    return q.isObject() ? q.path("query").asText() : q.asText();
  }

  /**
   * Whether quota-cli writes the series (a metric-name constant of the output classes, or one of
   * the pending names below) or it is node_exporter's textfile collector.
   */
  static boolean isExported(String metric) {
    return metric.startsWith("node_textfile_") || exportedMetrics().contains(metric);
  }

  /**
   * The metric names quota-cli writes: every metric-name constant of {@link LimitsTextfile}, {@link
   * UsageTextfile}, {@link SelfMetrics} and {@link CostTextfile}, read by reflection so that a new
   * metric needs no change here, plus the series announced for target degradation and a stale
   * account source.
   */
  static Set<String> exportedMetrics() {
    Set<String> names =
        new TreeSet<>(Set.of("quota_cli_target_degraded", "quota_cli_account_source_stale"));
    for (Class<?> c :
        List.of(LimitsTextfile.class, UsageTextfile.class, SelfMetrics.class, CostTextfile.class)) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          try {
            f.setAccessible(true);
            String value = (String) f.get(null);
            if (value != null && value.matches("(cloud|quota_cli)_[a-z0-9_]+")) {
              names.add(value);
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    assertThat(names)
        .as("metric names read from the output classes")
        .contains(LimitsTextfile.LIMIT, UsageTextfile.PERCENT, SelfMetrics.LAST_SUCCESS);
    return names;
  }

  private static final Pattern LIMIT_APPLIED_COMPARED =
      Pattern.compile(
          "\\b"
              + LimitsTextfile.APPLIED
              + "\\b(\\{[^}]*})?\\s*(==|!=|[<>]=?)"
              + "|(==|!=|[<>]=?)\\s*(bool\\s+)?"
              + LimitsTextfile.APPLIED
              + "\\b");

  /**
   * Whether a query compares {@code cloud_service_quota_limit_applied} with a value: the series is
   * present (1) only where an applied value differs from the AWS default and absent where the limit
   * is the default, so {@code == 0} finds nothing; ask {@code limit unless limit_applied} instead.
   */
  static boolean comparesLimitApplied(String expr) {
    return LIMIT_APPLIED_COMPARED.matcher(expr).find();
  }

  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "atan2");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

  /**
   * The metric names a PromQL expression (or a Grafana label_values() query) selects: identifiers
   * that are not functions, keywords, label names, strings, durations or Grafana variables.
   */
  static Set<String> metricNames(String expr) {
    String s =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
            .replaceAll("`[^`]*`", "``")
            .replaceAll("\\{[^}]*}", "{}")
            .replaceAll("\\[[^\\]]*]", "[]")
            .replaceAll("\\$\\{[^}]*}|\\$\\w+", " 0 ")
            .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\boffset\\s+-?[0-9a-z]+", " ");
    // label_values(metric, label): only the first argument is a metric.
    s = s.replaceAll("\\blabel_values\\s*\\(([^,()]*),[^)]*\\)", "label_values($1)");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String word = m.group();
      int before = m.start() - 1;
      if (before >= 0 && (Character.isDigit(s.charAt(before)) || s.charAt(before) == '.')) {
        continue; // 1e3, 2h
      }
      int after = m.end();
      while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
        after++;
      }
      boolean function = after < s.length() && s.charAt(after) == '(';
      if (!function && !PROMQL_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
        names.add(word);
      }
    }
    return names;
  }

  @Test
  void metricNamesFindsSelectorsOnly() {
    assertThat(
            metricNames(
                "sort_desc(max by (account_name, region) (cloud_quota_usage_percent{region=~\"$region\"} >= 80))"))
        .containsExactly("cloud_quota_usage_percent");
    assertThat(
            metricNames(
                "cloud_service_quota_usage{a=\"b\"} and on(account_id, quota_code) topk($topn, x_total[5m] offset 1h)"))
        .containsExactly("cloud_service_quota_usage", "x_total");
    assertThat(
            metricNames(
                "time() - node_textfile_mtime_seconds{file=~\".*/aws_quota_.*\\\\.prom\"} > 2 * 3600 or vector(0)"))
        .containsExactly("node_textfile_mtime_seconds");
    assertThat(
            metricNames(
                "label_values(cloud_service_quota_limit{account_name=~\"$account\"}, region)"))
        .containsExactly("cloud_service_quota_limit");
    assertThat(metricNames("sum without (status) (a) / ignoring(x) group_left(y) b"))
        .containsExactly("a", "b");
    assertThat(isExported("cloud_quota_usage_percent")).isTrue();
    assertThat(isExported("node_textfile_mtime_seconds")).isTrue();
    assertThat(isExported("aws_quota_usage_percent")).isFalse();
    assertThat(comparesLimitApplied("cloud_service_quota_limit_applied{service=\"ec2\"} == 0"))
        .isTrue();
    assertThat(comparesLimitApplied("count(0 == bool cloud_service_quota_limit_applied)")).isTrue();
    assertThat(
            comparesLimitApplied(
                "cloud_service_quota_limit > 100 unless cloud_service_quota_limit_applied"))
        .isFalse();
  }
}
