package dev.quotacli.cli;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.aws.AwsClientFactory;
import dev.quotacli.aws.AwsUsageCounters;
import dev.quotacli.aws.Ec2RegionProbe;
import dev.quotacli.aws.Endpoints;
import dev.quotacli.aws.StsAdapter;
import dev.quotacli.cache.AccountListCache;
import dev.quotacli.cache.InstanceTypeCache;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CachingVcpuLookup;
import dev.quotacli.collect.CollectionRunner;
import dev.quotacli.collect.FailsafeCallGuards;
import dev.quotacli.collect.LimitCollector;
import dev.quotacli.collect.Planner;
import dev.quotacli.collect.QuotaSources;
import dev.quotacli.collect.RegionDiscoverer;
import dev.quotacli.collect.RetrySettings;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.UsageCounters;
import dev.quotacli.config.ConfigException;
import dev.quotacli.config.QuotasConfig;
import dev.quotacli.config.QuotasConfigParser;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one pass needs, built from the options in a fixed order: configuration (exit 2 on problems)
 * before accounts (exit 1 when the source is down) before any AWS call.
 */
final class PassContext implements AutoCloseable {
  static final List<Region> DEFAULT_REGIONS = List.of(Region.US_EAST_1);
  static final Duration REGION_TTL = Duration.ofHours(24);

  final QuotasConfig config;
  final Planner.Filters filters;
  final Shard shard;
  final AwsClientFactory factory;
  final FailsafeCallGuards guard;
  final Clock clock;
  private final PassOptions pass;

  PassContext(PassOptions pass, Map<String, String> env, Clock clock, RetrySettings retry) {
    this.pass = pass;
    this.clock = clock;
    this.config =
        pass.quotas == null
            ? QuotasConfigParser.loadDefault()
            : QuotasConfigParser.load(pass.quotas);
    this.filters = filters(pass, config);
    this.shard = shard(pass, env);
    if (pass.concurrency < 1 || pass.concurrency > 256) {
      throw new ConfigException("--concurrency must be between 1 and 256");
    }
    if (!(pass.budgetSeconds > 0) || pass.budgetWindow.isZero() || pass.budgetWindow.isNegative()) {
      throw new ConfigException("--budget and --budget-window must be positive");
    }
    if (pass.cacheTtl.isNegative() || pass.deadline.isZero() || pass.deadline.isNegative()) {
      throw new ConfigException("--cache-ttl must not be negative and --deadline must be positive");
    }
    ApiStats stats = new ApiStats();
    this.factory = new AwsClientFactory(endpoints(pass), AwsClientFactory.Timeouts.DEFAULT, stats);
    this.guard = new FailsafeCallGuards(retry, stats, pass.benchPauseAfterCall);
  }

  AccountLoad accounts(AccountOptions options, Map<String, String> env, PrintWriter err) {
    AccountLoad all =
        AccountLoader.load(
            options, env, this::ambientAccount, new AccountListCache(pass.cacheDir, clock), err);
    AccountLoad load =
        shard.isAll()
            ? all
            : new AccountLoad(
                all.accounts().stream().filter(a -> shard.owns(a.id().value())).toList(),
                all.skipped(),
                all.staleSince());
    for (String skipped : load.skipped()) {
      err.println("quota-cli: warning: skipping account: " + skipped);
    }
    if (load.accounts().isEmpty()) {
      err.println("quota-cli: warning: the account source holds no enabled, valid account");
    }
    for (String id : filters.accounts()) {
      if (load.accounts().stream().noneMatch(a -> a.id().value().equals(id))) {
        throw new ConfigException(
            "--account "
                + id
                + ": no such enabled account in the account source"
                + (shard.isAll() ? "" : " for shard " + shard));
      }
    }
    return load;
  }

  private AccountId ambientAccount() {
    return new StsAdapter(factory)
        .ambientAccountId(guard.forTarget("ambient", Region.US_EAST_1.name()));
  }

  /**
   * The pass's targets. Accounts that list no regions use their discovered regions, discovering
   * them now when the region cache is missing or expired (only if a regional service is in scope).
   */
  List<Target> plan(List<Account> accounts, PrintWriter err) {
    RegionCache regionCache = new RegionCache(pass.cacheDir, REGION_TTL, clock);
    List<Region> flagRegions = filters.regions().stream().sorted().toList();
    Map<String, RegionDiscoverer.Discovery> discovered = new TreeMap<>();
    List<Account> undiscovered =
        accounts.stream()
            .filter(a -> a.regions().isEmpty())
            .filter(
                a -> filters.accounts().isEmpty() || filters.accounts().contains(a.id().value()))
            .toList();
    if (!undiscovered.isEmpty() && regionalServiceInScope()) {
      discovered.putAll(discoverer(regionCache).resolve(undiscovered, false));
      discovered.values().stream()
          .filter(d -> !d.ok())
          .forEach(
              d ->
                  err.println(
                      "quota-cli: warning: "
                          + d.account().id()
                          + ": region discovery failed, using "
                          + (flagRegions.isEmpty() ? DEFAULT_REGIONS : flagRegions)
                          + ": "
                          + d.failure()));
    }
    return Planner.plan(
        accounts,
        config,
        filters,
        account -> {
          var d = discovered.get(account.id().value());
          List<Region> found = d == null || !d.ok() ? List.of() : d.active();
          return Planner.regionsFor(account, found, flagRegions, DEFAULT_REGIONS);
        });
  }

  RegionDiscoverer discoverer(RegionCache regionCache) {
    return new RegionDiscoverer(
        new Ec2RegionProbe(factory),
        guard,
        regionCache,
        clock,
        new CollectionRunner(pass.concurrency, pass.deadline));
  }

  private boolean regionalServiceInScope() {
    return config.services().stream()
        .filter(s -> filters.services().isEmpty() || filters.services().contains(s.code()))
        .anyMatch(s -> s.scope() == dev.quotacli.quota.Scope.REGIONAL);
  }

  LimitCollector limitCollector(QuotaSources sources) {
    return limitCollector(sources, pass.force);
  }

  /**
   * @param force refetch even fresh limits (limits --force, refresh-cache; not usage --force)
   */
  LimitCollector limitCollector(QuotaSources sources, boolean force) {
    return new LimitCollector(
        new LimitCache(pass.cacheDir, pass.cacheTtl, clock), sources, guard, clock, force);
  }

  UsageCounters usageCounters() {
    return new AwsUsageCounters(
        factory,
        lookup -> new CachingVcpuLookup(new InstanceTypeCache(pass.cacheDir, clock), lookup));
  }

  ServiceConfig service(String code) {
    return config.service(code).orElseThrow();
  }

  private static Planner.Filters filters(PassOptions o, QuotasConfig config) {
    Set<String> accounts = new LinkedHashSet<>();
    for (String a : o.accounts) {
      if (!AccountId.isValid(a.trim())) {
        throw new ConfigException("--account '" + a + "' is not a 12-digit account id");
      }
      accounts.add(a.trim());
    }
    Set<Region> regions = new LinkedHashSet<>();
    for (String r : o.regions) {
      if (!Region.isValid(r.trim())) {
        throw new ConfigException("--region '" + r + "' is not a region name");
      }
      regions.add(new Region(r.trim()));
    }
    Set<String> services = new LinkedHashSet<>();
    for (String s : o.services) {
      if (config.service(s.trim()).isEmpty()) {
        throw new ConfigException("--service '" + s + "' is not in " + config.source());
      }
      services.add(s.trim());
    }
    return new Planner.Filters(accounts, regions, services);
  }

  /** {@code --shard I/N}, or {@code --shard-count N} with the index from JOB_COMPLETION_INDEX. */
  static Shard shard(PassOptions o, Map<String, String> env) {
    if (o.shard != null && o.shardCount != null) {
      throw new ConfigException("--shard and --shard-count are mutually exclusive");
    }
    try {
      if (o.shard != null) {
        return Shard.parse(o.shard);
      }
      if (o.shardCount != null) {
        String index = env.get("JOB_COMPLETION_INDEX");
        if (index == null || !index.trim().matches("\\d+")) {
          throw new ConfigException(
              "--shard-count needs JOB_COMPLETION_INDEX (0-based shard index) in the environment");
        }
        return new Shard(Integer.parseInt(index.trim()), o.shardCount);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          (o.shard != null ? "--shard: " : "--shard-count: ") + e.getMessage());
    }
    return Shard.ALL;
  }

  private static Endpoints endpoints(PassOptions o) {
    Map<String, java.net.URI> per = new TreeMap<>();
    o.serviceEndpoints.forEach((k, v) -> per.put(k.trim().toLowerCase(java.util.Locale.ROOT), v));
    for (var uri : per.values()) {
      checkEndpoint("--service-endpoint", uri);
    }
    if (o.endpointUrl != null) {
      checkEndpoint("--endpoint-url", o.endpointUrl);
    }
    return new Endpoints(o.endpointUrl, per);
  }

  private static void checkEndpoint(String flag, java.net.URI uri) {
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new ConfigException(flag + " '" + uri + "' is not an http(s) URL");
    }
  }

  @Override
  public void close() {
    factory.close();
  }
}
