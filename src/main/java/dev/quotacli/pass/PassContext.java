package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.cache.BudgetStore;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.collect.CallGuards;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.Planner;
import dev.quotacli.collect.RegionDiscoverer;
import dev.quotacli.collect.RegionProbe.ResourceKind;
import dev.quotacli.collect.Settled;
import dev.quotacli.collect.WorkItem;
import dev.quotacli.collect.WorkRunner;
import dev.quotacli.config.QuotasConfig;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a job gets from the pass: its settings, the clock, the diagnostics channel, the AWS side
 * (built here, closed by the pass), and the one way to run items on the pool (under the time budget
 * where the subcommand has one).
 */
public final class PassContext implements AutoCloseable {
  static final List<Region> DEFAULT_REGIONS = List.of(Region.US_EAST_1);
  static final Duration REGION_TTL = Duration.ofHours(24);

  private final PassSettings settings;
  private final Environment env;
  private final Diagnostics diagnostics;
  private final AwsRoot aws;
  private final Instant started;
  private Budgets budgets;
  private final Map<Account, String> refusedInDiscovery =
      new java.util.concurrent.ConcurrentHashMap<>();

  PassContext(PassSettings settings, Environment env, Diagnostics diagnostics, Instant started) {
    this.settings = settings;
    this.env = env;
    this.diagnostics = diagnostics;
    this.started = started;
    this.aws = new AwsRoot(settings.endpoints(), env.retry(), settings.pacing());
  }

  public PassSettings settings() {
    return settings;
  }

  public Clock clock() {
    return env.clock();
  }

  public Path cacheDir() {
    return settings.cacheDir();
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }

  public AwsRoot aws() {
    return aws;
  }

  public CallGuards guards() {
    return aws.guards();
  }

  /** A runner with the pass's pool size and deadline. */
  public WorkRunner runner() {
    return new WorkRunner(settings.pacing().concurrency(), settings.pacing().deadline());
  }

  /** Runs items with no time budget. */
  public <I extends WorkItem & Comparable<? super I>, R> List<Settled<I, R>> run(
      List<I> items, Function<I, R> work) {
    return runner().run(items, work);
  }

  /**
   * Runs items under the time budget of their groups (account and region), where the subcommand has
   * one: degraded groups' items are skipped and returned apart.
   */
  public <I extends WorkItem & Comparable<? super I>, R> Budgets.Run<I, R> runBudgeted(
      List<I> items, Function<I, R> work) {
    BudgetSettings b = settings.budget();
    // The last run of a pass: an account's SDK clients go once its items are done.
    WorkRunner runner = runner().onAccountDone(aws::release);
    if (b == null) {
      return new Budgets.Run<>(runner.run(items, work), List.of());
    }
    if (budgets == null) {
      budgets =
          new Budgets(
              b.timeBudget(), new BudgetStore(cacheDir(), env.clock()), b.ignore(), started);
    }
    return budgets.run(runner, items, work);
  }

  public RegionCache regionCache() {
    return new RegionCache(cacheDir(), REGION_TTL, env.clock());
  }

  /**
   * @param kinds what a region must hold to be active, in probe order
   */
  public RegionDiscoverer discoverer(List<ResourceKind> kinds) {
    return new RegionDiscoverer(
        aws.regionProbe(), kinds, aws.guards(), regionCache(), env.clock(), runner());
  }

  /**
   * What discovery probes for under a quotas.yaml: the resources of its regional services. Every
   * service counts, whatever {@code --service} keeps: the region cache serves every pass.
   */
  public static List<ResourceKind> probes(QuotasConfig config) {
    return ResourceKind.forServices(
        config.services().stream()
            .filter(s -> s.scope() == Scope.REGIONAL)
            .map(ServiceConfig::code)
            .toList());
  }

  /**
   * Where each account's regional work runs: the {@code --region} flags' regions when given (for
   * every account, whatever it lists or has discovered), else its configured regions, else its
   * discovered regions (discovered now when the region cache is missing or expired; the previous
   * list when that fails in a way that may pass), else us-east-1.
   *
   * @param discover whether to discover at all (only when a regional service is in scope)
   * @param kinds what a region must hold to be active, in probe order
   */
  public Function<Account, List<Region>> regionsOf(
      List<Account> accounts, boolean discover, List<ResourceKind> kinds) {
    Planner.Filters filters = settings.filters();
    List<Region> flagRegions = filters.regions().stream().sorted().toList();
    List<Region> flagRegional = flagRegions.stream().filter(r -> !r.isGlobal()).toList();
    if (!flagRegional.isEmpty()) {
      // --region names the regions to collect for every account: no discovery needed.
      return account -> flagRegional;
    }
    Map<String, RegionDiscoverer.Discovery> discovered = new TreeMap<>();
    List<Account> undiscovered =
        accounts.stream()
            .filter(a -> a.regions().isEmpty())
            .filter(
                a -> filters.accounts().isEmpty() || filters.accounts().contains(a.id().value()))
            .toList();
    if (!undiscovered.isEmpty() && discover) {
      discovered.putAll(discoverer(kinds).resolve(undiscovered, false));
      discovered.values().stream()
          .filter(d -> !d.ok() && d.failureKind() == FailureKind.INVALID_CREDENTIALS)
          .forEach(d -> refusedInDiscovery.put(d.account(), d.failure()));
      discovered.values().stream()
          .filter(d -> !d.ok() && d.failureKind() != FailureKind.INVALID_CREDENTIALS)
          .forEach(
              d ->
                  diagnostics.warn(
                      d.account().id()
                          + ": region discovery failed, using "
                          + (d.usedPrevious() && !d.active().isEmpty()
                              ? "the previous list "
                                  + d.active()
                                  + " discovered "
                                  + d.previousFetchedAt()
                              : flagRegions.isEmpty() ? DEFAULT_REGIONS : flagRegions)
                          + ": "
                          + d.failure()));
    }
    return account -> {
      if (refusedInDiscovery.containsKey(account)) {
        return List.of(); // its credentials are refused: no invented region for it
      }
      var d = discovered.get(account.id().value());
      // A failed discovery's active regions are the previous list where it stands in, else none.
      List<Region> found = d == null ? List.of() : d.active();
      return Planner.regionsFor(account, found, flagRegions, DEFAULT_REGIONS);
    };
  }

  /**
   * Accounts whose credentials AWS refused during region discovery, with the reason: they have no
   * regional work, and their one failure is reported once per account.
   */
  public Map<Account, String> refusedInDiscovery() {
    return Map.copyOf(refusedInDiscovery);
  }

  @Override
  public void close() {
    aws.close();
  }
}
