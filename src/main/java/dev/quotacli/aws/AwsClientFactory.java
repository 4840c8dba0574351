package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.quota.Partition;
import dev.quotacli.quota.Region;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds every SDK client: region, credentials, endpoint override, the one shared HTTP client,
 * timeouts, and SDK retries turned off (Failsafe owns retries). Clients are cached per account and
 * region and closed by {@link #close()}. Nothing is built before the first client is asked for: a
 * pass answered from the cache builds no HTTP client (no TLS trust store loaded), no timer thread,
 * no credentials provider. Thread-safe.
 */
public final class AwsClientFactory implements AutoCloseable {
  /**
   * @param connect TCP connect timeout
   * @param attempt one HTTP attempt (SDK apiCallAttemptTimeout)
   * @param call one call including the SDK's own work (SDK apiCallTimeout)
   */
  public record Timeouts(Duration connect, Duration attempt, Duration call) {
    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30));
  }

  private final Endpoints endpoints;
  private final Timeouts timeouts;
  private final ApiStats stats;

  /** What every client shares, built with the first client; null until then. */
  private volatile Shared shared;

  /** The ambient credentials chain, built when an account first needs it; null until then. */
  private volatile DefaultCredentialsProvider ambient;

  private final Map<String, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();
  private final Map<String, SdkAutoCloseable> clients = new ConcurrentHashMap<>();

  /** STS clients for AssumeRole, by base identity (empty: the ambient chain) and partition. */
  private final Map<StsKey, StsClient> assumeRoleClients = new ConcurrentHashMap<>();

  private record StsKey(Optional<CredentialSource.StaticKeys> base, Partition partition) {}

  /** The partition of the ambient credentials' region, computed once; null until asked. */
  private volatile Partition ambientPartition;

  /**
   * What the clients share: the one HTTP client, one timer pool for every client's timeouts (by
   * default each SDK client starts its own), and the client configuration.
   */
  private record Shared(
      SdkHttpClient http, ScheduledThreadPoolExecutor timers, ClientOverrideConfiguration config) {}

  /**
   * @param stats where calls the SDK makes on its own (AssumeRole inside the credentials provider)
   *     are counted; calls through a CallGuard are counted there
   */
  public AwsClientFactory(Endpoints endpoints, Timeouts timeouts, ApiStats stats) {
    this.endpoints = endpoints;
    this.timeouts = timeouts;
    this.stats = stats;
  }

  private Shared shared() {
    Shared s = shared;
    if (s == null) {
      synchronized (this) {
        s = shared;
        if (s == null) {
          s = newShared();
          shared = s;
        }
      }
    }
    return s;
  }

  private Shared newShared() {
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(timeouts.connect())
            .socketTimeout(timeouts.attempt())
            .build();
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(
            2,
            r -> {
              Thread t = new Thread(r, "sdk-timeouts");
              t.setDaemon(true);
              return t;
            });
    // Every call schedules its timeouts and cancels them when it ends: drop the cancelled tasks at
    // once rather than keeping each (and what it holds) queued until its 20-30 s delay runs out.
    timers.setRemoveOnCancelPolicy(true);
    ClientOverrideConfiguration config =
        ClientOverrideConfiguration.builder()
            .scheduledExecutorService(timers)
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(timeouts.attempt())
            .apiCallTimeout(timeouts.call())
            .build();
    return new Shared(http, timers, config);
  }

  ServiceQuotasClient serviceQuotas(Account account, Region region) {
    return client(account, region, "servicequotas", ServiceQuotasClient::builder);
  }

  Ec2Client ec2(Account account, Region region) {
    return client(account, region, "ec2", Ec2Client::builder);
  }

  ElasticLoadBalancingClient elb(Account account, Region region) {
    return client(account, region, "elasticloadbalancing", ElasticLoadBalancingClient::builder);
  }

  ElasticLoadBalancingV2Client elbv2(Account account, Region region) {
    return client(account, region, "elasticloadbalancingv2", ElasticLoadBalancingV2Client::builder);
  }

  EksClient eks(Account account, Region region) {
    return client(account, region, "eks", EksClient::builder);
  }

  ElastiCacheClient elastiCache(Account account, Region region) {
    return client(account, region, "elasticache", ElastiCacheClient::builder);
  }

  Route53Client route53(Account account, Region region) {
    return client(account, region, "route53", Route53Client::builder);
  }

  CloudFrontClient cloudFront(Account account, Region region) {
    return client(account, region, "cloudfront", CloudFrontClient::builder);
  }

  SageMakerClient sageMaker(Account account, Region region) {
    return client(account, region, "sagemaker", SageMakerClient::builder);
  }

  CloudWatchClient cloudWatch(Account account, Region region) {
    return client(account, region, "cloudwatch", CloudWatchClient::builder);
  }

  CostExplorerClient costExplorer(Account account) {
    return client(account, Region.US_EAST_1, "ce", CostExplorerClient::builder);
  }

  /** The Pricing API answers in us-east-1 (among few regions): always asked there. */
  PricingClient pricing(Account account) {
    return client(account, Region.US_EAST_1, "pricing", PricingClient::builder);
  }

  /** An STS client on the ambient chain, for GetCallerIdentity of the default account. */
  StsClient ambientSts() {
    return cachedKey(
        "ambient/sts",
        () -> configure(StsClient.builder(), "sts", ambientPartition().home(), ambient()).build());
  }

  /** An IAM client on the ambient chain, for the ambient account's alias (IAM is global). */
  IamClient ambientIam() {
    return cachedKey(
        "ambient/iam",
        () -> configure(IamClient.builder(), "iam", ambientPartition().home(), ambient()).build());
  }

  /**
   * An Organizations client on the ambient chain (the management account or a delegated
   * administrator), in the home region of the ambient partition.
   */
  OrganizationsClient ambientOrganizations() {
    return cachedKey(
        "ambient/organizations",
        () ->
            configure(
                    OrganizationsClient.builder(),
                    "organizations",
                    ambientPartition().home(),
                    ambient())
                .build());
  }

  /**
   * The partition of the ambient credentials: that of the SDK's default region (AWS_REGION, the
   * profile's region) when one is set, else {@code aws}.
   */
  Partition ambientPartition() {
    Partition p = ambientPartition;
    if (p == null) {
      try {
        p = Partition.of(new Region(new DefaultAwsRegionProviderChain().getRegion().id()));
      } catch (RuntimeException noRegion) {
        p = Partition.AWS;
      }
      ambientPartition = p;
    }
    return p;
  }

  /**
   * The ambient credentials chain (environment, profile, web identity, container, instance role):
   * one for the pass, shared by every account that uses it, so the chain is searched once.
   */
  private AwsCredentialsProvider ambient() {
    DefaultCredentialsProvider p = ambient;
    if (p == null) {
      synchronized (this) {
        p = ambient;
        if (p == null) {
          p = DefaultCredentialsProvider.builder().build();
          ambient = p;
        }
      }
    }
    return p;
  }

  /** The credentials provider of an account: one per account, shared by all its regions. */
  AwsCredentialsProvider provider(Account account) {
    return credentials.computeIfAbsent(account.id().value(), id -> build(account));
  }

  private AwsCredentialsProvider build(Account account) {
    CredentialSource source = account.credentials();
    if (source instanceof CredentialSource.StaticKeys keys) {
      return staticProvider(keys);
    }
    if (source instanceof CredentialSource.Unavailable unavailable) {
      throw new ApiException(FailureKind.NO_CREDENTIALS, false, false, unavailable.reason());
    }
    if (source instanceof CredentialSource.AssumeRole role) {
      return StsAssumeRoleCredentialsProvider.builder()
          .stsClient(assumeRoleSts(role.base(), account.partition()))
          .asyncCredentialUpdateEnabled(false)
          .refreshRequest(
              r -> {
                r.roleArn(role.roleArn()).roleSessionName("quota-cli").durationSeconds(3600);
                role.externalId().map(Secret::reveal).ifPresent(r::externalId);
              })
          .build();
    }
    return ambient();
  }

  /**
   * The STS client that assumes roles from one base identity (static keys, or the ambient chain
   * when empty) in one partition: one per base identity and partition, shared by every account that
   * assumes its role from it, as a fleet's rows usually name one runner identity. It calls the
   * regional STS endpoint of the partition's home region (a GovCloud role is assumed in
   * us-gov-west-1). Its AssumeRole calls are counted by an interceptor.
   */
  private StsClient assumeRoleSts(Optional<CredentialSource.StaticKeys> base, Partition partition) {
    return assumeRoleClients.computeIfAbsent(
        new StsKey(base, partition),
        k ->
            configure(
                    StsClient.builder(),
                    "sts",
                    partition.home(),
                    k.base()
                        .<AwsCredentialsProvider>map(AwsClientFactory::staticProvider)
                        .orElseGet(this::ambient))
                .overrideConfiguration(counting(shared().config()))
                .build());
  }

  private static AwsCredentialsProvider staticProvider(CredentialSource.StaticKeys keys) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal()));
  }

  private <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
      B builder, String service, Region region, AwsCredentialsProvider provider) {
    Shared s = shared();
    builder
        .httpClient(s.http())
        .region(software.amazon.awssdk.regions.Region.of(region.apiRegion().name()))
        .credentialsProvider(provider)
        .overrideConfiguration(s.config());
    endpoints.forService(service).ifPresent(builder::endpointOverride);
    return builder;
  }

  /** Counts each HTTP attempt of a client whose calls do not go through a CallGuard. */
  private ClientOverrideConfiguration counting(ClientOverrideConfiguration base) {
    ExecutionInterceptor counter =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            stats.call(
                attributes
                    .getAttribute(SdkExecutionAttribute.SERVICE_NAME)
                    .toLowerCase(java.util.Locale.ROOT),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
          }
        };
    return base.toBuilder().addExecutionInterceptor(counter).build();
  }

  /**
   * One client per account, region and service, built on first use. Global services, STS and
   * discovery (asked in us-east-1) go to the home region of the account's partition.
   */
  private <
          C extends SdkAutoCloseable, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>>
      C client(Account account, Region region, String service, Supplier<B> builder) {
    // Resolved outside computeIfAbsent: building it may create an STS client in the same map.
    AwsCredentialsProvider credentials = provider(account);
    Region api = apiRegion(account, region);
    return cachedKey(
        account.id().value() + "/" + api.name() + "/" + service,
        () -> configure(builder.get(), service, api, credentials).build());
  }

  /** Where a call for an account's region goes: the partition's home region for global ones. */
  static Region apiRegion(Account account, Region region) {
    return account.partition().apiRegion(region.apiRegion());
  }

  /**
   * Closes and forgets the clients of an account whose work in the pass is done: with hundreds of
   * accounts, clients kept to the end of the pass were most of its memory. Its credentials stay (a
   * later run of the pass builds clients again without another AssumeRole).
   */
  public void release(String accountId) {
    String prefix = accountId + "/";
    clients
        .entrySet()
        .removeIf(
            e -> {
              if (!e.getKey().startsWith(prefix)) {
                return false;
              }
              e.getValue().close();
              return true;
            });
  }

  /** How many clients are open (for tests). */
  int openClients() {
    return clients.size();
  }

  @SuppressWarnings("unchecked")
  private <C extends SdkAutoCloseable> C cachedKey(String key, Supplier<C> create) {
    return (C) clients.computeIfAbsent(key, k -> create.get());
  }

  @Override
  public void close() {
    credentials
        .values()
        .forEach(
            p -> {
              if (p instanceof SdkAutoCloseable c && p != ambient) {
                c.close();
              }
            });
    if (ambient != null) {
      ambient.close();
    }
    clients.values().forEach(SdkAutoCloseable::close);
    assumeRoleClients.values().forEach(SdkAutoCloseable::close);
    Shared s = shared;
    if (s != null) {
      s.http().close();
      s.timers().shutdownNow();
    }
  }
}
