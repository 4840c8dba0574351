package dev.quotacli.collect;

import dev.quotacli.cache.CostCache;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.CostPart;
import dev.quotacli.cost.CostPart.Kind;
import dev.quotacli.cost.CostPeriods;
import dev.quotacli.cost.CostPlan;
import dev.quotacli.cost.CostSnapshot;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.Period;
import dev.quotacli.cost.RequestBudget;
import dev.quotacli.cost.RightsizingResult;
import dev.quotacli.cost.RightsizingSaving;
import dev.quotacli.cost.TagCostLine;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cost Explorer side of a cost pass, over every scope at once. What a scope needs is split into
 * parts ({@link CostPart}): month to date and last day by account and service, the scope's forecast
 * (with a payer, the organization's) and with a payer each linked account's among the {@code
 * forecastTop} by spend, month to date by each tag key, rightsizing. A part fresh in the cost cache
 * and asked the same way costs nothing; the others are planned ({@link CostPlan}) before any
 * request is sent and bought under the request budget in the order they matter: every scope's spend
 * first, then the forecasts by descending spend, then tags and rightsizing, within each the oldest
 * answers first. Each answer is cached as soon as it arrives, so what the budget bought is kept and
 * exported when it runs out; what is not exported is returned as {@link Missing}, with why. Not
 * thread-safe; one per pass.
 */
public final class CostCollector {
  private static final Logger LOG = LoggerFactory.getLogger(CostCollector.class);

  /** Failures that end a scope's requests: its other parts would fail the same way. */
  private static final Set<FailureKind> SCOPE_WIDE =
      EnumSet.of(
          FailureKind.ACCESS_DENIED, FailureKind.INVALID_CREDENTIALS, FailureKind.NO_CREDENTIALS);

  /**
   * What to ask.
   *
   * @param metric the cost basis
   * @param tagKeys tag keys to group by
   * @param interval whether forecasts carry prediction-interval bounds
   * @param rightsizing whether to ask for rightsizing recommendations
   * @param forecastTop with a payer, how many linked accounts (by month-to-date spend) are forecast
   *     one by one
   */
  public record Request(
      CostMetric metric,
      List<String> tagKeys,
      boolean interval,
      boolean rightsizing,
      int forecastTop) {
    public Request {
      tagKeys = List.copyOf(tagKeys);
      if (forecastTop < 0) {
        throw new IllegalArgumentException("forecastTop must be >= 0: " + forecastTop);
      }
    }
  }

  /**
   * A Cost Explorer scope.
   *
   * @param accountId the account whose credentials ask
   * @param ce its Cost Explorer
   * @param guard its call guard (the request budget is added to it)
   * @param linkedAccounts with a payer, the accounts that may be forecast one by one; null for an
   *     account asked on its own
   */
  public record Scope(
      String accountId, CostExplorerSource ce, CallGuard guard, List<String> linkedAccounts) {
    public Scope {
      linkedAccounts = linkedAccounts == null ? null : List.copyOf(linkedAccounts);
    }

    /** An account on its own: its spend, forecast, tags and savings are its own. */
    public static Scope account(String accountId, CostExplorerSource ce, CallGuard guard) {
      return new Scope(accountId, ce, guard, null);
    }

    /** A payer: one answer covers every linked account. */
    public static Scope payer(
        String accountId, CostExplorerSource ce, CallGuard guard, List<String> linkedAccounts) {
      return new Scope(accountId, ce, guard, linkedAccounts);
    }

    public boolean isPayer() {
      return linkedAccounts != null;
    }
  }

  /**
   * A part the run wanted and does not export.
   *
   * @param part the part
   * @param kind {@link FailureKind#BUDGET} (not within the budget), {@link FailureKind#TIMEOUT}
   *     (the pass deadline came first), or why Cost Explorer failed
   * @param message one line
   */
  public record Missing(CostPart part, FailureKind kind, String message) {}

  /**
   * One scope's outcome.
   *
   * @param accountId the scope
   * @param snapshot what is exported of it
   * @param fetched parts asked now (the others came from the cache)
   * @param missing parts not exported
   * @param warnings things the operator should know (one line each)
   */
  public record ScopeResult(
      String accountId,
      CostSnapshot snapshot,
      int fetched,
      List<Missing> missing,
      List<String> warnings) {
    public ScopeResult {
      missing = List.copyOf(missing);
      warnings = List.copyOf(warnings);
    }

    public boolean complete() {
      return missing.isEmpty();
    }
  }

  /**
   * The run's outcome.
   *
   * @param scopes per scope, in the order given
   * @param requests Cost Explorer requests sent (each billed page)
   */
  public record Outcome(List<ScopeResult> scopes, int requests) {
    public Outcome {
      scopes = List.copyOf(scopes);
    }

    public List<Missing> missing() {
      return scopes.stream().flatMap(s -> s.missing().stream()).toList();
    }

    /** Missing parts by kind label, every kind present (0 where none is missing). */
    public Map<String, Integer> missingByKind() {
      Map<String, Integer> out = new TreeMap<>();
      for (Kind k : Kind.values()) {
        out.put(k.label(), 0);
      }
      missing().forEach(m -> out.merge(m.part().kind().label(), 1, Integer::sum));
      return out;
    }
  }

  private final CostCache cache;
  private final Clock clock;
  private final boolean force;
  private final BooleanSupplier pastDeadline;
  private final Consumer<String> planLog;

  /**
   * @param force ask again even where the cache is fresh (a fresh answer the budget does not renew
   *     is still exported)
   * @param pastDeadline true once the pass deadline is reached: no part is started after it
   * @param planLog where the plans are printed, one line each (the verbose channel)
   */
  public CostCollector(
      CostCache cache,
      Clock clock,
      boolean force,
      BooleanSupplier pastDeadline,
      Consumer<String> planLog) {
    this.cache = cache;
    this.clock = clock;
    this.force = force;
    this.pastDeadline = pastDeadline;
    this.planLog = planLog;
  }

  /** One scope's parts and what happened to them in this run. */
  private final class State {
    final Scope scope;
    final Map<String, CostCache.Part> parts;
    final Map<String, Integer> pages;
    final Set<String> fetchedNow = new HashSet<>();
    final Map<String, CostPart> wanted = new LinkedHashMap<>();
    final Map<String, Missing> missing = new LinkedHashMap<>();
    Missing scopeFailure;

    State(Scope scope) {
      this.scope = scope;
      CostCache.Entry entry = cache.read(scope.accountId());
      this.parts = new HashMap<>(entry.parts());
      this.pages = new HashMap<>(entry.pages());
    }

    CostPart part(Kind kind, String detail) {
      return new CostPart(scope.accountId(), kind, detail);
    }

    Optional<CostCache.Part> usable(CostPart part, String asked) {
      CostCache.Part p = parts.get(part.slot());
      if (p == null || !p.asked().equals(asked)) {
        return Optional.empty();
      }
      // With --force a fresh answer is asked again, and still exported if the budget says no.
      boolean ok = fetchedNow.contains(part.slot()) || cache.fresh(p);
      return ok ? Optional.of(p) : Optional.empty();
    }

    /**
     * The requests a part is expected to take: what it took the last time; a last day never asked
     * takes what the month to date took (the same grouping over the same accounts); else 1.
     */
    int estimate(CostPart part) {
      CostCache.Entry entry = new CostCache.Entry(parts, pages);
      String mtd = Kind.MONTH_TO_DATE.label();
      boolean never = !pages.containsKey(part.slot()) && !parts.containsKey(part.slot());
      boolean mtdKnown = pages.containsKey(mtd) || parts.containsKey(mtd);
      if (part.kind() == Kind.LAST_DAY && never && mtdKnown) {
        return entry.pagesOf(mtd);
      }
      return entry.pagesOf(part.slot());
    }

    /** The spend the scope's (or one linked account's) answers show, for the order; 0 if none. */
    double spend(String accountOrNull) {
      for (Kind k : List.of(Kind.MONTH_TO_DATE, Kind.LAST_DAY)) {
        CostCache.Part p = parts.get(k.label());
        if (p != null && !p.lines().isEmpty()) {
          return p.lines().stream()
              .filter(l -> accountOrNull == null || l.accountId().equals(accountOrNull))
              .mapToDouble(CostLine::amount)
              .sum();
        }
      }
      return 0;
    }

    void save() {
      try {
        cache.write(scope.accountId(), new CostCache.Entry(parts, pages));
      } catch (IOException e) {
        LOG.warn("cannot write cost cache {}: {}", cache.path(scope.accountId()), e.getMessage());
      }
    }
  }

  /** Plans, buys and assembles every scope's costs under the budget. */
  public Outcome collect(List<Scope> scopes, Request request, RequestBudget budget) {
    LocalDate today = CostPeriods.todayUtc(clock);
    Asked asked = new Asked(request, today);
    int before = budget.used();
    List<State> states = scopes.stream().map(State::new).toList();

    // 1. Organization-wide figures: every scope's spend.
    for (State s : states) {
      if (asked.monthToDate != null) {
        want(s, s.part(Kind.MONTH_TO_DATE, null));
      }
      want(s, s.part(Kind.LAST_DAY, null));
    }
    run("spend", states, Set.of(Kind.MONTH_TO_DATE, Kind.LAST_DAY), asked, budget);

    // 2. Forecasts, by the spend just fetched; 3. tags and rightsizing.
    for (State s : states) {
      wantRest(s, request, asked);
    }
    run(
        "forecasts, tags, rightsizing",
        states,
        Set.of(Kind.FORECAST, Kind.TAGS, Kind.RIGHTSIZING),
        asked,
        budget);

    List<ScopeResult> results = new ArrayList<>();
    for (State s : states) {
      results.add(result(s, asked));
    }
    return new Outcome(results, budget.used() - before);
  }

  /** Forecasts (a payer's linked accounts by their spend), tags and rightsizing. */
  private static void wantRest(State s, Request request, Asked asked) {
    want(s, s.part(Kind.FORECAST, null));
    if (s.scope.isPayer()) {
      s.scope.linkedAccounts().stream()
          .sorted(
              Comparator.comparingDouble((String a) -> s.spend(a))
                  .reversed()
                  .thenComparing(Comparator.naturalOrder()))
          .limit(request.forecastTop())
          .forEach(a -> want(s, s.part(Kind.FORECAST, a)));
    }
    if (asked.monthToDate != null) {
      request.tagKeys().forEach(k -> want(s, s.part(Kind.TAGS, k)));
    }
    if (request.rightsizing()) {
      want(s, s.part(Kind.RIGHTSIZING, null));
    }
  }

  private static void want(State s, CostPart part) {
    s.wanted.put(part.slot(), part);
  }

  /**
   * The plans a run would make, without a request: the spend first, then forecasts, tags and
   * rightsizing with what the spend plan leaves of the budget (forecasts ordered by the cached
   * spend, as no answer arrives in between). Reads the cost cache only; the scopes' Cost Explorer
   * and guard are not used (may be null).
   *
   * @param budget the requests the run may spend
   */
  public List<CostPlan> preview(List<Scope> scopes, Request request, int budget) {
    Asked asked = new Asked(request, CostPeriods.todayUtc(clock));
    List<State> states = scopes.stream().map(State::new).toList();
    for (State s : states) {
      if (asked.monthToDate != null) {
        want(s, s.part(Kind.MONTH_TO_DATE, null));
      }
      want(s, s.part(Kind.LAST_DAY, null));
    }
    Map<CostPart, State> owner = new HashMap<>();
    CostPlan spend =
        CostPlan.of(due(states, Set.of(Kind.MONTH_TO_DATE, Kind.LAST_DAY), asked, owner), budget);
    for (State s : states) {
      wantRest(s, request, asked);
    }
    CostPlan rest =
        CostPlan.of(
            due(states, Set.of(Kind.FORECAST, Kind.TAGS, Kind.RIGHTSIZING), asked, owner),
            budget - spend.requests());
    return List.of(spend, rest);
  }

  /** Plans the due parts of these kinds, prints the plan, buys it. */
  private void run(
      String title, List<State> states, Set<Kind> kinds, Asked asked, RequestBudget b) {
    Map<CostPart, State> owner = new HashMap<>();
    List<CostPlan.Candidate> due = due(states, kinds, asked, owner);
    if (due.isEmpty()) {
      planLog.accept("Cost Explorer plan (" + title + "): nothing due, every answer is cached");
      return;
    }
    CostPlan plan = CostPlan.of(due, b.remaining());
    plan.describe(title, clock.instant()).forEach(planLog);
    buy(plan, owner, asked, b);
  }

  /** The wanted parts of these kinds that are due (not fresh, or forced), with their owner. */
  private List<CostPlan.Candidate> due(
      List<State> states, Set<Kind> kinds, Asked asked, Map<CostPart, State> owner) {
    List<CostPlan.Candidate> due = new ArrayList<>();
    for (State s : states) {
      for (CostPart part : s.wanted.values()) {
        if (!kinds.contains(part.kind())
            || s.fetchedNow.contains(part.slot())
            || (!force && s.usable(part, asked.of(part)).isPresent())) {
          continue;
        }
        CostCache.Part cached = s.parts.get(part.slot());
        double spend = s.spend(part.kind() == Kind.FORECAST ? part.detail() : null);
        due.add(
            new CostPlan.Candidate(
                part, cached == null ? null : cached.fetchedAt(), spend, s.estimate(part)));
        owner.put(part, s);
      }
    }
    return due;
  }

  private void buy(CostPlan plan, Map<CostPart, State> owner, Asked asked, RequestBudget b) {
    for (CostPlan.Candidate c : plan.bought()) {
      State s = owner.get(c.part());
      if (s.scopeFailure != null) {
        s.missing.put(
            c.part().slot(),
            new Missing(c.part(), s.scopeFailure.kind(), s.scopeFailure.message()));
      } else if (pastDeadline.getAsBoolean()) {
        s.missing.put(
            c.part().slot(),
            new Missing(c.part(), FailureKind.TIMEOUT, "the pass deadline came before it"));
      } else if (s.estimate(c.part()) > b.remaining()) {
        // Estimated again: what this run's answers took so far says more than the last run's.
        s.missing.put(c.part().slot(), budgetSpent(c.part(), b));
      } else {
        fetch(s, c.part(), asked, b);
      }
    }
    for (CostPlan.Candidate c : plan.skipped()) {
      owner.get(c.part()).missing.put(c.part().slot(), budgetSpent(c.part(), b));
    }
  }

  private static Missing budgetSpent(CostPart part, RequestBudget b) {
    return new Missing(
        part,
        FailureKind.BUDGET,
        "not asked within the Cost Explorer request budget of " + b.limit());
  }

  /** Asks one part under the budget; caches the answer at once. */
  private void fetch(State s, CostPart part, Asked asked, RequestBudget budget) {
    int used = budget.used();
    int refused = budget.refused();
    CallGuard guard = new BudgetedCallGuard(s.scope.guard(), budget);
    Instant at = clock.instant();
    try {
      CostCache.Part answer = ask(s.scope, part, asked, guard, at);
      int pages = Math.max(1, budget.used() - used);
      s.parts.put(
          part.slot(),
          new CostCache.Part(
              answer.asked(),
              at,
              pages,
              answer.lines(),
              answer.tags(),
              answer.forecast(),
              answer.savings(),
              answer.rightsizingDisabled()));
      s.pages.put(part.slot(), pages);
      s.fetchedNow.add(part.slot());
    } catch (ApiException e) {
      if (budget.refused() > refused) {
        int made = budget.used() - used;
        s.pages.merge(part.slot(), made + 1, Math::max);
        s.missing.put(
            part.slot(),
            new Missing(
                part,
                FailureKind.BUDGET,
                "the Cost Explorer request budget of "
                    + budget.limit()
                    + " ran out after "
                    + made
                    + " of its pages"));
      } else {
        Missing m = new Missing(part, e.kind(), e.getMessage());
        s.missing.put(part.slot(), m);
        if (SCOPE_WIDE.contains(e.kind())) {
          s.scopeFailure = m;
        }
      }
    }
    s.save();
  }

  private static CostCache.Part ask(
      Scope scope, CostPart part, Asked asked, CallGuard guard, Instant at) {
    Request r = asked.request;
    String question = asked.of(part);
    return switch (part.kind()) {
      case MONTH_TO_DATE ->
          lines(
              question,
              at,
              scope.ce().costByAccountAndService(asked.monthToDate, r.metric(), guard));
      case LAST_DAY ->
          lines(question, at, scope.ce().costByAccountAndService(asked.lastDay, r.metric(), guard));
      case TAGS ->
          new CostCache.Part(
              question,
              at,
              1,
              List.of(),
              scope.ce().costByTagAndService(asked.monthToDate, r.metric(), part.detail(), guard),
              null,
              List.of(),
              null);
      case FORECAST -> {
        Forecast f = forecast(scope, part, asked, guard).orElse(null);
        yield new CostCache.Part(question, at, 1, List.of(), List.of(), f, List.of(), null);
      }
      case RIGHTSIZING -> {
        RightsizingResult rs = scope.ce().rightsizing(guard);
        yield new CostCache.Part(
            question, at, 1, List.of(), List.of(), null, rs.savings(), rs.disabledReason());
      }
    };
  }

  private static CostCache.Part lines(String question, Instant at, List<CostLine> lines) {
    return new CostCache.Part(question, at, 1, lines, List.of(), null, List.of(), null);
  }

  /**
   * A forecast, or empty where Cost Explorer has none (DataUnavailableException): an answer too.
   */
  private static Optional<Forecast> forecast(
      Scope scope, CostPart part, Asked asked, CallGuard guard) {
    try {
      Forecast f =
          scope
              .ce()
              .forecast(
                  asked.restOfMonth,
                  asked.request.metric(),
                  asked.request.interval(),
                  part.detail(),
                  guard);
      String account = part.detail() == null ? scope.accountId() : part.detail();
      return Optional.of(new Forecast(account, f.mean(), f.lower(), f.upper()));
    } catch (ApiException e) {
      if (e.kind() == FailureKind.NOT_FOUND) {
        LOG.info("no forecast for {}: {}", part.describe(), e.getMessage());
        return Optional.empty();
      }
      throw e;
    }
  }

  /** What is exported of a scope: its wanted parts that are fresh or were fetched now. */
  private ScopeResult result(State s, Asked asked) {
    Scope scope = s.scope;
    String id = scope.accountId();
    List<String> warnings = new ArrayList<>();
    List<CostLine> mtd = lines(s, Kind.MONTH_TO_DATE, asked);
    List<CostLine> lastDay = lines(s, Kind.LAST_DAY, asked);
    List<Forecast> forecasts = new ArrayList<>();
    Forecast organization = null;
    List<TagCostLine> byTag = new ArrayList<>();
    List<RightsizingSaving> savings = new ArrayList<>();
    String rightsizingDisabled = null;
    for (CostPart part : s.wanted.values()) {
      Optional<CostCache.Part> p = s.usable(part, asked.of(part));
      if (p.isEmpty()) {
        continue;
      }
      switch (part.kind()) {
        case FORECAST -> {
          Forecast f = p.get().forecast();
          if (f != null && part.detail() == null && scope.isPayer()) {
            organization = f;
          } else if (f != null) {
            forecasts.add(f);
          }
        }
        case TAGS -> byTag.addAll(p.get().tags());
        case RIGHTSIZING -> {
          savings.addAll(p.get().savings());
          rightsizingDisabled = p.get().rightsizingDisabled();
        }
        default -> {}
      }
    }
    if (!scope.isPayer()) {
      // An account on its own exports its own spend: a management account listed as one would
      // also answer for its members, who are their own scopes.
      Set<String> others = new TreeSet<>();
      mtd.stream().map(CostLine::accountId).filter(a -> !a.equals(id)).forEach(others::add);
      lastDay.stream().map(CostLine::accountId).filter(a -> !a.equals(id)).forEach(others::add);
      if (!others.isEmpty()) {
        warnings.add(
            id
                + " answered for "
                + others.size()
                + " other account(s) too: it is a management account; only its own spend is"
                + " exported, and its tag spend covers its organization (use --payer "
                + id
                + ")");
        mtd = mtd.stream().filter(l -> l.accountId().equals(id)).toList();
        lastDay = lastDay.stream().filter(l -> l.accountId().equals(id)).toList();
        savings = savings.stream().filter(x -> x.accountId().equals(id)).toList();
      }
    }
    List<Missing> missing = new ArrayList<>();
    for (CostPart part : s.wanted.values()) {
      if (s.usable(part, asked.of(part)).isEmpty()) {
        missing.add(
            s.missing.getOrDefault(part.slot(), new Missing(part, FailureKind.OTHER, "not asked")));
      }
    }
    return new ScopeResult(
        id,
        new CostSnapshot(
            id, mtd, lastDay, forecasts, organization, byTag, savings, rightsizingDisabled),
        s.fetchedNow.size(),
        missing,
        warnings);
  }

  private static List<CostLine> lines(State s, Kind kind, Asked asked) {
    CostPart part = s.wanted.get(kind.label());
    if (part == null) {
      return List.of();
    }
    return s.usable(part, asked.of(part)).map(CostCache.Part::lines).orElse(List.of());
  }

  /**
   * The periods of today's parts and what each part asks, as the cache keeps it: an answer is only
   * used for the same question (cost basis, bounds, the month it covers, tag key, account).
   */
  private static final class Asked {
    final Request request;
    final Period monthToDate;
    final Period lastDay;
    final Period restOfMonth;

    Asked(Request request, LocalDate today) {
      this.request = request;
      this.monthToDate = CostPeriods.monthToDate(today).orElse(null);
      this.lastDay = CostPeriods.lastCompleteDay(today);
      this.restOfMonth = CostPeriods.restOfMonth(today);
    }

    String of(CostPart part) {
      String usage = request.metric().usageName();
      return switch (part.kind()) {
        case MONTH_TO_DATE ->
            "GetCostAndUsage SERVICE,LINKED_ACCOUNT " + usage + " MONTHLY " + month(monthToDate);
        case LAST_DAY ->
            "GetCostAndUsage SERVICE,LINKED_ACCOUNT " + usage + " DAILY " + month(lastDay);
        case TAGS ->
            "GetCostAndUsage TAG:"
                + part.detail()
                + ",SERVICE "
                + usage
                + " MONTHLY "
                + month(monthToDate);
        case FORECAST ->
            "GetCostForecast "
                + request.metric().forecastName()
                + (request.interval() ? " PredictionInterval" : "")
                + " "
                + month(restOfMonth)
                + (part.detail() == null ? "" : " LINKED_ACCOUNT=" + part.detail());
        case RIGHTSIZING -> "GetRightsizingRecommendation AmazonEC2";
      };
    }

    private static String month(Period p) {
      return p == null ? "-" : YearMonth.from(p.start()).toString();
    }
  }
}
