package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.OrganizationSource;
import dev.quotacli.aws.AwsClientFactory;
import dev.quotacli.aws.AwsQuotaSources;
import dev.quotacli.aws.AwsUsageCounters;
import dev.quotacli.aws.CloudWatchUsageMetrics;
import dev.quotacli.aws.CostExplorerAdapter;
import dev.quotacli.aws.Ec2RegionProbe;
import dev.quotacli.aws.Endpoints;
import dev.quotacli.aws.IamAdapter;
import dev.quotacli.aws.OrganizationsAdapter;
import dev.quotacli.aws.PricingAdapter;
import dev.quotacli.aws.RunningResources;
import dev.quotacli.aws.StsAdapter;
import dev.quotacli.cache.InstanceTypeCache;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CachingVcpuLookup;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.CostExplorerSource;
import dev.quotacli.collect.FailsafeCallGuards;
import dev.quotacli.collect.PriceSource;
import dev.quotacli.collect.QuotaSources;
import dev.quotacli.collect.RefusalGate;
import dev.quotacli.collect.RegionProbe;
import dev.quotacli.collect.RetrySettings;
import dev.quotacli.collect.UsageCounters;
import dev.quotacli.collect.UsageMetrics;
import dev.quotacli.cost.RunningResource;
import dev.quotacli.quota.Region;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the AWS side of a pass: one client factory (one HTTP client, clients
 * built on first use per account and region), one set of call guards, and the adapters the jobs
 * use, closed together.
 */
public final class AwsRoot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AwsRoot.class);

  private final AwsClientFactory factory;
  private final RefusalGate guards;

  /** For calls whose answer the pass can do without: one attempt each, counted with the rest. */
  private final FailsafeCallGuards once;

  AwsRoot(Endpoints endpoints, RetrySettings retry, Pacing pacing) {
    keepAlive(pacing.concurrency());
    ApiStats stats = new ApiStats();
    this.factory = new AwsClientFactory(endpoints, AwsClientFactory.Timeouts.DEFAULT, stats);
    this.guards = new RefusalGate(new FailsafeCallGuards(retry, stats, pacing.pauseAfterCall()));
    this.once =
        new FailsafeCallGuards(
            new RetrySettings(
                0,
                retry.baseDelay(),
                retry.maxDelay(),
                retry.jitter(),
                retry.maxDuration(),
                retry.ratePerSecond()),
            stats,
            pacing.pauseAfterCall());
  }

  /**
   * The account of the ambient credentials.
   *
   * @param id its id
   * @param alias its IAM account alias; empty when it has none or it could not be read
   */
  public record AmbientAccount(AccountId id, Optional<String> alias) {
    /** The alias, else the id. */
    public String name() {
      return alias.orElse(id.value());
    }
  }

  /**
   * The JDK keeps 5 idle connections per host by default: with a 64-wide pool most requests would
   * open a new (TLS) connection. It reads http.maxConnections once, at the first connection, so it
   * is set before any client is built, to the pool size (unless the user set it).
   */
  private static void keepAlive(int concurrency) {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(Math.max(5, concurrency)));
    }
  }

  /** Lets go of an account's SDK clients once its work in the pass is done. */
  public void release(String accountId) {
    factory.release(accountId);
  }

  public RefusalGate guards() {
    return guards;
  }

  public QuotaSources quotaSources() {
    return new AwsQuotaSources(factory);
  }

  public UsageCounters usageCounters(InstanceTypeCache instanceTypes) {
    return new AwsUsageCounters(factory, lookup -> new CachingVcpuLookup(instanceTypes, lookup));
  }

  public UsageMetrics usageMetrics(Clock clock) {
    return new CloudWatchUsageMetrics(factory, clock);
  }

  public RegionProbe regionProbe() {
    return new Ec2RegionProbe(factory);
  }

  /**
   * The account of the ambient credentials: its id (STS GetCallerIdentity) and its IAM account
   * alias (ListAccountAliases). The alias is asked once, with no retry, and any failure (access
   * denied, IAM unreachable) only means no alias: it never fails the pass.
   */
  public AmbientAccount ambientAccountId() {
    AccountId id =
        new StsAdapter(factory)
            .ambientAccountId(guards.forTarget("ambient", Region.US_EAST_1.name()));
    return new AmbientAccount(id, alias(id));
  }

  private Optional<String> alias(AccountId id) {
    try {
      return new IamAdapter(factory)
          .ambientAccountAlias(once.forTarget(id.value(), Region.US_EAST_1.name()));
    } catch (RuntimeException e) {
      LOG.debug("account {} is named by its id: no IAM account alias: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  /** AWS Organizations on the ambient credentials, for {@code --accounts-from organizations}. */
  public OrganizationSource organizations() {
    return new OrganizationsAdapter(factory, guards.forTarget("organizations", "global"));
  }

  public CostExplorerSource costExplorer(Account scope) {
    return new CostExplorerAdapter(factory, scope);
  }

  public PriceSource pricing(Account account) {
    return new PricingAdapter(factory, account);
  }

  /** What runs now in one account and region, for the run-rate. */
  public List<RunningResource> running(Account account, Region region, CallGuard guard) {
    return new RunningResources(factory, account).in(region, guard);
  }

  @Override
  public void close() {
    factory.close();
  }
}
