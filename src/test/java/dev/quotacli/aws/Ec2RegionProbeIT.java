package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.cache.RegionCache;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailsafeCallGuards;
import dev.quotacli.collect.RegionDiscoverer;
import dev.quotacli.collect.RegionProbe.ResourceKind;
import dev.quotacli.collect.WorkRunner;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.MotoServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.elasticloadbalancing.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/**
 * Ec2RegionProbe against moto, in a role account of its own (its own moto backend, so every region
 * holds only what this test seeds): one kind of resource per region, and regions with nothing.
 */
class Ec2RegionProbeIT {
  static final String ID = "640000000001";
  static final Account ACCOUNT = MotoSeed.roleAccount(ID, "probed");

  static final Region VOLUME_ONLY = new Region("eu-west-1");
  static final Region ALB_ONLY = new Region("eu-west-2");
  static final Region CLASSIC_ELB_ONLY = new Region("eu-west-3");
  static final Region EKS_ONLY = new Region("eu-central-1");
  static final Region CACHE_ONLY = new Region("eu-north-1");
  static final Region NOTEBOOK_ONLY = new Region("ap-south-1");
  static final Region INSTANCE = new Region("ca-central-1");

  /** Three finished training jobs and nothing else: not active. */
  static final Region FINISHED_TRAINING = new Region("ap-northeast-1");

  /** A terminated instance (moto deletes its root volume with it): not active. */
  static final Region TERMINATED = new Region("us-west-1");

  /** Nothing at all. */
  static final Region EMPTY = new Region("sa-east-1");

  private static final String ROLE = "arn:aws:iam::" + ID + ":role/probed";

  private final ApiStats stats = new ApiStats();
  private final AwsClientFactory factory = TestClients.onMoto(stats);

  /** Training jobs one a page, so that three finished jobs take three pages. */
  private final Ec2RegionProbe probe = new Ec2RegionProbe(factory, 1);

  @TempDir Path tmp;

  @BeforeAll
  static void seed() {
    try (MotoSeed seed = new MotoSeed(MotoServer.shared().endpoint())) {
      seed.ec2(ACCOUNT, VOLUME_ONLY.name())
          .createVolume(b -> b.availabilityZone(VOLUME_ONLY + "a").size(8));

      var net = seed.network(ACCOUNT, ALB_ONLY.name(), "10.64", "a", "b");
      seed.elbv2(ACCOUNT, ALB_ONLY.name())
          .createLoadBalancer(
              b -> b.name("alb").type(LoadBalancerTypeEnum.APPLICATION).subnets(net.subnetIds()));

      seed.elb(ACCOUNT, CLASSIC_ELB_ONLY.name())
          .createLoadBalancer(
              b ->
                  b.loadBalancerName("clb")
                      .availabilityZones(CLASSIC_ELB_ONLY + "a")
                      .listeners(
                          Listener.builder()
                              .protocol("HTTP")
                              .loadBalancerPort(80)
                              .instancePort(80)
                              .build()));

      seed.eks(ACCOUNT, EKS_ONLY.name())
          .createCluster(b -> b.name("eks").roleArn(ROLE).resourcesVpcConfig(v -> {}));

      seed.elastiCache(ACCOUNT, CACHE_ONLY.name())
          .createCacheCluster(
              b ->
                  b.cacheClusterId("cache")
                      .engine("memcached")
                      .cacheNodeType("cache.t3.micro")
                      .numCacheNodes(1));

      seed.sageMaker(ACCOUNT, NOTEBOOK_ONLY.name())
          .createNotebookInstance(
              b ->
                  b.notebookInstanceName("nb")
                      .instanceType(
                          software.amazon.awssdk.services.sagemaker.model.InstanceType.ML_T3_MEDIUM)
                      .roleArn(ROLE));

      var sm = seed.sageMaker(ACCOUNT, FINISHED_TRAINING.name());
      for (String name : List.of("done-1", "done-2", "done-3")) {
        sm.createTrainingJob(
            b ->
                b.trainingJobName(name)
                    .roleArn(ROLE)
                    .algorithmSpecification(
                        a -> a.trainingImage("img:1").trainingInputMode(TrainingInputMode.FILE))
                    .outputDataConfig(o -> o.s3OutputPath("s3://bucket/out"))
                    .resourceConfig(
                        r ->
                            r.instanceType(TrainingInstanceType.ML_M5_XLARGE)
                                .instanceCount(1)
                                .volumeSizeInGB(10))
                    .stoppingCondition(s -> s.maxRuntimeInSeconds(3600)));
      }

      var ec2 = seed.ec2(ACCOUNT, INSTANCE.name());
      String ami =
          ec2.describeImages(b -> b.owners("amazon").maxResults(5)).images().get(0).imageId();
      ec2.runInstances(
          b -> b.imageId(ami).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1));

      var gone = seed.ec2(ACCOUNT, TERMINATED.name());
      String id =
          gone.runInstances(
                  b -> b.imageId(ami).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      gone.terminateInstances(b -> b.instanceIds(id));
    }
  }

  @AfterEach
  void close() {
    factory.close();
  }

  private CallGuard guard(Region region) {
    return TestClients.guard(stats, ID, region.name());
  }

  private boolean holds(Region region, ResourceKind kind) {
    return probe.holds(ACCOUNT, region, kind, guard(region));
  }

  private Map<String, Long> calls() {
    return stats.snapshot().entrySet().stream()
        .filter(e -> !e.getKey().service().equals("sts"))
        .collect(
            Collectors.toMap(
                e -> e.getKey().service() + ":" + e.getKey().operation(),
                e -> e.getValue().calls(),
                Long::sum,
                TreeMap::new));
  }

  @Test
  void aRegionWithOnlyAVolumeHoldsVolumesAndNoInstances() {
    assertThat(holds(VOLUME_ONLY, ResourceKind.EBS_VOLUMES)).isTrue();
    assertThat(holds(VOLUME_ONLY, ResourceKind.EC2_INSTANCES)).isFalse();
    assertThat(holds(VOLUME_ONLY, ResourceKind.LOAD_BALANCERS)).isFalse();
    assertThat(calls())
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "ec2:DescribeVolumes", 1L,
                    "ec2:DescribeInstances", 1L,
                    "elasticloadbalancing:DescribeLoadBalancers", 2L)));
  }

  @Test
  void anApplicationLoadBalancerIsFoundWithoutAskingTheClassicApi() {
    assertThat(holds(ALB_ONLY, ResourceKind.LOAD_BALANCERS)).isTrue();
    assertThat(calls()).containsEntry("elasticloadbalancing:DescribeLoadBalancers", 1L);
  }

  @Test
  void aClassicLoadBalancerIsFoundAfterTheEmptyElbv2Answer() {
    assertThat(holds(CLASSIC_ELB_ONLY, ResourceKind.LOAD_BALANCERS)).isTrue();
    assertThat(calls()).containsEntry("elasticloadbalancing:DescribeLoadBalancers", 2L);
  }

  @Test
  void clustersNotebooksAndInstancesAreFoundInTheirRegionsOnly() {
    assertThat(holds(EKS_ONLY, ResourceKind.EKS_CLUSTERS)).isTrue();
    assertThat(holds(CACHE_ONLY, ResourceKind.ELASTICACHE_CLUSTERS)).isTrue();
    assertThat(holds(NOTEBOOK_ONLY, ResourceKind.SAGEMAKER)).isTrue();
    assertThat(holds(INSTANCE, ResourceKind.EC2_INSTANCES)).isTrue();
    assertThat(holds(EMPTY, ResourceKind.EKS_CLUSTERS)).isFalse();
    assertThat(holds(EMPTY, ResourceKind.ELASTICACHE_CLUSTERS)).isFalse();
    assertThat(holds(EMPTY, ResourceKind.SAGEMAKER)).isFalse();
    assertThat(holds(TERMINATED, ResourceKind.EC2_INSTANCES)).as("terminated").isFalse();
    assertThat(holds(TERMINATED, ResourceKind.EBS_VOLUMES)).as("its root volume").isFalse();
  }

  @Test
  void finishedTrainingJobsArePagedThroughAndDoNotMakeTheRegionActive() {
    assertThat(holds(FINISHED_TRAINING, ResourceKind.SAGEMAKER)).isFalse();
    // moto filters by status after it pages: one empty page (and a token) per finished job.
    assertThat(calls())
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "sagemaker:ListNotebookInstances", 1L,
                    "sagemaker:ListEndpoints", 1L,
                    "sagemaker:ListTrainingJobs", 3L)));
  }

  @Test
  void discoveryFindsExactlyTheSeededRegionsAndProbesKindAfterKindUntilTheFirstResource() {
    int enabled = probe.enabledRegions(ACCOUNT, guard(Region.US_EAST_1)).size();
    var guards = new FailsafeCallGuards(TestClients.FAST, stats);
    var discoverer =
        new RegionDiscoverer(
            probe,
            ResourceKind.all(),
            guards,
            new RegionCache(tmp, Duration.ofHours(24), Clock.systemUTC()),
            Clock.systemUTC(),
            new WorkRunner(4, Duration.ofMinutes(5)));

    var d = discoverer.discover(List.of(ACCOUNT)).get(0);

    assertThat(d.ok()).as(d.toString()).isTrue();
    assertThat(d.skipped()).isEmpty();
    assertThat(d.active())
        .containsExactlyInAnyOrder(
            INSTANCE, VOLUME_ONLY, ALB_ONLY, CLASSIC_ELB_ONLY, EKS_ONLY, CACHE_ONLY, NOTEBOOK_ONLY);
    // Each kind is asked in the regions no cheaper kind made active: EC2 everywhere, volumes but
    // where the instance is, and so on; the finished training jobs take three pages.
    int n = enabled;
    assertThat(calls())
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "ec2:DescribeRegions", 2L, // the count above, and the discovery's
                    "ec2:DescribeInstances", (long) n,
                    "ec2:DescribeVolumes", (long) n - 1,
                    "elasticloadbalancing:DescribeLoadBalancers", 2L * (n - 2) - 1,
                    "eks:ListClusters", (long) n - 4,
                    "elasticache:DescribeCacheClusters", (long) n - 5,
                    "sagemaker:ListNotebookInstances", (long) n - 6,
                    "sagemaker:ListEndpoints", (long) n - 7,
                    "sagemaker:ListTrainingJobs", (long) n - 7 + 2)));
  }
}
