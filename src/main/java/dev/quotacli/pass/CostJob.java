package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.PriceCache;
import dev.quotacli.collect.AccountItem;
import dev.quotacli.collect.AccountRegion;
import dev.quotacli.collect.BudgetedCallGuard;
import dev.quotacli.collect.CostCollector;
import dev.quotacli.collect.PriceBook;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Settled;
import dev.quotacli.collect.WorkRunner;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.config.ConfigException;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.CostSnapshot;
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
 * {@code cost}: per Cost Explorer scope (a payer, or each account) spend, forecasts, tag costs and
 * rightsizing under the request budget; then the run-rate of what runs now in every account and
 * region, on the pool, priced from the Pricing API.
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
      boolean force) {
    public Settings {
      if (maxCeRequests < 0 || tagTop < 1) {
        throw new ConfigException("--max-ce-requests must be >= 0 and --tag-top >= 1");
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

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result<CostTextfile.Figures> run(
      PassContext ctx, AccountLoad accounts, List<Account> selected) {
    List<WorkStatus> work = new ArrayList<>();
    RequestBudget budget = new RequestBudget(settings.maxCeRequests());
    List<CostSnapshot> snapshots = costs(ctx, accounts, selected, budget, work);
    Map<String, List<RunRate.Line>> runRates = new LinkedHashMap<>();
    int[] unpriced = {0};
    String priceSource =
        settings.runRate() ? runRate(ctx, selected, runRates, unpriced, work) : null;
    ctx.diagnostics()
        .info(
            budget.used()
                + " Cost Explorer requests, about $"
                + String.format(
                    Locale.ROOT, "%.2f", budget.used() * CostTextfile.USD_PER_CE_REQUEST));
    Map<String, String> names = new TreeMap<>();
    accounts.accounts().forEach(a -> names.put(a.id().value(), a.name()));
    return new Result<>(
        new CostTextfile.Figures(
            snapshots, runRates, unpriced[0], priceSource, budget.used(), names, settings.tagTop()),
        work);
  }

  /** One Cost Explorer scope per payer, else per account; each under the run's request budget. */
  private List<CostSnapshot> costs(
      PassContext ctx,
      AccountLoad load,
      List<Account> selected,
      RequestBudget budget,
      List<WorkStatus> work) {
    List<Account> scopes = selected;
    List<String> forecastAccounts = List.of();
    if (settings.payer() != null) {
      Account p = payerScope(settings.payer(), load, () -> ctx.aws().ambientAccountId());
      scopes = List.of(p);
      forecastAccounts =
          selected.stream()
              .map(a -> a.id().value())
              .filter(id -> !id.equals(p.id().value()))
              .toList();
    }
    CostCollector collector =
        new CostCollector(
            new CostCache(ctx.cacheDir(), settings.costTtl(), ctx.clock()),
            ctx.clock(),
            settings.force());
    var request =
        new CostCollector.Request(
            settings.metric(),
            settings.tagKeys(),
            settings.interval(),
            forecastAccounts,
            settings.rightsizing());
    // One scope at a time: the request budget is spent in a predictable order.
    WorkRunner oneAtATime = new WorkRunner(1, ctx.settings().pacing().deadline());
    List<Settled<AccountItem, CostCollector.Result>> settled =
        oneAtATime.run(
            scopes.stream().map(AccountItem::new).toList(),
            scope ->
                collector.collect(
                    scope.accountId(),
                    ctx.aws().costExplorer(scope.account()),
                    new BudgetedCallGuard(
                        ctx.guards().forTarget(scope.accountId(), Region.US_EAST_1.name()), budget),
                    request));
    List<CostSnapshot> snapshots = new ArrayList<>();
    for (var s : settled) {
      boolean fromCache = false;
      if (s instanceof Settled.Done<AccountItem, CostCollector.Result> d) {
        snapshots.add(d.value().snapshot());
        fromCache = d.value().fromCache();
        if (d.value().snapshot().rightsizingDisabled() != null) {
          ctx.diagnostics()
              .warn(
                  s.item().account().id()
                      + ": rightsizing recommendations are not enabled: "
                      + d.value().snapshot().rightsizingDisabled());
        }
      }
      work.add(WorkStatus.of(s.item().account(), null, s, fromCache));
    }
    return snapshots;
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
    var regionsOf = ctx.regionsOf(accounts, true);
    var regionFilter = ctx.settings().filters().regions();
    List<AccountRegion> items = new ArrayList<>();
    for (Account a : accounts) {
      for (Region r : regionsOf.apply(a)) {
        if (regionFilter.isEmpty() || regionFilter.contains(r)) {
          items.add(new AccountRegion(a, r));
        }
      }
    }
    List<Settled<AccountRegion, List<RunningResource>>> settled =
        ctx.run(
            items,
            ar ->
                ctx.aws()
                    .running(
                        ar.account(),
                        ar.region(),
                        ctx.guards().forTarget(ar.accountId(), ar.region().name())));
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
