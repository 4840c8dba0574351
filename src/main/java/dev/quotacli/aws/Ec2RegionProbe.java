package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.RegionProbe;
import dev.quotacli.quota.Region;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Region discovery: DescribeRegions, then per region and resource kind the smallest List/Describe
 * pages that can show one resource, read until the first one. Every page goes through the {@link
 * CallGuard}. Thread-safe.
 */
public final class Ec2RegionProbe implements RegionProbe {
  /** Every state but terminated: a stopped instance still means the region is in use. */
  static final List<String> LIVE_STATES =
      List.of("pending", "running", "shutting-down", "stopping", "stopped");

  /** Volume states of a volume on its way out. */
  static final Set<String> VOLUME_STATES_GONE = Set.of("deleting", "deleted");

  /** SageMaker notebook and endpoint status of one on its way out. */
  static final String SAGEMAKER_DELETING = "Deleting";

  /** ElastiCache cluster status of one on its way out. */
  static final String CACHE_CLUSTER_DELETING = "deleting";

  /** The smallest page each API allows: any one resource answers the question. */
  static final int EC2_PAGE_SIZE = 5;

  static final int ELB_PAGE_SIZE = 1;
  static final int EKS_PAGE_SIZE = 1;
  static final int ELASTICACHE_PAGE_SIZE = 20;
  static final int SAGEMAKER_PAGE_SIZE = 1;

  /**
   * ListTrainingJobs filters by status after it pages (moto does; AWS may): a page of 100 reads
   * past finished jobs in fewer calls.
   */
  static final int TRAINING_JOBS_PAGE_SIZE = 100;

  private static final TrainingJobStatus IN_PROGRESS = TrainingJobStatus.IN_PROGRESS;

  private final AwsClientFactory factory;
  private final int trainingJobsPageSize;

  public Ec2RegionProbe(AwsClientFactory factory) {
    this(factory, TRAINING_JOBS_PAGE_SIZE);
  }

  /** With a smaller training-job page, so tests can page through few finished jobs. */
  Ec2RegionProbe(AwsClientFactory factory, int trainingJobsPageSize) {
    this.factory = factory;
    this.trainingJobsPageSize = trainingJobsPageSize;
  }

  @Override
  public List<Region> enabledRegions(Account account, CallGuard guard) {
    var response =
        guard.call(
            Ec2Counter.SERVICE,
            "DescribeRegions",
            () ->
                AwsErrors.translating(
                    "DescribeRegions",
                    () ->
                        factory
                            .ec2(account, Region.US_EAST_1)
                            .describeRegions(r -> r.allRegions(false))));
    return response.regions().stream()
        .filter(r -> r.optInStatus() == null || !r.optInStatus().equals("not-opted-in"))
        .map(r -> r.regionName())
        .filter(Region::isValid)
        .map(Region::new)
        .sorted()
        .toList();
  }

  @Override
  public boolean holds(Account account, Region region, ResourceKind kind, CallGuard guard) {
    return switch (kind) {
      case EC2_INSTANCES -> instances(factory.ec2(account, region), guard);
      case EBS_VOLUMES -> volumes(factory.ec2(account, region), guard);
      case LOAD_BALANCERS ->
          loadBalancers(factory.elbv2(account, region), guard)
              || classicLoadBalancers(factory.elb(account, region), guard);
      case EKS_CLUSTERS -> clusters(factory.eks(account, region), guard);
      case ELASTICACHE_CLUSTERS -> cacheClusters(factory.elastiCache(account, region), guard);
      case SAGEMAKER -> {
        SageMakerClient sm = factory.sageMaker(account, region);
        yield notebooks(sm, guard) || endpoints(sm, guard) || trainingJobs(sm, guard);
      }
    };
  }

  /** EC2 may answer a filtered page with no instance and a token: pages are followed. */
  private static boolean instances(Ec2Client ec2, CallGuard guard) {
    Filter live = Filter.builder().name("instance-state-name").values(LIVE_STATES).build();
    return GuardedPages.any(
        guard,
        Ec2Counter.SERVICE,
        "DescribeInstances",
        token -> {
          var r =
              ec2.describeInstances(
                  b -> b.filters(live).maxResults(EC2_PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(
              r.reservations().stream().flatMap(res -> res.instances().stream()).toList(),
              r.nextToken());
        },
        i -> true);
  }

  private static boolean volumes(Ec2Client ec2, CallGuard guard) {
    return GuardedPages.any(
        guard,
        Ec2Counter.SERVICE,
        "DescribeVolumes",
        token -> {
          var r = ec2.describeVolumes(b -> b.maxResults(EC2_PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(r.volumes(), r.nextToken());
        },
        v -> !VOLUME_STATES_GONE.contains(v.stateAsString()));
  }

  private static boolean loadBalancers(ElasticLoadBalancingV2Client elbv2, CallGuard guard) {
    return GuardedPages.any(
        guard,
        ElbCounter.SERVICE,
        "DescribeLoadBalancers",
        marker -> {
          var r = elbv2.describeLoadBalancers(b -> b.pageSize(ELB_PAGE_SIZE).marker(marker));
          return new GuardedPages.Page<>(r.loadBalancers(), r.nextMarker());
        },
        lb -> true);
  }

  private static boolean classicLoadBalancers(ElasticLoadBalancingClient elb, CallGuard guard) {
    return GuardedPages.any(
        guard,
        ElbCounter.SERVICE,
        "DescribeLoadBalancers",
        marker -> {
          var r = elb.describeLoadBalancers(b -> b.pageSize(ELB_PAGE_SIZE).marker(marker));
          return new GuardedPages.Page<>(r.loadBalancerDescriptions(), r.nextMarker());
        },
        lb -> true);
  }

  private static boolean clusters(EksClient eks, CallGuard guard) {
    return GuardedPages.any(
        guard,
        EksCounter.SERVICE,
        "ListClusters",
        token -> {
          var r = eks.listClusters(b -> b.maxResults(EKS_PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(r.clusters(), r.nextToken());
        },
        name -> true);
  }

  private static boolean cacheClusters(ElastiCacheClient elastiCache, CallGuard guard) {
    return GuardedPages.any(
        guard,
        ElastiCacheCounter.SERVICE,
        "DescribeCacheClusters",
        marker -> {
          var r =
              elastiCache.describeCacheClusters(
                  b -> b.maxRecords(ELASTICACHE_PAGE_SIZE).marker(marker));
          return new GuardedPages.Page<>(r.cacheClusters(), r.marker());
        },
        c -> !CACHE_CLUSTER_DELETING.equals(c.cacheClusterStatus()));
  }

  private static boolean notebooks(SageMakerClient sm, CallGuard guard) {
    return GuardedPages.any(
        guard,
        SageMakerCounter.SERVICE,
        "ListNotebookInstances",
        token -> {
          var r = sm.listNotebookInstances(b -> b.maxResults(SAGEMAKER_PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(r.notebookInstances(), r.nextToken());
        },
        n -> !SAGEMAKER_DELETING.equals(n.notebookInstanceStatusAsString()));
  }

  private static boolean endpoints(SageMakerClient sm, CallGuard guard) {
    return GuardedPages.any(
        guard,
        SageMakerCounter.SERVICE,
        "ListEndpoints",
        token -> {
          var r = sm.listEndpoints(b -> b.maxResults(SAGEMAKER_PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(r.endpoints(), r.nextToken());
        },
        e -> !SAGEMAKER_DELETING.equals(e.endpointStatusAsString()));
  }

  private boolean trainingJobs(SageMakerClient sm, CallGuard guard) {
    return GuardedPages.any(
        guard,
        SageMakerCounter.SERVICE,
        "ListTrainingJobs",
        token -> {
          var r =
              sm.listTrainingJobs(
                  b ->
                      b.statusEquals(IN_PROGRESS)
                          .maxResults(trainingJobsPageSize)
                          .nextToken(token));
          return new GuardedPages.Page<>(r.trainingJobSummaries(), r.nextToken());
        },
        j -> true);
  }
}
