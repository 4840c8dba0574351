package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.cache.AccountListCache;
import dev.quotacli.cache.BudgetStore;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.DefaultQuotaCache;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.cache.RequestCache;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.collect.CostCollector;
import dev.quotacli.collect.FetchStrategy;
import dev.quotacli.collect.Planner;
import dev.quotacli.collect.RegionProbe.ResourceKind;
import dev.quotacli.collect.Target;
import dev.quotacli.config.ConfigException;
import dev.quotacli.config.QuotasConfig;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.cost.CostPart;
import dev.quotacli.cost.CostPlan;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.plan.Estimator;
import dev.quotacli.plan.Facts;
import dev.quotacli.plan.Op;
import dev.quotacli.plan.Plan;
import dev.quotacli.plan.Range;
import dev.quotacli.quota.LimitMerger;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaSelection;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import dev.quotacli.quota.TimeBudget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code quota-cli plan}: what a pass of a job would do, from the configuration, the account source
 * and the caches, without any AWS call: nothing here builds an AWS client ({@link AwsRoot} is never
 * constructed). Takes no lock and writes no run state. The estimating is {@code plan}'s; this class
 * only reads.
 */
public final class Planning {
  /** The placeholder of an ambient account whose id only STS could tell. */
  static final String UNKNOWN_AMBIENT = "000000000000";

  private final PassSettings settings;
  private final Environment env;
  private final Diagnostics diagnostics;
  private final List<String> notes = new ArrayList<>();
  private final List<String> scope = new ArrayList<>();
  private final Function<AccountSettings, AccountLoad> cmdb;
  private boolean ambient;

  public Planning(PassSettings settings, Environment env, Diagnostics diagnostics) {
    this(settings, env, diagnostics, AccountLoader::cmdb);
  }

  Planning(
      PassSettings settings,
      Environment env,
      Diagnostics diagnostics,
      Function<AccountSettings, AccountLoad> cmdb) {
    this.settings = settings;
    this.env = env;
    this.diagnostics = diagnostics;
    this.cmdb = cmdb;
  }

  /** Prints the plan of the job's pass. */
  public ExitCode print(Job<?> job, Output.Format format, PrintWriter out) {
    Plan plan = plan(job);
    out.print(format == Output.Format.JSON ? plan.json() : plan.table());
    out.flush();
    return ExitCode.OK;
  }

  /** The plan of the job's pass. */
  public Plan plan(Job<?> job) {
    List<Account> selected = accounts();
    Estimator estimator = new Estimator();
    Estimator.Targets targets = null;
    Range ceRequests = Range.ZERO;
    List<String> cePlan = List.of();
    if (job instanceof QuotaJob q) {
      QuotaJob.Settings s = q.settings();
      targets =
          quotaTargets(
              estimator,
              selected,
              s.config(),
              s.kind() == QuotaJob.Kind.USAGE,
              s.limitTtl(),
              s.usageTtl(),
              s.force() && s.kind() == QuotaJob.Kind.LIMITS,
              s.force(),
              settings.budget(),
              false);
    } else if (job instanceof RefreshCacheJob r) {
      RefreshCacheJob.Settings s = r.settings();
      List<String> kinds = names(PassContext.probes(s.config()));
      estimator.discovery(
          selected.stream()
              .filter(a -> a.regions().isEmpty())
              .map(a -> discovery(a, kinds))
              .toList());
      targets =
          quotaTargets(
              estimator,
              selected,
              s.config(),
              true,
              s.limitTtl(),
              s.usageTtl(),
              true,
              true,
              null,
              true);
      notes.add("refresh-cache bypasses every cache: each target is due");
    } else if (job instanceof DiscoverRegionsJob d) {
      List<String> kinds = names(d.kinds());
      estimator.discovery(selected.stream().map(a -> discovery(a, kinds)).toList());
      notes.add("discover-regions always asks AWS: every selected account is due");
    } else if (job instanceof CostJob c) {
      CostJob.Settings s = c.settings();
      List<String> lines = new ArrayList<>();
      ceRequests = cost(estimator, selected, s, lines);
      cePlan = lines;
    } else {
      throw new IllegalArgumentException("no plan for " + job.name());
    }
    if (ambient) {
      estimator.add("(ambient)", "us-east-1", new Op("sts", "GetCallerIdentity"), one());
      if (job instanceof QuotaJob || job instanceof RefreshCacheJob || job instanceof CostJob) {
        estimator.add("(ambient)", "us-east-1", new Op("iam", "ListAccountAliases"), one());
      }
    }
    estimator.assumeRoles(roleAccounts(selected));
    notes.add(
        "one page per list where no cached count says more; N+ means at least N (no cache"
            + " bounds it)");
    return new Plan(
        job.name(),
        scope,
        targets,
        estimator.calls(),
        estimator.metrics(),
        ceRequests,
        cePlan,
        env.retry().ratePerSecond(),
        notes);
  }

  private static Range one() {
    return Range.exactly(1);
  }

  // --- accounts -------------------------------------------------------------------------------

  /** The shard's accounts the filters keep, loaded as the pass loads them, without AWS. */
  private List<Account> accounts() {
    AccountSettings s = settings.accounts();
    AccountLoad all =
        AccountLoader.load(
            s,
            cmdb,
            this::ambientAccount,
            new AccountListCache(settings.cacheDir(), env.clock()),
            diagnostics);
    String source =
        s.cmdbUrl() != null
            ? "the CMDB"
                + (all.staleSince() != null
                    ? " (unreachable: its list cached at " + all.staleSince() + ")"
                    : "")
            : s.accountsFile() != null
                ? "accounts file " + s.accountsFile()
                : "ambient credentials";
    var shard = settings.shard();
    List<Account> owned =
        all.accounts().stream().filter(a -> shard.isAll() || shard.owns(a.id().value())).toList();
    for (String id : settings.filters().accounts()) {
      if (owned.stream().noneMatch(a -> a.id().value().equals(id))) {
        throw new ConfigException(
            "--account "
                + id
                + ": no such enabled account in the account source"
                + (shard.isAll() ? "" : " for shard " + shard));
      }
    }
    List<Account> selected =
        owned.stream()
            .filter(
                a ->
                    settings.filters().accounts().isEmpty()
                        || settings.filters().accounts().contains(a.id().value()))
            .toList();
    scope.add(
        "accounts: "
            + selected.size()
            + " selected of "
            + all.accounts().size()
            + " from "
            + source
            + (shard.isAll() ? "" : ", shard " + shard)
            + (all.skipped().isEmpty() ? "" : "; " + all.skipped().size() + " rows skipped"));
    return selected;
  }

  /**
   * The ambient account without STS: the one account the cache holds, if exactly one; else a
   * placeholder planned with cold caches.
   */
  private AwsRoot.AmbientAccount ambientAccount() {
    ambient = true;
    List<String> ids = new ArrayList<>();
    if (Files.isDirectory(settings.cacheDir())) {
      try (Stream<Path> dirs = Files.list(settings.cacheDir())) {
        dirs.filter(Files::isDirectory)
            .map(p -> p.getFileName().toString())
            .filter(AccountId::isValid)
            .sorted()
            .forEach(ids::add);
      } catch (IOException e) {
        diagnostics.warn("cannot list " + settings.cacheDir() + ": " + e.getMessage());
      }
    }
    if (ids.size() == 1) {
      notes.add(
          "ambient credentials: account id not asked (STS GetCallerIdentity); assumed "
              + ids.get(0)
              + ", the one account in the cache");
      return new AwsRoot.AmbientAccount(new AccountId(ids.get(0)), Optional.empty());
    }
    notes.add(
        "ambient credentials: account id unknown without STS GetCallerIdentity"
            + (ids.isEmpty() ? " and none cached" : " (the cache holds " + ids.size() + ")")
            + "; planned as one account with cold caches");
    return new AwsRoot.AmbientAccount(new AccountId(UNKNOWN_AMBIENT), Optional.empty());
  }

  private static Set<String> roleAccounts(List<Account> accounts) {
    return accounts.stream()
        .filter(a -> a.credentials() instanceof CredentialSource.AssumeRole)
        .map(a -> a.id().value())
        .collect(Collectors.toSet());
  }

  // --- regions --------------------------------------------------------------------------------

  private RegionCache regionCache() {
    return new RegionCache(settings.cacheDir(), PassContext.REGION_TTL, env.clock());
  }

  /**
   * Where each account's regional work runs, as {@link PassContext#regionsOf} decides it: the
   * flags, configured regions, discovered regions (from the region cache, any age), else us-east-1.
   * Accounts whose discovery is due are added to {@code due}.
   *
   * @param rediscover discovery is due whatever the cache says (refresh-cache)
   */
  private Function<Account, List<Region>> regionsOf(
      List<Account> accounts,
      boolean discover,
      List<String> kinds,
      List<Facts.Discovery> due,
      boolean rediscover) {
    List<Region> flagRegions = settings.filters().regions().stream().sorted().toList();
    List<Region> flagRegional = flagRegions.stream().filter(r -> !r.isGlobal()).toList();
    if (!flagRegional.isEmpty()) {
      return account -> flagRegional;
    }
    RegionCache cache = regionCache();
    Map<String, List<Region>> known = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (Account a : accounts) {
      if (!a.regions().isEmpty() || !discover) {
        continue;
      }
      var lookup = cache.read(a.id().value());
      if (lookup instanceof Lookup.Fresh<RegionCache.Entry> f) {
        known.put(a.id().value(), f.data().asRegions());
        if (rediscover) {
          due.add(new Facts.Discovery(a.id().value(), f.data().regions().size(), kinds));
        }
      } else {
        if (!rediscover) {
          due.add(discovery(a, kinds));
        }
        if (lookup instanceof Lookup.Stale<RegionCache.Entry> s) {
          known.put(a.id().value(), s.data().asRegions());
        } else {
          unknown.add(a.id().value());
        }
      }
    }
    if (!unknown.isEmpty()) {
      notes.add(
          unknown.size()
              + " account(s) never discovered ("
              + String.join(", ", unknown.stream().limit(5).toList())
              + (unknown.size() > 5 ? ", ..." : "")
              + "): their regions are known only after discovery; planned in "
              + (flagRegions.isEmpty() ? PassContext.DEFAULT_REGIONS : flagRegions));
    }
    if (!known.isEmpty() && !due.isEmpty()) {
      notes.add("accounts due for discovery are planned in the regions found last time");
    }
    return account ->
        Planner.regionsFor(
            account,
            known.getOrDefault(account.id().value(), List.of()),
            flagRegions,
            PassContext.DEFAULT_REGIONS);
  }

  private Facts.Discovery discovery(Account a, List<String> kinds) {
    var lookup = regionCache().read(a.id().value());
    int active =
        lookup instanceof Lookup.Fresh<RegionCache.Entry> f
            ? f.data().regions().size()
            : lookup instanceof Lookup.Stale<RegionCache.Entry> s ? s.data().regions().size() : -1;
    return new Facts.Discovery(a.id().value(), active, kinds);
  }

  private static List<String> names(List<ResourceKind> kinds) {
    return kinds.stream().map(Enum::name).toList();
  }

  // --- limits and usage -----------------------------------------------------------------------

  /**
   * @param forceLimits refetch fresh limits (and the shared default lists)
   * @param forceUsage recount fresh usage
   * @param budget the time budget, or null where the subcommand has none
   * @param rediscover discovery is due for every account without configured regions
   */
  private Estimator.Targets quotaTargets(
      Estimator estimator,
      List<Account> selected,
      QuotasConfig config,
      boolean usage,
      Duration limitTtl,
      Duration usageTtl,
      boolean forceLimits,
      boolean forceUsage,
      BudgetSettings budget,
      boolean rediscover) {
    Planner.Filters filters = settings.filters();
    boolean regional =
        config.services().stream()
            .filter(s -> filters.services().isEmpty() || filters.services().contains(s.code()))
            .anyMatch(s -> s.scope() == Scope.REGIONAL);
    List<Facts.Discovery> discoveries = new ArrayList<>();
    List<Target> targets =
        Planner.plan(
            selected,
            config,
            filters,
            regionsOf(
                selected, regional, names(PassContext.probes(config)), discoveries, rediscover));
    if (!rediscover) {
      estimator.discovery(discoveries);
    }
    Instant now = env.clock().instant();
    LimitCache limits = new LimitCache(settings.cacheDir(), limitTtl, env.clock());
    UsageCache usages = usage ? new UsageCache(settings.cacheDir(), usageTtl, env.clock()) : null;
    DefaultQuotaCache defaultCache =
        new DefaultQuotaCache(settings.cacheDir(), limitTtl, env.clock());
    Map<String, TimeBudget.State> budgets =
        budget == null || budget.ignore()
            ? Map.of()
            : new BudgetStore(settings.cacheDir(), env.clock()).read();
    Map<String, Facts.Defaults> defaults = new TreeMap<>();
    Map<String, List<QuotaLimit>> defaultLimits = new HashMap<>();
    List<Facts.Target> facts = new ArrayList<>();
    for (Target t : targets) {
      ServiceConfig service = config.service(t.service()).orElseThrow();
      Region api = t.apiRegion();
      defaults.computeIfAbsent(
          api.name() + "/" + t.service(),
          k -> defaults(defaultCache, api, t.service(), forceLimits));
      boolean degraded =
          budget != null
              && !budget.ignore()
              && budget.timeBudget().degraded(budgets.get(t.group()), now);
      var lookup = limits.read(t.accountId(), t.region(), t.service());
      LimitCache.Entry entry = entryOf(lookup);
      Facts.Limits limitFacts = limitFacts(lookup, entry, service, forceLimits);
      Facts.Usage usageFacts = null;
      if (usage) {
        var u = usages.read(t.accountId(), t.region(), t.service());
        boolean answered = !forceUsage && u instanceof Lookup.Fresh<?>;
        Map<String, Double> last = new HashMap<>();
        UsageCache.Entry ue =
            u instanceof Lookup.Fresh<UsageCache.Entry> f
                ? f.data()
                : u instanceof Lookup.Stale<UsageCache.Entry> s ? s.data() : null;
        if (ue != null) {
          for (QuotaUsage q : ue.usage()) {
            last.put(q.code(), q.value());
          }
        }
        List<QuotaLimit> known =
            entry == null
                ? service.quotaCodes().stream()
                    .map(c -> new QuotaLimit(c, "", 0, LimitSource.DEFAULT, null, null))
                    .toList()
                : QuotaSelection.select(
                        expanded(entry, defaultCache, api, t.service(), defaultLimits),
                        service.quotaCodes(),
                        service.discover())
                    .limits();
        usageFacts = new Facts.Usage(answered, known, entry != null, last);
      }
      facts.add(
          new Facts.Target(
              t.accountId(),
              t.region().name(),
              api.name(),
              t.service(),
              service.quotaCodes().size(),
              !service.discover().isEmpty(),
              degraded,
              limitFacts,
              usageFacts));
    }
    if (facts.stream().anyMatch(Facts.Target::degraded)) {
      notes.add(
          "degraded targets are skipped (their cached limits are exported); --ignore-degradation runs them");
    }
    estimator.quotaTargets(facts, defaults);
    estimator.requestHistories(requestHistories(facts, limitTtl, forceLimits));
    return estimator.targets();
  }

  /**
   * Every limit a cache entry stands for: a compact entry's own limits over its region's default
   * list (fresh or stale, as the collector reads it), else the entry's.
   */
  private static List<QuotaLimit> expanded(
      LimitCache.Entry entry,
      DefaultQuotaCache cache,
      Region api,
      String service,
      Map<String, List<QuotaLimit>> memo) {
    if (!entry.compact()) {
      return entry.quotas();
    }
    List<QuotaLimit> d =
        memo.computeIfAbsent(
            api.name() + "/" + service, k -> cache.limits(api, service).orElse(List.of()));
    return LimitMerger.expand(d, entry.quotas(), entry.withheld());
  }

  /** As {@code RequestCollector}: one history per account and region that runs a target. */
  private List<Facts.Requests> requestHistories(
      List<Facts.Target> facts, Duration limitTtl, boolean forceLimits) {
    RequestCache cache = new RequestCache(settings.cacheDir(), limitTtl, env.clock());
    Map<String, Facts.Requests> out = new TreeMap<>();
    for (Facts.Target f : facts) {
      if (f.degraded()) {
        continue;
      }
      out.computeIfAbsent(
          f.account() + "/" + f.apiRegion(),
          k -> {
            var lookup = cache.read(f.account(), new Region(f.apiRegion()));
            RequestCache.Entry e = lookup.anyAge().orElse(null);
            return new Facts.Requests(
                f.account(),
                f.apiRegion(),
                !forceLimits && lookup instanceof Lookup.Fresh<?>,
                e == null ? null : e.listed());
          });
    }
    return List.copyOf(out.values());
  }

  private static LimitCache.Entry entryOf(Lookup<LimitCache.Entry> lookup) {
    return lookup.anyAge().orElse(null);
  }

  /** As {@code LimitCollector.collect} reads its cache entry. */
  private static Facts.Limits limitFacts(
      Lookup<LimitCache.Entry> lookup,
      LimitCache.Entry entry,
      ServiceConfig service,
      boolean force) {
    boolean answered = !force && lookup instanceof Lookup.Fresh<?> && covers(entry, service);
    // A compact entry holds the account's own limits only: the size is the default list's.
    int knownTotal =
        entry != null && entry.complete() && !entry.compact() ? entry.quotas().size() : 0;
    Range defaultsByGet;
    if (entry == null) {
      defaultsByGet = Range.between(0, service.quotaCodes().size());
    } else {
      Map<String, QuotaLimit> byCode = new HashMap<>();
      entry.quotas().forEach(q -> byCode.put(q.code(), q));
      long withoutApplied =
          service.quotaCodes().stream()
              .filter(c -> byCode.get(c) == null || byCode.get(c).source() != LimitSource.APPLIED)
              .count();
      defaultsByGet = Range.exactly(withoutApplied);
    }
    return new Facts.Limits(answered, knownTotal, appliedPages(entry), defaultsByGet);
  }

  /**
   * The pages of an account's applied list (ListServiceQuotas, 100 a page) as its limit cache entry
   * tells them: the one place that knows the entry's format. A complete entry holds every quota,
   * applied ones marked so; an entry fetched quota by quota says nothing of the list (at most the
   * catalogue's pages). With no entry, at least one page.
   */
  static Range appliedPages(LimitCache.Entry entry) {
    if (entry == null) {
      return Range.atLeast(1);
    }
    if (entry.listed() != null) {
      return Range.exactly(FetchStrategy.pages(entry.listed()));
    }
    long applied = entry.quotas().stream().filter(q -> q.source() == LimitSource.APPLIED).count();
    if (entry.complete()) {
      return Range.exactly(FetchStrategy.pages((int) applied));
    }
    return Range.atLeast(1);
  }

  /** As {@code LimitCollector.covers}: the whole service, or every configured code. */
  private static boolean covers(LimitCache.Entry entry, ServiceConfig service) {
    if (entry.complete()) {
      return true;
    }
    if (!service.discover().isEmpty()) {
      return false;
    }
    Set<String> have = new TreeSet<>();
    entry.quotas().forEach(q -> have.add(q.code()));
    return have.containsAll(service.quotaCodes());
  }

  /** As {@code SharedDefaults}: fresh answers (unless forced); any entry knows the size. */
  private static Facts.Defaults defaults(
      DefaultQuotaCache cache, Region api, String service, boolean force) {
    var lookup = cache.read(api, service);
    if (lookup instanceof Lookup.Fresh<DefaultQuotaCache.Entry> f) {
      return new Facts.Defaults(!force, f.data().quotas().size());
    }
    if (lookup instanceof Lookup.Stale<DefaultQuotaCache.Entry> s) {
      return new Facts.Defaults(false, s.data().quotas().size());
    }
    return new Facts.Defaults(false, 0);
  }

  // --- cost -----------------------------------------------------------------------------------

  /** Cost Explorer by {@link CostCollector#preview}, then the run-rate's calls; CE requests. */
  private Range cost(
      Estimator estimator, List<Account> selected, CostJob.Settings s, List<String> lines) {
    List<CostCollector.Scope> scopes = new ArrayList<>();
    List<String> linked = selected.stream().map(a -> a.id().value()).toList();
    if (s.payer() != null) {
      String payer;
      if (s.payer().equals(CostJob.AMBIENT)) {
        ambient = true;
        payer = ambientAccount().id().value();
      } else {
        payer = s.payer();
      }
      scopes.add(CostCollector.Scope.payer(payer, null, null, linked));
    } else {
      linked.forEach(a -> scopes.add(CostCollector.Scope.account(a, null, null)));
    }
    var request =
        new CostCollector.Request(
            s.metric(), s.tagKeys(), s.interval(), s.rightsizing(), s.forecastTop());
    CostCollector collector =
        new CostCollector(
            new CostCache(settings.cacheDir(), s.costTtl(), env.clock()),
            env.clock(),
            s.force(),
            () -> false,
            l -> {});
    List<CostPlan> plans = collector.preview(scopes, request, s.maxCeRequests());
    List<String> titles = List.of("spend", "forecasts, tags, rightsizing");
    long requests = 0;
    for (int i = 0; i < plans.size(); i++) {
      CostPlan p = plans.get(i);
      lines.addAll(p.describe(titles.get(i), env.clock().instant()));
      for (CostPlan.Candidate c : p.bought()) {
        estimator.add(
            c.part().scope(),
            "us-east-1",
            new Op("ce", operation(c.part())),
            Range.exactly(c.pages()));
        requests += c.pages();
      }
      if (!p.skipped().isEmpty()) {
        notes.add(
            p.skipped().size()
                + " Cost Explorer part(s) due but beyond --max-ce-requests "
                + s.maxCeRequests()
                + ": the run would report them (exit 3) and a later run buys them");
      }
    }
    if (s.runRate()) {
      List<Facts.Discovery> discoveries = new ArrayList<>();
      Function<Account, List<Region>> regionsOf =
          regionsOf(selected, true, names(ResourceKind.all()), discoveries, false);
      estimator.discovery(discoveries);
      for (Account a : selected) {
        for (Region r : regionsOf.apply(a)) {
          for (String op :
              List.of(
                  "DescribeInstances",
                  "DescribeVolumes",
                  "DescribeNatGateways",
                  "DescribeAddresses")) {
            estimator.add(a.id().value(), r.name(), new Op("ec2", op), one());
          }
        }
      }
      // Prices not in prices.json (or older than --price-ttl): one call per resource kind asked.
      estimator.add("(pricing)", "us-east-1", new Op("pricing", "GetProducts"), Range.atLeast(0));
      notes.add(
          "run-rate: one page per account, region and Describe; Pricing GetProducts for prices"
              + " not in the price cache (which depends on what runs)");
    }
    return Range.exactly(requests);
  }

  private static String operation(CostPart part) {
    return switch (part.kind()) {
      case MONTH_TO_DATE, LAST_DAY, TAGS -> "GetCostAndUsage";
      case FORECAST -> "GetCostForecast";
      case RIGHTSIZING -> "GetRightsizingRecommendation";
    };
  }
}
