package dev.quotacli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS organization as Cost Explorer knows it, for {@link CostExplorerStub#emulating}: a
 * management account and its members, each with month-to-date and last-day spend by service, spend
 * by tag value, a month-end forecast and rightsizing recommendations. It answers Cost Explorer's
 * JSON requests as Cost Explorer does: the management account sees every account, a member only
 * itself; GetCostAndUsage grouped by SERVICE and LINKED_ACCOUNT or by TAG and SERVICE, paged by
 * {@link #pageSize} groups; GetCostForecast unfiltered (everything the caller sees) or filtered to
 * one LINKED_ACCOUNT; GetRightsizingRecommendation paged. Who asks is read from the request's SigV4
 * access key id, {@code AKIA<12-digit account>...} ({@link #accessKeyId}). Amounts are decimals
 * with at most two places, so sums are exact in tests. Immutable once built.
 */
public final class EmulatedOrganization {
  public static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
  public static final String S3 = "Amazon Simple Storage Service";
  public static final String RDS = "Amazon Relational Database Service";
  public static final String LAMBDA = "AWS Lambda";
  public static final List<String> SERVICES = List.of(EC2, S3, RDS, LAMBDA);
  public static final List<String> TAG_KEYS = List.of("Team", "Project");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=AKIA(\\d{12})");

  /**
   * One account's figures.
   *
   * @param mtd month-to-date spend by service
   * @param lastDay last-day spend by service
   * @param tags tag key -> value ("" for untagged) -> service -> month-to-date spend
   * @param forecast mean, lower, upper of the month-end forecast
   * @param rightsizing (type, monthly savings) per recommendation
   */
  public record Figures(
      Map<String, BigDecimal> mtd,
      Map<String, BigDecimal> lastDay,
      Map<String, Map<String, Map<String, BigDecimal>>> tags,
      BigDecimal[] forecast,
      List<String[]> rightsizing) {}

  private final String management;
  private final Map<String, Figures> accounts = new LinkedHashMap<>();
  private final LocalDate today;
  private final int pageSize;

  /**
   * @param management the management account
   * @param members how many member accounts (ids {@code 700000000001}..)
   * @param today the UTC date the month to date ends on
   * @param pageSize groups (or recommendations) per page
   */
  public EmulatedOrganization(String management, int members, LocalDate today, int pageSize) {
    this.management = management;
    this.today = today;
    this.pageSize = pageSize;
    accounts.put(management, figures(0));
    for (int i = 1; i <= members; i++) {
      accounts.put(member(i), figures(i));
    }
  }

  /** The id of the i-th member (1-based). */
  public static String member(int i) {
    return String.format("7%011d", i);
  }

  /** The access key id the emulation takes for the account: {@code AKIA<id>CEQC}. */
  public static String accessKeyId(String accountId) {
    return "AKIA" + accountId + "CEQC";
  }

  /** Deterministic, varied figures: member i spends about i * 10 on EC2 and less elsewhere. */
  private static Figures figures(int i) {
    Map<String, BigDecimal> mtd = new TreeMap<>();
    Map<String, BigDecimal> day = new TreeMap<>();
    for (int s = 0; s < SERVICES.size(); s++) {
      // Prime-ish factors so that the ranking by spend is not the id order.
      long cents = ((i * 7919L + s * 104729L) % 50_000) + 100 * (SERVICES.size() - s);
      mtd.put(SERVICES.get(s), cents(cents));
      day.put(SERVICES.get(s), cents(cents / 14 + 1));
    }
    Map<String, Map<String, Map<String, BigDecimal>>> tags = new TreeMap<>();
    // Team: 12 values over the organization (beyond --tag-top 10); S3 and Lambda untagged.
    tags.put(
        "Team",
        Map.of(
            "team-" + (i % 12),
            Map.of(EC2, mtd.get(EC2), RDS, mtd.get(RDS)),
            "",
            Map.of(S3, mtd.get(S3), LAMBDA, mtd.get(LAMBDA))));
    // Project: 3 values; Lambda untagged.
    tags.put(
        "Project",
        Map.of(
            "project-" + (i % 3),
            Map.of(EC2, mtd.get(EC2), S3, mtd.get(S3), RDS, mtd.get(RDS)),
            "",
            Map.of(LAMBDA, mtd.get(LAMBDA))));
    BigDecimal total = mtd.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal mean = total.multiply(BigDecimal.valueOf(2));
    BigDecimal[] forecast = {
      mean, mean.subtract(total.divide(BigDecimal.TEN)), mean.add(total.divide(BigDecimal.TEN))
    };
    List<String[]> rightsizing = new ArrayList<>();
    if (i % 3 == 0) {
      rightsizing.add(new String[] {"Modify", cents(1000 + i).toPlainString()});
    }
    if (i % 4 == 1) {
      rightsizing.add(new String[] {"Terminate", cents(2500 + i).toPlainString()});
    }
    return new Figures(mtd, day, tags, forecast, rightsizing);
  }

  private static BigDecimal cents(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  public String management() {
    return management;
  }

  /** Every account, the management account first. */
  public Map<String, Figures> accounts() {
    return accounts;
  }

  /** The member accounts, in id order. */
  public List<String> members() {
    return accounts.keySet().stream().filter(a -> !a.equals(management)).toList();
  }

  /** The accounts-file entries of the members, each with its own static keys. */
  public String accountsFile() {
    StringBuilder b = new StringBuilder("accounts:\n");
    for (String id : members()) {
      b.append("  - account_id: \"")
          .append(id)
          .append("\"\n    account_name: member-")
          .append(id.substring(8))
          .append("\n    access_key_id: ")
          .append(accessKeyId(id))
          .append("\n    secret_access_key: emulated-secret\n");
    }
    return b.toString();
  }

  /** What an account sees: every account for the management account, else itself. */
  List<String> visibleTo(String caller) {
    return caller.equals(management) ? List.copyOf(accounts.keySet()) : List.of(caller);
  }

  // ------------------------------------------------------------ answers

  /** An answer: HTTP status and JSON body. */
  record Answer(int status, ObjectNode body) {}

  /**
   * Cost Explorer's answer to a JSON 1.1 request.
   *
   * @param operation from X-Amz-Target
   * @param authorization the Authorization header (SigV4)
   * @param body the request body
   */
  Answer answer(String operation, String authorization, String body) {
    Matcher m = CREDENTIAL.matcher(authorization == null ? "" : authorization);
    if (!m.find() || !accounts.containsKey(m.group(1))) {
      return error(403, "AccessDeniedException", "unknown caller: " + authorization);
    }
    String caller = m.group(1);
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (Exception e) {
      return error(400, "ValidationException", "not JSON");
    }
    return switch (operation) {
      case CostExplorerStub.GET_COST_AND_USAGE -> costAndUsage(caller, request);
      case CostExplorerStub.GET_COST_FORECAST -> forecast(caller, request);
      case CostExplorerStub.GET_RIGHTSIZING -> rightsizing(caller, request);
      default -> error(400, "UnknownOperationException", operation);
    };
  }

  private Answer costAndUsage(String caller, JsonNode request) {
    LocalDate start = LocalDate.parse(request.path("TimePeriod").path("Start").asText());
    LocalDate end = LocalDate.parse(request.path("TimePeriod").path("End").asText());
    boolean monthToDate = start.equals(today.withDayOfMonth(1)) && end.equals(today);
    boolean lastDay = start.equals(today.minusDays(1)) && end.equals(today);
    if (!monthToDate && !lastDay) {
      return error(400, "ValidationException", "no figures for " + start + ".." + end);
    }
    String metric = request.path("Metrics").path(0).asText();
    JsonNode groupBy = request.path("GroupBy");
    List<String[]> groups = new ArrayList<>(); // key1, key2, amount
    if ("TAG".equals(groupBy.path(0).path("Type").asText())) {
      if (!monthToDate) {
        return error(400, "ValidationException", "tags are month to date here");
      }
      String key = groupBy.path(0).path("Key").asText();
      Map<String, BigDecimal> sums = new TreeMap<>();
      for (String a : visibleTo(caller)) {
        accounts
            .get(a)
            .tags()
            .getOrDefault(key, Map.of())
            .forEach(
                (value, byService) ->
                    byService.forEach(
                        (service, usd) ->
                            sums.merge(
                                key + "$" + value + "\u0000" + service, usd, BigDecimal::add)));
      }
      sums.forEach(
          (k, usd) -> {
            String[] parts = k.split("\u0000");
            groups.add(new String[] {parts[0], parts[1], usd.toPlainString()});
          });
    } else {
      for (String a : visibleTo(caller)) {
        Figures f = accounts.get(a);
        (monthToDate ? f.mtd() : f.lastDay())
            .forEach((service, usd) -> groups.add(new String[] {service, a, usd.toPlainString()}));
      }
    }
    int from = offset(request);
    List<String[]> page = groups.subList(from, Math.min(groups.size(), from + pageSize));
    ObjectNode body = JSON.createObjectNode();
    ObjectNode r = body.putArray("ResultsByTime").addObject();
    r.putObject("TimePeriod").put("Start", start.toString()).put("End", end.toString());
    r.putObject("Total");
    ArrayNode array = r.putArray("Groups");
    for (String[] g : page) {
      ObjectNode group = array.addObject();
      group.putArray("Keys").add(g[0]).add(g[1]);
      group.putObject("Metrics").putObject(metric).put("Amount", g[2]).put("Unit", "USD");
    }
    r.put("Estimated", true);
    body.putArray("DimensionValueAttributes");
    body.putArray("GroupDefinitions");
    next(body, from, groups.size());
    return new Answer(200, body);
  }

  private Answer forecast(String caller, JsonNode request) {
    String filtered = request.path("Filter").path("Dimensions").path("Values").path(0).asText(null);
    List<String> of;
    if (filtered == null) {
      of = visibleTo(caller);
    } else if (visibleTo(caller).contains(filtered)) {
      of = List.of(filtered);
    } else {
      return error(400, "ValidationException", caller + " cannot see " + filtered);
    }
    BigDecimal[] sum = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    for (String a : of) {
      for (int i = 0; i < 3; i++) {
        sum[i] = sum[i].add(accounts.get(a).forecast()[i]);
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("Total").put("Amount", sum[0].toPlainString()).put("Unit", "USD");
    ObjectNode r = body.putArray("ForecastResultsByTime").addObject();
    r.putObject("TimePeriod")
        .put("Start", request.path("TimePeriod").path("Start").asText())
        .put("End", request.path("TimePeriod").path("End").asText());
    r.put("MeanValue", sum[0].toPlainString());
    if (request.has("PredictionIntervalLevel")) {
      r.put("PredictionIntervalLowerBound", sum[1].toPlainString())
          .put("PredictionIntervalUpperBound", sum[2].toPlainString());
    }
    return new Answer(200, body);
  }

  private Answer rightsizing(String caller, JsonNode request) {
    List<ObjectNode> all = new ArrayList<>();
    for (String a : visibleTo(caller)) {
      int n = 0;
      for (String[] rec : accounts.get(a).rightsizing()) {
        String instance = "i-" + a + String.format("%05d", n++);
        all.add(
            rec[0].equals("Modify")
                ? CostExplorerStub.modify(a, instance, rec[1])
                : CostExplorerStub.terminate(a, instance, rec[1]));
      }
    }
    int from = offset(request);
    ObjectNode body =
        CostExplorerStub.rightsizingPage(
            all.subList(from, Math.min(all.size(), from + pageSize)).toArray(ObjectNode[]::new));
    next(body, from, all.size());
    return new Answer(200, body);
  }

  private static int offset(JsonNode request) {
    String token = request.path("NextPageToken").asText("");
    return token.startsWith("offset-") ? Integer.parseInt(token.substring(7)) : 0;
  }

  private void next(ObjectNode body, int from, int size) {
    if (from + pageSize < size) {
      body.put("NextPageToken", "offset-" + (from + pageSize));
    }
  }

  private static Answer error(int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("Message", message);
    return new Answer(status, body);
  }

  // ------------------------------------------------------------ expected figures

  /** Month-to-date (or last-day) spend of the accounts, by account and service. */
  public Map<String, Map<String, BigDecimal>> spend(List<String> of, boolean monthToDate) {
    Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
    for (String a : of) {
      out.put(a, monthToDate ? accounts.get(a).mtd() : accounts.get(a).lastDay());
    }
    return out;
  }

  /** The accounts' total month-to-date spend. */
  public BigDecimal total(String account) {
    return accounts.get(account).mtd().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Tag spend of the accounts summed: key -> value ("" untagged) -> service -> spend. */
  public Map<String, Map<String, Map<String, BigDecimal>>> tags(List<String> of) {
    Map<String, Map<String, Map<String, BigDecimal>>> out = new TreeMap<>();
    for (String a : of) {
      accounts
          .get(a)
          .tags()
          .forEach(
              (key, byValue) ->
                  byValue.forEach(
                      (value, byService) ->
                          byService.forEach(
                              (service, usd) ->
                                  out.computeIfAbsent(key, k -> new TreeMap<>())
                                      .computeIfAbsent(value, v -> new TreeMap<>())
                                      .merge(service, usd, BigDecimal::add))));
    }
    return out;
  }

  /** The forecast (mean, lower, upper) of the accounts summed. */
  public BigDecimal[] forecast(List<String> of) {
    BigDecimal[] sum = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    for (String a : of) {
      for (int i = 0; i < 3; i++) {
        sum[i] = sum[i].add(accounts.get(a).forecast()[i]);
      }
    }
    return sum;
  }

  /** Rightsizing savings of the accounts: account -> MODIFY/TERMINATE -> monthly savings. */
  public Map<String, Map<String, BigDecimal>> savings(List<String> of) {
    Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
    for (String a : of) {
      for (String[] rec : accounts.get(a).rightsizing()) {
        out.computeIfAbsent(a, k -> new TreeMap<>())
            .merge(
                rec[0].toUpperCase(java.util.Locale.ROOT), new BigDecimal(rec[1]), BigDecimal::add);
      }
    }
    return out;
  }
}
