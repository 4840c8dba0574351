package dev.quotacli.cli;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.aws.CostExplorerAdapter;
import dev.quotacli.aws.PricingAdapter;
import dev.quotacli.aws.RunningResources;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.PriceCache;
import dev.quotacli.cache.RunLock;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.BudgetedCallGuard;
import dev.quotacli.collect.CostCollector;
import dev.quotacli.collect.PriceBook;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.config.ConfigException;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.CostSnapshot;
import dev.quotacli.cost.FallbackPrices;
import dev.quotacli.cost.RequestBudget;
import dev.quotacli.cost.RunRate;
import dev.quotacli.cost.RunningResource;
import dev.quotacli.output.CostTextfile;
import dev.quotacli.output.Textfiles;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quota-cli cost}: spend by account and service (month to date, last complete day), the
 * month-end forecast, spend by tag, rightsizing savings, and an hourly run-rate of what runs now.
 */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description =
        "Spend by account, service and tag, month-end forecast, rightsizing savings and a live run-rate, as aws_cost.prom.")
final class CostCommand extends BaseCommand {
  static final String NAME = "cost";

  @Mixin AccountOptions accountOptions;
  @Mixin PassOptions passOptions;
  @Mixin OutputOptions outputOptions;

  @Option(
      names = "--cost-metric",
      paramLabel = "METRIC",
      defaultValue = "UNBLENDED",
      description =
          "Cost basis: UNBLENDED, AMORTIZED, NET_UNBLENDED or BLENDED (default: ${DEFAULT-VALUE}).")
  CostMetric metric;

  @Option(
      names = "--payer",
      paramLabel = "ID",
      description =
          "The payer account: one Cost Explorer scope covers every linked account. Without it, each account is asked on its own.")
  String payer;

  @Option(
      names = "--tag-key",
      paramLabel = "KEY",
      split = ",",
      description = "Tag keys to break spend down by (e.g. Team,Project).")
  List<String> tagKeys = new ArrayList<>();

  @Option(
      names = "--tag-top",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "Values kept per tag key; the rest sum into 'other' (default: ${DEFAULT-VALUE}).")
  int tagTop;

  @Option(
      names = "--forecast-interval",
      description = "Add the forecast's 80%% prediction-interval bounds.")
  boolean interval;

  @Option(
      names = "--no-rightsizing",
      negatable = false,
      description = "Do not ask for rightsizing recommendations.")
  boolean noRightsizing;

  @Option(
      names = "--no-run-rate",
      negatable = false,
      description = "Do not price the running resources.")
  boolean noRunRate;

  @Option(
      names = "--cost-ttl",
      paramLabel = "DURATION",
      defaultValue = "6h",
      converter = DurationConverter.class,
      description = "Cost Explorer cache TTL (default: ${DEFAULT-VALUE}); --force bypasses it.")
  Duration costTtl;

  @Option(
      names = "--price-ttl",
      paramLabel = "DURATION",
      defaultValue = "4h",
      converter = DurationConverter.class,
      description = "Price cache TTL (default: ${DEFAULT-VALUE}).")
  Duration priceTtl;

  @Option(
      names = "--max-ce-requests",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Refuse to send more Cost Explorer requests ($0.01 each) in one run (default: ${DEFAULT-VALUE}).")
  int maxCeRequests;

  @Override
  ExitCode execute() throws IOException {
    if (maxCeRequests < 0 || tagTop < 1) {
      throw new ConfigException("--max-ce-requests must be >= 0 and --tag-top >= 1");
    }
    Shard shard = PassContext.shard(passOptions, env.variables());
    String target =
        outputOptions.output != null
            ? outputOptions.output
            : outputOptions.textfileDir == null
                ? "-"
                : outputOptions
                    .textfileDir
                    .resolve("aws_cost" + shard.fileSuffix() + ".prom")
                    .toString();
    checkOutputDir(target);
    try (RunLock lock = RunLock.acquire(passOptions.cacheDir, NAME + shard.fileSuffix());
        PassContext ctx = new PassContext(passOptions, env.variables(), env.clock(), env.retry())) {
      Instant started = env.clock().instant();
      long startNanos = System.nanoTime();
      AccountLoad load = ctx.accounts(accountOptions, env.variables(), err());
      List<Account> accounts =
          load.accounts().stream()
              .filter(
                  a ->
                      ctx.filters.accounts().isEmpty()
                          || ctx.filters.accounts().contains(a.id().value()))
              .toList();
      Map<String, String> names = new TreeMap<>();
      load.accounts().forEach(a -> names.put(a.id().value(), a.name()));
      List<TargetResult> results = new ArrayList<>();
      RequestBudget budget = new RequestBudget(maxCeRequests);
      List<CostSnapshot> snapshots = costs(ctx, load, accounts, budget, results);
      Map<String, List<RunRate.Line>> runRates = new LinkedHashMap<>();
      int[] unpriced = {0};
      String priceSource = noRunRate ? null : runRate(ctx, accounts, runRates, unpriced, results);
      Duration duration =
          env.fixedDuration() != null
              ? env.fixedDuration()
              : Duration.ofNanos(System.nanoTime() - startNanos);
      boolean ok = results.stream().noneMatch(r -> r instanceof TargetResult.Failed);
      RunSummary summary =
          new RunSummary(
              NAME,
              started,
              duration,
              results,
              ctx.guard.stats().snapshot(),
              load.skipped(),
              ok ? started.plus(duration) : null,
              shard,
              load.staleSince());
      reportProblems(results);
      err()
          .println(
              "quota-cli: info: "
                  + budget.used()
                  + " Cost Explorer requests, about $"
                  + String.format(
                      java.util.Locale.ROOT,
                      "%.2f",
                      budget.used() * CostTextfile.USD_PER_CE_REQUEST));
      Textfiles.write(
          target,
          CostTextfile.render(
              summary,
              new CostTextfile.Figures(
                  snapshots, runRates, unpriced[0], priceSource, budget.used(), names),
              Version.get()),
          out());
      return ok ? ExitCode.OK : ExitCode.PARTIAL;
    }
  }

  /** One Cost Explorer scope per payer, else per account; each under the run's request budget. */
  private List<CostSnapshot> costs(
      PassContext ctx,
      AccountLoad load,
      List<Account> accounts,
      RequestBudget budget,
      List<TargetResult> results) {
    List<Account> scopes = accounts;
    List<String> forecastAccounts = List.of();
    if (payer != null) {
      Account p =
          load.accounts().stream()
              .filter(a -> a.id().value().equals(payer))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "--payer " + payer + ": no such enabled account in the account source"));
      scopes = List.of(p);
      forecastAccounts =
          accounts.stream().map(a -> a.id().value()).filter(id -> !id.equals(payer)).toList();
    }
    CostCollector collector =
        new CostCollector(
            new CostCache(passOptions.cacheDir, costTtl, ctx.clock), ctx.clock, passOptions.force);
    var request =
        new CostCollector.Request(
            metric, tagKeys, tagTop, interval, forecastAccounts, !noRightsizing);
    List<CostSnapshot> snapshots = new ArrayList<>();
    for (Account scope : scopes) {
      Target t = new Target(scope, Region.GLOBAL, "ce");
      try {
        var guard =
            new BudgetedCallGuard(
                ctx.guard.forTarget(scope.id().value(), Region.US_EAST_1.name()), budget);
        var result =
            collector.collect(
                scope.id().value(), new CostExplorerAdapter(ctx.factory, scope), guard, request);
        snapshots.add(result.snapshot());
        results.add(new TargetResult.Collected(t, List.of(), result.fromCache(), List.of()));
        if (result.snapshot().rightsizingDisabled() != null) {
          err()
              .println(
                  "quota-cli: warning: "
                      + scope.id()
                      + ": rightsizing recommendations are not enabled: "
                      + result.snapshot().rightsizingDisabled());
        }
      } catch (ApiException e) {
        results.add(new TargetResult.Failed(t, e.kind(), e.getMessage()));
      }
    }
    return snapshots;
  }

  /** Prices what runs now in every account and region; returns the price source. */
  private String runRate(
      PassContext ctx,
      List<Account> accounts,
      Map<String, List<RunRate.Line>> out,
      int[] unpriced,
      List<TargetResult> results) {
    Map<Account, List<RunningResource>> running = new LinkedHashMap<>();
    for (Target t :
        ctx.plan(accounts, err()).stream().filter(t -> t.service().equals("ec2")).toList()) {
      Target rt = new Target(t.account(), t.region(), "run-rate");
      try {
        running
            .computeIfAbsent(t.account(), a -> new ArrayList<>())
            .addAll(
                new RunningResources(ctx.factory, t.account())
                    .in(t.region(), ctx.guard.forTarget(t.accountId(), t.region().name())));
        results.add(new TargetResult.Collected(rt, List.of(), false, List.of()));
      } catch (ApiException e) {
        results.add(new TargetResult.Failed(rt, e.kind(), e.getMessage()));
      }
    }
    if (running.isEmpty()) {
      return "api";
    }
    Account pricing = running.keySet().iterator().next();
    var book =
        new PriceBook(
            new PriceCache(passOptions.cacheDir, priceTtl, ctx.clock),
            new PricingAdapter(ctx.factory, pricing),
            FallbackPrices.bundled());
    var wanted = RunRate.wanted(running.values().stream().flatMap(List::stream).toList());
    var prices =
        book.prices(wanted, ctx.guard.forTarget(pricing.id().value(), Region.US_EAST_1.name()));
    if (prices.fallbackUsed()) {
      err()
          .println(
              "quota-cli: warning: the Pricing API failed ("
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
}
