package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.PriceCache;
import dev.quotacli.collect.AccountRegion;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.CostCollector;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.PriceBook;
import dev.quotacli.collect.RegionProbe.ResourceKind;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Settled;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.config.ConfigException;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.CostPlan;
import dev.quotacli.cost.FallbackPrices;
import dev.quotacli.cost.RequestBudget;
import dev.quotacli.cost.RunRate;
import dev.quotacli.cost.RunningResource;
import dev.quotacli.output.CostTextfile;
import dev.quotacli.quota.Region;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code cost}: the Cost Explorer scopes (a payer, the ambient account with {@code --payer
 * ambient}, or each account) planned and bought together under the request budget ({@link
 * CostCollector}): spend, forecasts, tag costs and rightsizing, what was bought exported and what
 * was not reported; then the run-rate of what runs now in every account and region, on the pool,
 * priced from the Pricing API.
 */
public final class CostJob implements Job<CostTextfile.Figures> {
  public static final String NAME = "cost";

  /** {@code --payer ambient}: the account of the ambient credentials is the payer. */
  public static final String AMBIENT = "ambient";

  /**
   * @param metric cost basis
   * @param payer the payer: an account id, {@value #AMBIENT} for the account of the ambient
   *     credentials, or null for one scope per account
   * @param tagKeys tag keys to break spend down by
   * @param tagTop values kept per tag key
   * @param interval forecast prediction-interval bounds
   * @param rightsizing ask for rightsizing recommendations
   * @param runRate price the running resources
   * @param costTtl Cost Explorer cache TTL
   * @param priceTtl price cache TTL
   * @param maxCeRequests Cost Explorer requests allowed in one run
   * @param force refetch fresh Cost Explorer answers (prices keep their TTL)
   * @param forecastTop with a payer, the linked accounts (by month-to-date spend) forecast one by
   *     one
   */
  public record Settings(
      CostMetric metric,
      String payer,
      List<String> tagKeys,
      int tagTop,
      boolean interval,
      boolean rightsizing,
      boolean runRate,
      Duration costTtl,
      Duration priceTtl,
      int maxCeRequests,
      boolean force,
      int forecastTop) {
    public Settings {
      if (maxCeRequests < 0 || tagTop < 1) {
        throw new ConfigException("--max-ce-requests must be >= 0 and --tag-top >= 1");
      }
      if (forecastTop < 0) {
        throw new ConfigException("--forecast-top must be >= 0");
      }
      if (payer != null && !payer.equals(AMBIENT) && !AccountId.isValid(payer)) {
        throw new ConfigException(
            "--payer " + payer + ": a 12-digit account id or '" + AMBIENT + "' expected");
      }
      tagKeys = List.copyOf(tagKeys);
    }
  }

  private final Settings settings;

  public CostJob(Settings settings) {
    this.settings = settings;
  }

  /** What the job asks (read by {@code plan}). */
  Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result<CostTextfile.Figures> run(
      PassContext ctx, AccountLoad accounts, List<Account> selected) {
    List<WorkStatus> work = new ArrayList<>();
    RequestBudget budget = new RequestBudget(settings.maxCeRequests());
    Map<String, String> names = new TreeMap<>();
    accounts.accounts().forEach(a -> names.put(a.id().value(), a.name()));
    CostCollector.Outcome costs = costs(ctx, accounts, selected, budget, work);
    Map<String, List<RunRate.Line>> runRates = new LinkedHashMap<>();
    int[] unpriced = {0};
    String priceSource =
        settings.runRate() ? runRate(ctx, selected, runRates, unpriced, work) : null;
    Map<CostTextfile.Skipped, Integer> skipped = new TreeMap<>(SKIPPED_ORDER);
    costs
        .missing()
        .forEach(
            m ->
                skipped.merge(
                    new CostTextfile.Skipped(m.part().kind().label(), m.kind().label()),
                    1,
                    Integer::sum));
    return new Result<>(
        new CostTextfile.Figures(
            costs.scopes().stream().map(CostCollector.ScopeResult::snapshot).toList(),
            runRates,
            unpriced[0],
            priceSource,
            costs.requests(),
            names,
            settings.tagTop(),
            skipped),
        work);
  }

  private static final java.util.Comparator<CostTextfile.Skipped> SKIPPED_ORDER =
      java.util.Comparator.comparing(CostTextfile.Skipped::part)
          .thenComparing(CostTextfile.Skipped::reason);

  /**
   * One Cost Explorer scope for a payer, else one per account, planned and bought together under
   * the run's request budget; what was bought is cached and exported, what was not is reported.
   */
  private CostCollector.Outcome costs(
      PassContext ctx,
      AccountLoad load,
      List<Account> selected,
      RequestBudget budget,
      List<WorkStatus> work) {
    Map<String, Account> scopeAccounts = new LinkedHashMap<>();
    List<CostCollector.Scope> scopes = new ArrayList<>();
    if (settings.payer() != null) {
      Account p = payerScope(settings.payer(), load, () -> ctx.aws().ambientAccountId().id());
      scopeAccounts.put(p.id().value(), p);
      scopes.add(
          CostCollector.Scope.payer(
              p.id().value(),
              ctx.aws().costExplorer(p),
              guard(ctx, p),
              selected.stream().map(a -> a.id().value()).toList()));
    } else {
      for (Account a : selected) {
        scopeAccounts.put(a.id().value(), a);
        scopes.add(
            CostCollector.Scope.account(a.id().value(), ctx.aws().costExplorer(a), guard(ctx, a)));
      }
    }
    long deadline = System.nanoTime() + ctx.settings().pacing().deadline().toNanos();
    CostCollector collector =
        new CostCollector(
            new CostCache(ctx.cacheDir(), settings.costTtl(), ctx.clock()),
            ctx.clock(),
            settings.force(),
            () -> System.nanoTime() - deadline > 0,
            ctx.diagnostics()::debug);
    var request =
        new CostCollector.Request(
            settings.metric(),
            settings.tagKeys(),
            settings.interval(),
            settings.rightsizing(),
            settings.forecastTop());
    CostCollector.Outcome outcome = collector.collect(scopes, request, budget);
    report(ctx, outcome, budget);
    for (CostCollector.ScopeResult r : outcome.scopes()) {
      Account account = scopeAccounts.get(r.accountId());
      r.warnings().forEach(w -> ctx.diagnostics().warn(w));
      if (r.snapshot().rightsizingDisabled() != null) {
        ctx.diagnostics()
            .warn(
                r.accountId()
                    + ": rightsizing recommendations are not enabled: "
                    + r.snapshot().rightsizingDisabled());
      }
      if (r.complete()) {
        work.add(WorkStatus.ok(account, null, r.fetched() == 0));
      } else {
        // An API failure names the scope's failure; else it is the budget (or the deadline).
        CostCollector.Missing first =
            r.missing().stream()
                .filter(m -> m.kind() != FailureKind.BUDGET && m.kind() != FailureKind.TIMEOUT)
                .findFirst()
                .orElse(r.missing().get(0));
        work.add(
            WorkStatus.failed(
                account,
                null,
                first.kind(),
                r.missing().size()
                    + " Cost Explorer part(s) not exported ("
                    + describe(r.missing())
                    + "): "
                    + first.message()));
      }
    }
    return outcome;
  }

  private static CallGuard guard(PassContext ctx, Account a) {
    return ctx.guards().forTarget(a.id().value(), Region.US_EAST_1.name());
  }

  /** Up to 5 missing parts by slot, then how many more. */
  private static String describe(List<CostCollector.Missing> missing) {
    List<String> slots = missing.stream().map(m -> m.part().slot()).limit(5).toList();
    return String.join(", ", slots)
        + (missing.size() > slots.size() ? ", +" + (missing.size() - slots.size()) + " more" : "");
  }

  /**
   * Always: the requests and their price; what the budget left out, as a warning; the report {@code
   * status} shows.
   */
  private void report(PassContext ctx, CostCollector.Outcome outcome, RequestBudget budget) {
    ctx.diagnostics()
        .info(
            String.format(
                Locale.ROOT,
                "%d Cost Explorer requests, about $%.2f (budget %d requests, $%.2f)",
                outcome.requests(),
                outcome.requests() * CostPlan.USD_PER_REQUEST,
                budget.limit(),
                budget.limit() * CostPlan.USD_PER_REQUEST));
    List<CostCollector.Missing> missing = outcome.missing();
    Map<String, Integer> byKind = new TreeMap<>();
    missing.forEach(m -> byKind.merge(m.part().kind().label(), 1, Integer::sum));
    long budgeted = missing.stream().filter(m -> m.kind() == FailureKind.BUDGET).count();
    if (budgeted > 0) {
      Map<String, Integer> budgetByKind = new TreeMap<>();
      missing.stream()
          .filter(m -> m.kind() == FailureKind.BUDGET)
          .forEach(m -> budgetByKind.merge(m.part().kind().label(), 1, Integer::sum));
      ctx.diagnostics()
          .warn(
              budgeted
                  + " Cost Explorer part(s) not within --max-ce-requests "
                  + budget.limit()
                  + " and not exported ("
                  + budgetByKind.entrySet().stream()
                      .map(e -> e.getKey() + " " + e.getValue())
                      .collect(java.util.stream.Collectors.joining(", "))
                  + "); the next runs ask for them, oldest first");
    }
    var cache = new CostCache(ctx.cacheDir(), settings.costTtl(), ctx.clock());
    var last =
        new CostCache.LastRun(
            ctx.clock().instant(),
            outcome.requests(),
            budget.limit(),
            outcome.scopes().size(),
            (int) outcome.scopes().stream().filter(r -> !r.complete()).count(),
            byKind,
            missing.stream()
                .limit(5)
                .map(m -> m.part().describe() + ": " + m.kind().label())
                .toList());
    try {
      cache.writeLastRun(ctx.settings().shard().fileSuffix(), last);
    } catch (java.io.IOException e) {
      ctx.diagnostics()
          .warn(
              "cannot write "
                  + cache.lastRunPath(ctx.settings().shard().fileSuffix())
                  + ": "
                  + e.getMessage());
    }
  }

  /**
   * The payer scope {@code --payer} names: an enabled account of the account source (with its
   * credentials), else the account of the ambient credentials (STS GetCallerIdentity, asked only
   * then) when it is that account or the flag says {@value #AMBIENT}. The common case: the account
   * source lists the member accounts and quota-cli runs with the management account's own
   * credentials. An ambient account the source also lists is used with the source's credentials
   * (the same account; a pass holds one credential per account id).
   *
   * @throws ConfigException when the id is neither (exit 2)
   */
  static Account payerScope(String payer, AccountLoad load, Supplier<AccountId> ambient) {
    Optional<Account> listed = find(load, payer);
    if (listed.isPresent()) {
      return listed.get();
    }
    AccountId id =
        load.accounts().stream()
            .filter(a -> a.credentials() instanceof CredentialSource.Ambient)
            .map(Account::id)
            .findFirst()
            .orElseGet(ambient);
    if (payer.equals(AMBIENT)) {
      return find(load, id.value()).orElseGet(() -> ambientAccount(id));
    }
    if (id.value().equals(payer)) {
      return ambientAccount(id);
    }
    throw new ConfigException(
        "--payer "
            + payer
            + ": neither an enabled account of the account source nor the account of the ambient"
            + " credentials ("
            + id
            + ")");
  }

  private static Optional<Account> find(AccountLoad load, String id) {
    return load.accounts().stream().filter(a -> a.id().value().equals(id)).findFirst();
  }

  private static Account ambientAccount(AccountId id) {
    return new Account(id, id.value(), new CredentialSource.Ambient(), List.of());
  }

  /** Prices what runs now in every account and region, on the pool; returns the price source. */
  private String runRate(
      PassContext ctx,
      List<Account> accounts,
      Map<String, List<RunRate.Line>> out,
      int[] unpriced,
      List<WorkStatus> work) {
    // Cost has no quotas.yaml: what runs anywhere is priced, so every kind of resource counts.
    var regionsOf = ctx.regionsOf(accounts, true, ResourceKind.all());
    var regionFilter = ctx.settings().filters().regions();
    List<AccountRegion> items = new ArrayList<>();
    for (Account a : accounts) {
      for (Region r : regionsOf.apply(a)) {
        if (regionFilter.isEmpty() || regionFilter.contains(r)) {
          items.add(new AccountRegion(a, r));
        }
      }
    }
    // Under the time budget of each account and region, like every other pass: a region that
    // hangs costs its allowance, then is skipped until it has paid it off.
    Budgets.Run<AccountRegion, List<RunningResource>> run =
        ctx.runBudgeted(
            items,
            ar ->
                ctx.aws()
                    .running(
                        ar.account(),
                        ar.region(),
                        ctx.guards().forTarget(ar.accountId(), ar.region().name())));
    for (var skipped : run.skipped()) {
      work.add(WorkStatus.degraded(skipped.item().account(), skipped.item().region()));
    }
    List<Settled<AccountRegion, List<RunningResource>>> settled = run.items();
    Map<Account, List<RunningResource>> running = new LinkedHashMap<>();
    for (var s : settled) {
      if (s instanceof Settled.Done<AccountRegion, List<RunningResource>> d) {
        running.computeIfAbsent(d.item().account(), a -> new ArrayList<>()).addAll(d.value());
      }
      work.add(WorkStatus.of(s.item().account(), s.item().region(), s, false));
    }
    if (running.isEmpty()) {
      return "api";
    }
    Account pricing = running.keySet().iterator().next();
    var book =
        new PriceBook(
            new PriceCache(ctx.cacheDir(), settings.priceTtl(), ctx.clock()),
            ctx.aws().pricing(pricing),
            FallbackPrices.bundled());
    var wanted = RunRate.wanted(running.values().stream().flatMap(List::stream).toList());
    var prices =
        book.prices(wanted, ctx.guards().forTarget(pricing.id().value(), Region.US_EAST_1.name()));
    if (prices.fallbackUsed()) {
      ctx.diagnostics()
          .warn(
              "the Pricing API failed ("
                  + prices.apiFailure()
                  + "); run-rate from the bundled fallback prices");
    }
    running.forEach(
        (account, resources) -> {
          var rate = RunRate.compute(resources, prices.prices(), prices.unpriced());
          out.put(account.id().value(), rate.lines());
          unpriced[0] += rate.unpriced().size();
        });
    return prices.priceSource();
  }

  @Override
  public String textfile(RunSummary run, CostTextfile.Figures figures) {
    return CostTextfile.render(run, figures, BuildInfo.version());
  }

  @Override
  public String view(CostTextfile.Figures figures, Output.Format format) {
    throw new UnsupportedOperationException("cost always writes Prometheus text");
  }
}
