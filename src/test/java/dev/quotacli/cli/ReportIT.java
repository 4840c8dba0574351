package dev.quotacli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.cost.CostLine;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.Processes;
import dev.quotacli.testing.SampleCaches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quota-cli report} over a cache directory written through the cache classes, loaded from
 * disk in a real browser (headless Chromium, Debian's {@code chromium}): the numbers the rendered
 * page shows equal the caches', the filter script runs, and the page makes no network request.
 * Fails (never skips) when Chromium is missing.
 */
class ReportIT {
  private static final Pattern ROW =
      Pattern.compile("<tr data-key=\"([^\"]+)\"( hidden=\"\")?>(.*?)</tr>", Pattern.DOTALL);
  private static Path chromium;

  @TempDir Path tmp;
  private Path cache;
  private Path report;

  @BeforeAll
  static void findChromium() {
    chromium = Processes.require("QUOTA_CLI_TEST_CHROMIUM", "/usr/bin/chromium", "chromium");
  }

  @BeforeEach
  void writeReport() throws IOException {
    cache = tmp.resolve("cache");
    SampleCaches.write(cache, Instant.now());
    report = tmp.resolve("out/quota-report.html");
    Files.createDirectories(report.getParent());
    CliRun run =
        Cli.run(Map.of(), "report", "--cache-dir", cache.toString(), "--output", report.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void theRenderedPageShowsTheCachedLimitsUsageAndPercents() throws Exception {
    String dom = browse(report.toUri().toString(), null).dom();

    Map<String, String[]> accountRows = rows(section(dom, "accounts"));
    Map<String, double[]> cached = cachedQuotas();
    assertThat(accountRows.keySet()).containsExactlyInAnyOrderElementsOf(cached.keySet());
    cached.forEach(
        (key, v) -> {
          String[] shown = accountRows.get(key);
          assertThat(shown[1]).as(key + " limit").isEqualTo(number(v[0]));
          if (Double.isNaN(v[1])) {
            assertThat(shown[0]).as(key + " usage").isEqualTo("unknown");
            assertThat(shown[2]).as(key + " percent").isEqualTo("unknown");
          } else {
            assertThat(shown[0]).as(key + " usage").isEqualTo(number(v[1]));
            assertThat(shown[2])
                .as(key + " percent")
                .isEqualTo(String.format(Locale.ROOT, "%.1f %%", v[1] / v[0] * 100));
          }
        });
    List<String> top = new ArrayList<>(rows(section(dom, "top")).keySet());
    assertThat(top).hasSize(7).first().isEqualTo(SampleCaches.PROD + "/us-east-1/ec2/L-1216C47A");
    assertThat(dom).contains("<p id=\"filter-box\">"); // the script ran and showed the box
  }

  @Test
  void theRenderedPageShowsTheCachedMonthToDateSpendPerAccount() throws Exception {
    String dom = browse(report.toUri().toString(), null).dom();

    Map<String, Double> spend = new TreeMap<>();
    CostCache.Part mtd =
        new CostCache(cache, Duration.ofDays(1), Clock.systemUTC())
            .read(SampleCaches.PROD)
            .parts()
            .get("month_to_date");
    for (CostLine l : mtd.lines()) {
      spend.merge(l.accountId(), l.amount(), Double::sum);
    }
    assertThat(spend).hasSize(3);
    spend.forEach(
        (account, amount) -> {
          Matcher m =
              Pattern.compile(
                      "<tr data-account=\"" + account + "\">.*?<td class=\"num mtd\">([^<]*)</td>",
                      Pattern.DOTALL)
                  .matcher(dom);
          assertThat(m.find()).as(account).isTrue();
          assertThat(m.group(1)).isEqualTo(String.format(Locale.ROOT, "%,.2f USD", amount));
        });
    assertThat(dom).contains("<svg class=\"chart\" id=\"chart-accounts\"");
  }

  @Test
  void aNameWithHtmlInItIsShownAsTextNotMarkup() throws Exception {
    String dom = browse(report.toUri().toString(), null).dom();

    assertThat(dom).contains("R&amp;D \"lab\" &lt;eu&gt;").doesNotContain("<eu>");
  }

  @Test
  void theFilterInTheAddressHidesTheRowsThatDoNotMatch() throws Exception {
    String dom = browse(report.toUri() + "?filter=route53", null).dom();

    Matcher m = ROW.matcher(section(dom, "accounts"));
    int shown = 0;
    int hidden = 0;
    while (m.find()) {
      if (m.group(2) == null) {
        shown++;
        assertThat(m.group(1)).contains("/route53/");
      } else {
        hidden++;
      }
    }
    assertThat(shown).isEqualTo(1);
    assertThat(hidden).isEqualTo(8);
    assertThat(dom).contains("1 of 9 quotas match");
  }

  @Test
  void thePageMakesNoNetworkRequest() throws Exception {
    Browsed page = browse(report.toUri().toString(), tmp.resolve("netlog.json"));
    assertThat(pageRequests(page.netlog())).isEmpty();

    // The check itself sees a page's requests: a page that asks another host is caught.
    Path control = tmp.resolve("control.html");
    Files.writeString(
        control,
        "<!DOCTYPE html><html><body><img src=\"https://img.invalid/x.png\"></body></html>");
    Browsed asking = browse(control.toUri().toString(), tmp.resolve("netlog-control.json"));
    assertThat(pageRequests(asking.netlog())).containsExactly("https://img.invalid/x.png");
  }

  @Test
  void aScreenshotRenders() throws Exception {
    Path png = tmp.resolve("report.png");
    run(
        List.of(
            "--screenshot=" + png,
            "--window-size=1280,2000",
            "--hide-scrollbars",
            report.toUri().toString()));

    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(20_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  private record Browsed(String dom, Path netlog) {}

  /** The DOM after the page's scripts ran; with a net log of every request when asked. */
  private Browsed browse(String url, Path netlog) throws Exception {
    List<String> args = new ArrayList<>();
    if (netlog != null) {
      args.add("--log-net-log=" + netlog);
    }
    args.add("--dump-dom");
    args.add(url);
    return new Browsed(run(args), netlog);
  }

  /** Runs Chromium headless, offline (every host name fails to resolve); returns its stdout. */
  private String run(List<String> extra) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + tmp.resolve("chromium-profile")));
    command.addAll(extra);
    Path out = Files.createTempFile(tmp, "chromium", ".out");
    Path err = Files.createTempFile(tmp, "chromium", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(err));
    }
    assertThat(p.exitValue()).as("chromium: " + Files.readString(err)).isZero();
    return Files.readString(out);
  }

  /**
   * The URLs the page itself asked for: requests whose network isolation key is the file's (the
   * browser's own background requests, off here anyway, have another or none).
   */
  private static List<String> pageRequests(Path netlog) throws IOException {
    JsonNode log = new ObjectMapper().readTree(netlog.toFile());
    int startJob =
        log.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB").asInt(-1);
    assertThat(startJob).isPositive();
    List<String> urls = new ArrayList<>();
    for (JsonNode e : log.path("events")) {
      JsonNode params = e.path("params");
      if (e.path("type").asInt() == startJob
          && params.has("url")
          && params.path("network_isolation_key").asText().contains("file://")) {
        urls.add(params.path("url").asText());
      }
    }
    return urls;
  }

  /** Each quota of the cache: {limit, usage or NaN} by account/region/service/code. */
  private Map<String, double[]> cachedQuotas() throws IOException {
    Clock clock = Clock.systemUTC();
    LimitCache limits = new LimitCache(cache, Duration.ofDays(3650), clock);
    UsageCache usage = new UsageCache(cache, Duration.ofDays(3650), clock);
    Map<String, double[]> out = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(cache)) {
      files =
          walk.filter(p -> cache.relativize(p).getNameCount() == 3)
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(p -> !p.getFileName().toString().endsWith(".usage.json"))
              .filter(p -> cache.relativize(p).getName(0).toString().matches("\\d{12}"))
              .toList();
    }
    for (Path f : files) {
      String account = cache.relativize(f).getName(0).toString();
      Region region = new Region(cache.relativize(f).getName(1).toString());
      String service = f.getFileName().toString().replace(".json", "");
      Lookup<LimitCache.Entry> l = limits.read(account, region, service);
      Map<String, Double> used = new TreeMap<>();
      if (usage.read(account, region, service) instanceof Lookup.Fresh<UsageCache.Entry> u) {
        for (QuotaUsage q : u.data().usage()) {
          used.put(q.code(), q.value());
        }
      }
      for (QuotaLimit q : ((Lookup.Fresh<LimitCache.Entry>) l).data().quotas()) {
        out.put(
            account + "/" + region + "/" + service + "/" + q.code(),
            new double[] {q.value(), used.getOrDefault(q.code(), Double.NaN)});
      }
    }
    assertThat(out).hasSize(9);
    return out;
  }

  /** Usage, limit and percent text of each data-key row, by account/region/service/code. */
  static Map<String, String[]> rows(String html) {
    Map<String, String[]> out = new LinkedHashMap<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      String cells = m.group(3);
      out.put(
          m.group(1),
          new String[] {
            cell(cells, "<td class=\"num usage\">([^<]*)<"),
            cell(cells, "<td class=\"num limit\">([^<]*)<"),
            cell(cells, "<span class=\"percent level-[a-z]+\">([^<]*)<")
          });
    }
    return out;
  }

  private static String cell(String row, String regex) {
    Matcher m = Pattern.compile(regex).matcher(row);
    assertThat(m.find()).as(regex + " in " + row).isTrue();
    return m.group(1);
  }

  static String section(String dom, String id) {
    int start = dom.indexOf("<section id=\"" + id + "\"");
    assertThat(start).as("section " + id).isNotNegative();
    int end = dom.indexOf("<section id=\"", start + 1);
    return end < 0 ? dom.substring(start) : dom.substring(start, end);
  }

  static String number(double v) {
    DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(java.math.RoundingMode.HALF_UP);
    return f.format(v);
  }
}
