package dev.quotacli.report;

import dev.quotacli.cache.CacheInventory;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.output.StatusReport;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.UsagePercent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link ReportInputs} → {@link ReportModel}. Pure: the same inputs give the same model. */
public final class ReportBuilder {
  /**
   * @param now when the report is made
   * @param top how many quotas the fleet-wide list holds
   * @param limitTtl the limit TTL (older entries are named stale)
   * @param usageTtl the usage TTL
   * @param costTtl the cost TTL
   * @param cacheDir the cache directory, as given
   */
  public record Settings(
      Instant now,
      int top,
      Duration limitTtl,
      Duration usageTtl,
      Duration costTtl,
      String cacheDir) {
    public Settings {
      if (top < 1) {
        throw new IllegalArgumentException("--top must be at least 1");
      }
    }
  }

  static final double WARN = 75;
  static final double CRIT = 90;

  private ReportBuilder() {}

  public static ReportModel build(
      ReportInputs in, Settings settings, IncreaseRequests increaseRequests) {
    Instant now = settings.now();
    List<Problem> problems = new ArrayList<>();
    List<Row> rows = rows(in, increaseRequests);
    List<ReportModel.QuotaRow> top =
        rows.stream()
            .filter(r -> r.percent().isPresent())
            .sorted(
                Comparator.comparingDouble((Row r) -> -r.percent().getAsDouble())
                    .thenComparing(r -> r.view().accountId())
                    .thenComparing(r -> r.view().region())
                    .thenComparing(r -> r.view().service())
                    .thenComparing(r -> r.view().code()))
            .limit(settings.top())
            .map(Row::view)
            .toList();
    CostView cost = CostViewBuilder.build(in, settings, problems);
    List<ReportModel.AccountSection> accounts = accounts(in, rows, now, cost);
    ReportModel.Fleet fleet = fleet(in, rows, accounts.size(), now);
    problems.addAll(0, staleness(in, settings, fleet));
    return new ReportModel(
        Format.time(now),
        settings.cacheDir(),
        fleet,
        settings.top(),
        top,
        accounts,
        rows.stream().anyMatch(r -> r.view().increaseRequest() != null),
        cost,
        problems.stream().map(p -> new ReportModel.Problem(p.what(), p.detail())).toList());
  }

  /** A problem before it is placed. */
  record Problem(String what, String detail) {}

  /** A quota row with its percent, for sorting. */
  private record Row(ReportModel.QuotaRow view, OptionalDouble percent) {}

  private static List<Row> rows(ReportInputs in, IncreaseRequests increaseRequests) {
    Map<String, Map<String, QuotaUsage>> usage = new HashMap<>();
    for (ReportInputs.UsageTarget u : in.usage()) {
      Map<String, QuotaUsage> byCode = new HashMap<>();
      u.usage().forEach(q -> byCode.put(q.code(), q));
      usage.put(key(u.accountId(), u.region().name(), u.service()), byCode);
    }
    List<Row> rows = new ArrayList<>();
    for (CachedLimits.Target t : in.limits().targets()) {
      Map<String, QuotaUsage> used =
          usage.getOrDefault(key(t.accountId(), t.region().name(), t.service()), Map.of());
      for (QuotaLimit q : t.quotas()) {
        QuotaUsage u = used.get(q.code());
        OptionalDouble p =
            u == null ? OptionalDouble.empty() : UsagePercent.of(u.value(), q.value());
        double pct = p.orElse(0);
        String level = p.isEmpty() ? "unknown" : pct >= CRIT ? "crit" : pct >= WARN ? "warn" : "ok";
        String source =
            q.source() == LimitSource.DEFAULT
                ? "default"
                : q.atDefault() ? "applied (= default)" : "applied";
        rows.add(
            new Row(
                new ReportModel.QuotaRow(
                    t.accountId(),
                    in.names().getOrDefault(t.accountId(), ""),
                    t.region().name(),
                    t.service(),
                    q.code(),
                    q.name() == null ? q.code() : q.name(),
                    u == null ? Format.UNKNOWN : Format.number(u.value()),
                    Format.number(q.value()),
                    p.isEmpty() ? Format.UNKNOWN : Format.percent(pct),
                    p.isPresent(),
                    Format.length(Math.min(100, pct)),
                    level,
                    source,
                    increaseRequests.open(t.accountId(), t.region().name(), t.service(), q.code())),
                p));
      }
    }
    return rows;
  }

  private static String key(String account, String region, String service) {
    return account + "/" + region + "/" + service;
  }

  private static List<ReportModel.AccountSection> accounts(
      ReportInputs in, List<Row> rows, Instant now, CostView cost) {
    TreeSet<String> ids = new TreeSet<>(in.names().keySet());
    in.status().caches().forEach(c -> ids.add(c.accountId()));
    Map<String, List<ReportModel.QuotaRow>> byAccount = new TreeMap<>();
    rows.forEach(
        r -> byAccount.computeIfAbsent(r.view().accountId(), k -> new ArrayList<>()).add(r.view()));
    ids.addAll(byAccount.keySet());
    Map<String, CacheInventory.AccountCache> caches = new HashMap<>();
    in.status().caches().forEach(c -> caches.put(c.accountId(), c));
    Map<String, Double> highest = new HashMap<>();
    rows.forEach(
        r ->
            r.percent()
                .ifPresent(p -> highest.merge(r.view().accountId(), p, (a, b) -> Math.max(a, b))));
    Map<String, List<ReportModel.Amount>> spend = CostViewBuilder.byAccountAndService(in);
    List<ReportModel.AccountSection> out = new ArrayList<>();
    for (String id : ids) {
      List<ReportModel.QuotaRow> own = new ArrayList<>(byAccount.getOrDefault(id, List.of()));
      own.sort(
          Comparator.comparing(ReportModel.QuotaRow::service)
              .thenComparing(ReportModel.QuotaRow::region)
              .thenComparing(ReportModel.QuotaRow::code));
      CacheInventory.AccountCache c = caches.get(id);
      out.add(
          new ReportModel.AccountSection(
              id,
              in.names().getOrDefault(id, ""),
              own,
              highest.containsKey(id) ? Format.percent(highest.get(id)) : Format.UNKNOWN,
              c == null ? "none cached" : ages(c.limits(), now),
              c == null ? "none cached" : ages(c.usage(), now),
              spend.getOrDefault(id, List.of())));
    }
    return out;
  }

  private static String ages(CacheInventory.Ages a, Instant now) {
    String s = Format.span(a.oldest(), a.newest(), now);
    return a.corrupt() > 0 ? s + " (" + a.corrupt() + " unreadable)" : s;
  }

  private static ReportModel.Fleet fleet(
      ReportInputs in, List<Row> rows, int accounts, Instant now) {
    StatusReport status = in.status();
    List<ReportModel.Run> runs = new ArrayList<>();
    List<ReportModel.FailedTarget> failed = new ArrayList<>();
    status
        .runs()
        .forEach(
            (name, r) -> {
              runs.add(run(name, r, now));
              r.targets()
                  .forEach(
                      (target, at) -> {
                        if (at.isBefore(r.lastRun())) {
                          failed.add(
                              new ReportModel.FailedTarget(name, target, Format.ago(at, now)));
                        }
                      });
            });
    List<String> neverRun = new ArrayList<>();
    for (String sub : in.subcommands()) {
      boolean ran =
          status.runs().keySet().stream()
              .anyMatch(n -> n.equals(sub) || n.startsWith(sub + ".shard-"));
      if (!ran) {
        neverRun.add(sub);
      }
    }
    List<ReportModel.DegradedTarget> degraded =
        status.degraded().stream()
            .map(
                d ->
                    new ReportModel.DegradedTarget(
                        d.target(), Format.age(d.left()), Format.time(d.until())))
            .toList();
    Instant lo = null;
    Instant ln = null;
    Instant uo = null;
    Instant un = null;
    for (CacheInventory.AccountCache c : status.caches()) {
      lo = min(lo, c.limits().oldest());
      ln = max(ln, c.limits().newest());
      uo = min(uo, c.usage().oldest());
      un = max(un, c.usage().newest());
    }
    List<String> costRuns = new ArrayList<>();
    status.costRuns().forEach((name, c) -> costRuns.add(status.costLine(name, c).strip()));
    return new ReportModel.Fleet(
        accounts,
        in.limits().targets().size(),
        rows.size(),
        (int) rows.stream().filter(r -> r.percent().isPresent()).count(),
        failed,
        failed.size(),
        degraded,
        Format.span(lo, ln, now),
        Format.span(uo, un, now),
        in.namesFetchedAt() == null ? "not cached" : Format.ago(in.namesFetchedAt(), now),
        runs,
        neverRun,
        costRuns);
  }

  private static ReportModel.Run run(String name, RunStateStore.RunState r, Instant now) {
    return new ReportModel.Run(
        name,
        Format.time(r.lastRun()),
        Format.ago(r.lastRun(), now),
        Format.number(Math.round(r.durationSeconds() * 10) / 10.0) + " s",
        r.ok(),
        r.failed(),
        r.degraded(),
        Format.ago(r.lastSuccess(), now),
        r.failed() == 0);
  }

  private static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  /** Stale or missing limit, usage and run-state data, named per account. */
  private static List<Problem> staleness(
      ReportInputs in, Settings settings, ReportModel.Fleet fleet) {
    Instant now = settings.now();
    List<Problem> out = new ArrayList<>();
    for (String sub : fleet.neverRun()) {
      out.add(new Problem("run state", sub + " has no recorded run in this cache directory"));
    }
    Map<String, List<Instant>> staleLimits = new TreeMap<>();
    for (CachedLimits.Target t : in.limits().targets()) {
      if (t.stale()) {
        staleLimits.computeIfAbsent(t.accountId(), k -> new ArrayList<>()).add(t.fetchedAt());
      }
    }
    staleLimits.forEach(
        (id, ats) ->
            out.add(
                new Problem(
                    "limits",
                    id
                        + name(in, id)
                        + ": "
                        + ats.size()
                        + " target(s) older than "
                        + Format.age(settings.limitTtl())
                        + " (oldest "
                        + Format.ago(ats.stream().min(Instant::compareTo).get(), now)
                        + ")")));
    Map<String, ReportInputs.UsageTarget> usage = new HashMap<>();
    in.usage().forEach(u -> usage.put(key(u.accountId(), u.region().name(), u.service()), u));
    Map<String, int[]> usageGaps = new TreeMap<>(); // account -> {missing, stale}
    for (CachedLimits.Target t : in.limits().targets()) {
      ReportInputs.UsageTarget u = usage.get(key(t.accountId(), t.region().name(), t.service()));
      if (u == null) {
        usageGaps.computeIfAbsent(t.accountId(), k -> new int[2])[0]++;
      } else if (u.stale()) {
        usageGaps.computeIfAbsent(t.accountId(), k -> new int[2])[1]++;
      }
    }
    usageGaps.forEach(
        (id, n) -> {
          List<String> parts = new ArrayList<>();
          if (n[0] > 0) {
            parts.add(n[0] + " target(s) with limits have no usage cached");
          }
          if (n[1] > 0) {
            parts.add(n[1] + " older than " + Format.age(settings.usageTtl()));
          }
          out.add(new Problem("usage", id + name(in, id) + ": " + String.join("; ", parts)));
        });
    TreeSet<String> cached = new TreeSet<>();
    in.limits().targets().forEach(t -> cached.add(t.accountId()));
    for (String id : in.names().keySet()) {
      if (!cached.contains(id)) {
        out.add(new Problem("limits", id + name(in, id) + ": no limits cached"));
      }
    }
    in.limits().corrupt().forEach(c -> out.add(new Problem("limits", "unreadable: " + c)));
    in.usageCorrupt().forEach(c -> out.add(new Problem("usage", "unreadable: " + c)));
    if (in.namesFetchedAt() == null) {
      out.add(
          new Problem(
              "account list",
              "no cached account list: accounts are shown by id only (only a pass that reads"
                  + " the CMDB caches the list, with the names)"));
    }
    return out;
  }

  static String name(ReportInputs in, String id) {
    String n = in.names().get(id);
    return n == null || n.isEmpty() ? "" : " (" + n + ")";
  }
}
