package dev.quotacli.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.quotacli.testing.PromText.select;
import static dev.quotacli.testing.PromText.value;
import static dev.quotacli.testing.ServiceQuotasStub.quota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import dev.quotacli.account.Account;
import dev.quotacli.aws.MotoSeed;
import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.MotoAccounts;
import dev.quotacli.testing.MotoServer;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.PromText.Sample;
import dev.quotacli.testing.Route53Stub;
import dev.quotacli.testing.ServiceQuotasStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeType;
import software.amazon.awssdk.services.elasticloadbalancing.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.sagemaker.model.InstanceType;

/**
 * {@code quota-cli usage} end to end against an emulated estate with known resources: two role
 * accounts in their own moto backends (one with discovered regions), Service Quotas and Route 53's
 * GetAccountLimit on WireMock. Every AWS call quota-cli sends to moto passes through a recording
 * WireMock proxy ("tap"), so the number of Describe/List/CloudWatch requests is observed from
 * outside the tool. The first pass runs once for the class; each test reads its file or runs
 * further passes on its cache.
 */
class UsageEndToEndIT {
  /** No regions configured: quota-cli discovers eu-central-1 and us-west-2. */
  static final String U1 = "630000000001";

  /** Configured in eu-west-2. */
  static final String U2 = "630000000002";

  static final String U1_EU = "eu-central-1";
  static final String U1_US = "us-west-2";
  static final String U2_EU = "eu-west-2";

  static final String USAGE = "cloud_service_quota_usage";
  static final String PERCENT = "cloud_quota_usage_percent";
  static final String ORIGIN = "quota_cli_usage_origin";
  static final String UNKNOWN = "quota_cli_usage_unknown";

  // ec2
  static final String STANDARD = "L-1216C47A";
  static final String G_VT = "L-DB2E81BA";
  static final String INF = "L-1945791B";
  static final String EIPS = "L-0263D0A3";
  // ebs
  static final String GP3 = "L-7A658B76";
  static final String GP2 = "L-D18FCD1D";
  static final String IO1 = "L-FD252861";
  static final String IO1_IOPS = "L-B3A130E6";
  static final String SNAPSHOTS = "L-309BACF6";
  // elasticloadbalancing
  static final String ALB = "L-53DA6B97";
  static final String NLB = "L-69A177A2";
  static final String CLB = "L-E9E9831D";
  static final String TARGET_GROUPS = "L-B22855CB";

  /** No counter; usage from CloudWatch AWS/Usage. */
  static final String ALB_LISTENERS = "L-B6DF7632";

  // eks
  static final String CLUSTERS = "L-1194D53C";
  static final String NODEGROUPS = "L-6D54EA21";

  /** Neither counter nor usage metric: its usage is unknown everywhere. */
  static final String LABEL_PAIRS = "L-23414FF3";

  // elasticache, route53, cloudfront
  static final String CACHE_NODES = "L-DFE45DF3";
  static final String HOSTED_ZONES = "L-4EA4796A";
  static final String DISTRIBUTIONS = "L-24B04930";
  // sagemaker: the total is configured, the per-type quotas are discovered by name
  static final String NOTEBOOKS = "L-04CE2E67";
  static final String T3_NOTEBOOKS = "L-E17566B7";
  static final String T3_NOTEBOOKS_NAME = "ml.t3.medium for notebook instance usage";
  static final String M5_NOTEBOOKS = "L-76AB2C05";

  /** Not a notebook quota: the discovery rule must not pick it up. */
  static final String M5_ENDPOINTS = "L-2F737F8D";

  static final String[] REGIONAL = {
    "ec2", "ebs", "elasticloadbalancing", "eks", "elasticache", "sagemaker"
  };

  /** U1: 6 regional services × 2 discovered regions + 2 global; U2: 6 × 1 + 2. */
  static final int TARGETS = 6 * 2 + 2 + 6 + 2;

  static MotoServer moto;
  static ServiceQuotasStub quotas;
  static Route53Stub route53;

  /** Records and forwards every request quota-cli sends to moto. */
  static WireMockServer tap;

  static MotoSeed seed;
  static Account u1;
  static Account u2;

  /** Self-owned snapshots moto reports in U2 eu-west-2 before the test adds its one. */
  static int u2SnapshotsBefore;

  @TempDir static Path tmp;
  static Path cache;
  static Path textfiles;
  static Path accountsFile;
  static CliRun first;
  static String firstText;
  static int tapRequestsAfterFirst;
  static int route53RequestsAfterFirst;

  @BeforeAll
  static void estate() throws Exception {
    moto = MotoServer.shared();
    seed = new MotoSeed(moto.endpoint());
    u1 = MotoSeed.roleAccount(U1, "u1");
    u2 = MotoSeed.roleAccount(U2, "u2");
    seedU1();
    seedU2();
    quotas = ServiceQuotasStub.start();
    stubQuotas();
    route53 = Route53Stub.start();
    route53.accountLimit("MAX_HOSTED_ZONES_BY_OWNER", 500, 3);
    tap =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    tap.start();
    tap.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(moto.baseUrl())));

    cache = tmp.resolve("cache");
    textfiles = Files.createDirectories(tmp.resolve("textfiles"));
    accountsFile =
        Files.writeString(
            tmp.resolve("accounts.yaml"),
            "accounts:\n"
                + MotoAccounts.accountsFileEntry(U1, "u1", null)
                + MotoAccounts.accountsFileEntry(U2, "u2", U2_EU));
    first = usage("--textfile-dir", textfiles.toString());
    firstText = Files.readString(textfiles.resolve("aws_quota_usage.prom"));
    tapRequestsAfterFirst = tapRequests();
    route53RequestsAfterFirst = route53.accountLimitRequests("MAX_HOSTED_ZONES_BY_OWNER");
  }

  /**
   * eu-central-1: On-Demand m5.large ×2 + c5.xlarge (Standard 8 vCPU), g4dn.xlarge (G and VT 4),
   * inf1.xlarge (Inf 4), a stopped t3.micro, 2 Elastic IPs. us-west-2: t3.small (Standard 2), an
   * ALB, an NLB, 2 target groups, a classic ELB, and 3 ALB listeners in CloudWatch AWS/Usage.
   */
  private static void seedU1() {
    Ec2Client eu = seed.ec2(u1, U1_EU);
    String ami = eu.describeImages(b -> b.owners("amazon").maxResults(5)).images().get(0).imageId();
    run(eu, ami, "m5.large", 2);
    run(eu, ami, "c5.xlarge", 1);
    run(eu, ami, "g4dn.xlarge", 1);
    run(eu, ami, "inf1.xlarge", 1);
    String stopped = run(eu, ami, "t3.micro", 1);
    eu.stopInstances(b -> b.instanceIds(stopped));
    eu.allocateAddress(b -> b.domain(DomainType.VPC));
    eu.allocateAddress(b -> b.domain(DomainType.VPC));

    Ec2Client us = seed.ec2(u1, U1_US);
    run(
        us,
        us.describeImages(b -> b.owners("amazon").maxResults(5)).images().get(0).imageId(),
        "t3.small",
        1);
    MotoSeed.Network net = seed.network(u1, U1_US, "10.63", "a", "b");
    var elbv2 = seed.elbv2(u1, U1_US);
    elbv2.createLoadBalancer(
        b -> b.name("alb-1").type(LoadBalancerTypeEnum.APPLICATION).subnets(net.subnetIds()));
    elbv2.createLoadBalancer(
        b -> b.name("nlb-1").type(LoadBalancerTypeEnum.NETWORK).subnets(net.subnetIds().get(0)));
    for (String name : List.of("tg-1", "tg-2")) {
      elbv2.createTargetGroup(
          b -> b.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(net.vpcId()));
    }
    seed.elb(u1, U1_US)
        .createLoadBalancer(
            b ->
                b.loadBalancerName("clb-1")
                    .availabilityZones(U1_US + "a")
                    .listeners(
                        Listener.builder()
                            .protocol("HTTP")
                            .loadBalancerPort(80)
                            .instancePort(80)
                            .build()));
    seed.cloudWatch(u1, U1_US)
        .putMetricData(
            b ->
                b.namespace("AWS/Usage")
                    .metricData(
                        MetricDatum.builder()
                            .metricName("ResourceCount")
                            .dimensions(
                                listenerDimensions().entrySet().stream()
                                    .map(
                                        e ->
                                            Dimension.builder()
                                                .name(e.getKey())
                                                .value(e.getValue())
                                                .build())
                                    .toList())
                            .timestamp(Instant.now().minus(5, ChronoUnit.MINUTES))
                            .value(3.0)
                            .build()));
  }

  private static String run(Ec2Client ec2, String ami, String type, int count) {
    return ec2.runInstances(b -> b.imageId(ami).instanceType(type).minCount(count).maxCount(count))
        .instances()
        .get(0)
        .instanceId();
  }

  static Map<String, String> listenerDimensions() {
    return Map.of(
        "Service",
        "Elastic Load Balancing",
        "Type",
        "Resource",
        "Class",
        "None",
        "Resource",
        "ListenersPerApplicationLoadBalancer");
  }

  /**
   * eu-west-2: gp3 100 GiB ×2, gp2 512 GiB, io1 200 GiB at 1000 IOPS, one snapshot; EKS c1 (2 node
   * groups) and c2 (1); a memcached cluster of 3 nodes; 2 ml.t3.medium notebooks. Global: 1
   * CloudFront distribution.
   */
  private static void seedU2() {
    Ec2Client ec2 = seed.ec2(u2, U2_EU);
    u2SnapshotsBefore = ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots().size();
    String zone = U2_EU + "a";
    ec2.createVolume(b -> b.availabilityZone(zone).volumeType(VolumeType.GP3).size(100));
    ec2.createVolume(b -> b.availabilityZone(zone).volumeType(VolumeType.GP3).size(100));
    String gp2 =
        ec2.createVolume(b -> b.availabilityZone(zone).volumeType(VolumeType.GP2).size(512))
            .volumeId();
    ec2.createVolume(b -> b.availabilityZone(zone).volumeType(VolumeType.IO1).size(200).iops(1000));
    ec2.createSnapshot(b -> b.volumeId(gp2));

    MotoSeed.Network net = seed.network(u2, U2_EU, "10.64", "a");
    String subnet = net.subnetIds().get(0);
    String role = "arn:aws:iam::" + U2 + ":role/eks";
    var eks = seed.eks(u2, U2_EU);
    Map<String, Integer> nodegroups = new TreeMap<>(Map.of("c1", 2, "c2", 1));
    nodegroups.forEach(
        (cluster, n) -> {
          eks.createCluster(
              b -> b.name(cluster).roleArn(role).resourcesVpcConfig(v -> v.subnetIds(subnet)));
          for (int i = 0; i < n; i++) {
            String name = cluster + "-ng-" + i;
            eks.createNodegroup(
                b -> b.clusterName(cluster).nodegroupName(name).nodeRole(role).subnets(subnet));
          }
        });
    seed.elastiCache(u2, U2_EU)
        .createCacheCluster(
            b ->
                b.cacheClusterId("memcached-3")
                    .engine("memcached")
                    .cacheNodeType("cache.t3.micro")
                    .numCacheNodes(3));
    var sageMaker = seed.sageMaker(u2, U2_EU);
    for (String name : List.of("nb-1", "nb-2")) {
      sageMaker.createNotebookInstance(
          b ->
              b.notebookInstanceName(name)
                  .instanceType(InstanceType.ML_T3_MEDIUM)
                  .roleArn("arn:aws:iam::" + U2 + ":role/sagemaker"));
    }
    String reference = "usage-e2e-" + UUID.randomUUID();
    seed.cloudFront(u2)
        .createDistribution(
            b ->
                b.distributionConfig(
                    DistributionConfig.builder()
                        .callerReference(reference)
                        .comment(reference)
                        .enabled(true)
                        .origins(
                            o ->
                                o.quantity(1)
                                    .items(
                                        Origin.builder()
                                            .id("origin")
                                            .domainName("example-bucket.s3.amazonaws.com")
                                            .s3OriginConfig(s -> s.originAccessIdentity(""))
                                            .build()))
                        .defaultCacheBehavior(
                            d ->
                                d.targetOriginId("origin")
                                    .viewerProtocolPolicy(ViewerProtocolPolicy.ALLOW_ALL)
                                    .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))
                        .build()));
  }

  /** AWS defaults for every quota (any key, any region); no applied values. */
  private static void stubQuotas() {
    quotas
        .anyRegion()
        .service("ec2")
        .defaults(
            quota(STANDARD, "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 64),
            quota(G_VT, "Running On-Demand G and VT instances", 8),
            quota(INF, "Running On-Demand Inf instances", 8),
            quota(EIPS, "EC2-VPC Elastic IPs", 5));
    quotas
        .anyRegion()
        .service("ebs")
        .defaults(
            quota(GP3, "Storage for General Purpose SSD (gp3) volumes, in TiB", 50),
            quota(GP2, "Storage for General Purpose SSD (gp2) volumes, in TiB", 50),
            quota(IO1, "Storage for Provisioned IOPS SSD (io1) volumes, in TiB", 50),
            quota(IO1_IOPS, "IOPS for Provisioned IOPS SSD (io1) volumes", 300000),
            quota(SNAPSHOTS, "Snapshots per Region", 100000));
    quotas
        .anyRegion()
        .service("elasticloadbalancing")
        .defaults(
            quota(ALB, "Application Load Balancers per Region", 50),
            quota(NLB, "Network Load Balancers per Region", 50),
            quota(CLB, "Classic Load Balancers per Region", 20),
            quota(TARGET_GROUPS, "Target Groups per Region", 3000),
            quota(ALB_LISTENERS, "Listeners per Application Load Balancer", 50)
                .usageMetric("AWS/Usage", "ResourceCount", listenerDimensions(), "Maximum"));
    quotas
        .anyRegion()
        .service("eks")
        .defaults(
            quota(CLUSTERS, "Clusters", 100),
            quota(NODEGROUPS, "Managed node groups per cluster", 30),
            quota(LABEL_PAIRS, "Label pairs per Fargate profile selector", 5));
    quotas.anyRegion().service("elasticache").defaults(quota(CACHE_NODES, "Nodes per Region", 300));
    quotas.anyRegion().service("route53").defaults(quota(HOSTED_ZONES, "Hosted zones", 500));
    quotas
        .anyRegion()
        .service("cloudfront")
        .defaults(quota(DISTRIBUTIONS, "Web distributions per AWS account", 200));
    quotas
        .anyRegion()
        .service("sagemaker")
        .defaults(
            quota(NOTEBOOKS, "Total number of notebook instances", 8),
            quota(T3_NOTEBOOKS, T3_NOTEBOOKS_NAME, 6),
            quota(M5_NOTEBOOKS, "ml.m5.xlarge for notebook instance usage", 1),
            quota(M5_ENDPOINTS, "ml.m5.xlarge for endpoint usage", 4));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {seed, quotas, route53}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // best effort
      }
    }
    if (tap != null) {
      tap.stop();
    }
  }

  static CliRun usage(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "usage",
                "--accounts-file",
                accountsFile.toString(),
                "--quotas",
                "src/test/resources/usage-estate/quotas.yaml",
                "--cache-dir",
                cache.toString(),
                "--endpoint-url",
                "http://127.0.0.1:" + tap.port(),
                "--service-endpoint",
                "servicequotas=" + quotas.endpoint(),
                "--service-endpoint",
                "route53=" + route53.endpoint()));
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  static int tapRequests() {
    return tap.countRequestsMatching(RequestPattern.everything()).getCount();
  }

  static String key(Sample s) {
    return s.label("account_id")
        + "/"
        + s.label("region")
        + "/"
        + s.label("service")
        + "/"
        + s.label("quota_code");
  }

  static Map<String, Double> byKey(List<Sample> samples) {
    Map<String, Double> out = new TreeMap<>();
    samples.forEach(s -> assertThat(out.put(key(s), s.value())).as("duplicate " + key(s)).isNull());
    return out;
  }

  /** What moto holds: storage TiB per type, io1 IOPS and self-owned snapshots, asked directly. */
  static Map<String, Double> ebsTruth(Account account, String region) {
    Ec2Client ec2 = seed.ec2(account, region);
    List<Volume> volumes = ec2.describeVolumesPaginator(b -> {}).volumes().stream().toList();
    Map<String, Double> out = new TreeMap<>();
    Map<String, String> codes = Map.of("gp3", GP3, "gp2", GP2, "io1", IO1);
    codes.values().forEach(c -> out.put(c, 0.0));
    out.put(IO1_IOPS, 0.0);
    for (Volume v : volumes) {
      String code = codes.get(v.volumeTypeAsString());
      assertThat(code)
          .as("volume type %s in %s/%s is configured", v.volumeTypeAsString(), account.id(), region)
          .isNotNull();
      out.merge(code, v.size() / 1024.0, Double::sum);
      if (v.volumeTypeAsString().equals("io1")) {
        out.merge(IO1_IOPS, (double) v.iops(), Double::sum);
      }
    }
    out.put(
        SNAPSHOTS,
        (double)
            ec2.describeSnapshotsPaginator(b -> b.ownerIds("self")).snapshots().stream().count());
    return out;
  }

  private static void put(
      Map<String, Double> expected,
      String account,
      String region,
      String service,
      Map<String, Double> byCode) {
    byCode.forEach(
        (code, v) -> expected.put(account + "/" + region + "/" + service + "/" + code, v));
  }

  @Test
  void everyUsageSeriesIsTheTrueCountAndUnknownUsageHasNone() {
    assertThat(first.exitCode()).as(first.toString()).isZero();
    List<Sample> s = PromText.parse(firstText);

    // U2's EBS is exactly what the test created: moto adds no volume, only its AMI snapshots.
    Map<String, Double> u2Ebs = ebsTruth(u2, U2_EU);
    assertThat(u2Ebs)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                GP3,
                200 / 1024.0,
                GP2,
                512 / 1024.0,
                IO1,
                200 / 1024.0,
                IO1_IOPS,
                1000.0,
                SNAPSHOTS,
                u2SnapshotsBefore + 1.0));

    Map<String, Double> expected = new TreeMap<>();
    // U1 eu-central-1
    put(expected, U1, U1_EU, "ec2", Map.of(STANDARD, 8.0, G_VT, 4.0, INF, 4.0, EIPS, 2.0));
    put(expected, U1, U1_EU, "ebs", ebsTruth(u1, U1_EU)); // moto's root volumes of the instances
    put(
        expected,
        U1,
        U1_EU,
        "elasticloadbalancing",
        Map.of(ALB, 0.0, NLB, 0.0, CLB, 0.0, TARGET_GROUPS, 0.0));
    put(expected, U1, U1_EU, "eks", Map.of(CLUSTERS, 0.0, NODEGROUPS, 0.0));
    put(expected, U1, U1_EU, "elasticache", Map.of(CACHE_NODES, 0.0));
    put(
        expected,
        U1,
        U1_EU,
        "sagemaker",
        Map.of(NOTEBOOKS, 0.0)); // the discovered per-type quotas are unused: not exported
    // U1 us-west-2
    put(expected, U1, U1_US, "ec2", Map.of(STANDARD, 2.0, G_VT, 0.0, INF, 0.0, EIPS, 0.0));
    put(expected, U1, U1_US, "ebs", ebsTruth(u1, U1_US));
    put(
        expected,
        U1,
        U1_US,
        "elasticloadbalancing",
        Map.of(ALB, 1.0, NLB, 1.0, CLB, 1.0, TARGET_GROUPS, 2.0, ALB_LISTENERS, 3.0));
    put(expected, U1, U1_US, "eks", Map.of(CLUSTERS, 0.0, NODEGROUPS, 0.0));
    put(expected, U1, U1_US, "elasticache", Map.of(CACHE_NODES, 0.0));
    put(
        expected,
        U1,
        U1_US,
        "sagemaker",
        Map.of(NOTEBOOKS, 0.0)); // the discovered per-type quotas are unused: not exported
    // U1 global
    put(expected, U1, "global", "route53", Map.of(HOSTED_ZONES, 3.0));
    put(expected, U1, "global", "cloudfront", Map.of(DISTRIBUTIONS, 0.0));
    // U2 eu-west-2
    put(expected, U2, U2_EU, "ec2", Map.of(STANDARD, 0.0, G_VT, 0.0, INF, 0.0, EIPS, 0.0));
    put(expected, U2, U2_EU, "ebs", u2Ebs);
    put(
        expected,
        U2,
        U2_EU,
        "elasticloadbalancing",
        Map.of(ALB, 0.0, NLB, 0.0, CLB, 0.0, TARGET_GROUPS, 0.0));
    put(expected, U2, U2_EU, "eks", Map.of(CLUSTERS, 2.0, NODEGROUPS, 2.0));
    put(expected, U2, U2_EU, "elasticache", Map.of(CACHE_NODES, 3.0));
    put(
        expected,
        U2,
        U2_EU,
        "sagemaker",
        Map.of(NOTEBOOKS, 2.0, T3_NOTEBOOKS, 2.0)); // M5_NOTEBOOKS: discovered, unused
    // U2 global
    put(expected, U2, "global", "route53", Map.of(HOSTED_ZONES, 3.0));
    put(expected, U2, "global", "cloudfront", Map.of(DISTRIBUTIONS, 1.0));

    // Exactly these series, with exactly these values: nothing for an unknown usage, never a 0 for
    // it.
    assertThat(byKey(select(s, USAGE))).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(select(s, USAGE, "quota_code", LABEL_PAIRS)).isEmpty();
    assertThat(select(s, USAGE, "quota_code", M5_ENDPOINTS)).isEmpty();
    assertThat(
            select(s, USAGE, "quota_code", T3_NOTEBOOKS, "account_id", U2)
                .get(0)
                .label("quota_name"))
        .isEqualTo(T3_NOTEBOOKS_NAME);
    assertThat(select(s, USAGE, "account_id", U1).get(0).label("account_name")).isEqualTo("u1");
    assertThat(select(s, USAGE)).allSatisfy(x -> assertThat(x.label("cloud")).isEqualTo("aws"));

    // Percent of the limit.
    assertThat(value(s, PERCENT, "account_id", U1, "region", U1_EU, "quota_code", STANDARD))
        .isEqualTo(12.5);
    assertThat(value(s, PERCENT, "account_id", U1, "region", U1_EU, "quota_code", G_VT))
        .isEqualTo(50.0);
    assertThat(value(s, PERCENT, "account_id", U1, "region", U1_EU, "quota_code", EIPS))
        .isEqualTo(40.0);
    assertThat(value(s, PERCENT, "account_id", U1, "region", U1_US, "quota_code", ALB_LISTENERS))
        .isEqualTo(6.0);
    assertThat(value(s, PERCENT, "account_id", U2, "region", U2_EU, "quota_code", T3_NOTEBOOKS))
        .isCloseTo(100.0 / 3, within(1e-9));
    assertThat(value(s, PERCENT, "account_id", U2, "region", U2_EU, "quota_code", NOTEBOOKS))
        .isEqualTo(25.0);
    assertThat(value(s, PERCENT, "account_id", U2, "region", U2_EU, "quota_code", GP2))
        .isEqualTo(1.0);
    assertThat(value(s, PERCENT, "account_id", U2, "region", "global", "quota_code", HOSTED_ZONES))
        .isEqualTo(0.6);
    assertThat(byKey(select(s, PERCENT)).keySet())
        .isEqualTo(expected.keySet()); // every limit is above 0

    // Origin: one series per service, quota and origin, counting the accounts and regions of its
    // usage series: CloudWatch for the listeners, the counters for everything else.
    Map<String, Double> origins = new TreeMap<>();
    for (Sample x : select(s, ORIGIN)) {
      assertThat(x.label("subcommand")).isEqualTo("usage");
      assertThat(x.labels()).doesNotContainKeys("account_id", "region");
      origins.put(
          x.label("service") + "/" + x.label("quota_code") + "/" + x.label("origin"), x.value());
    }
    Map<String, Double> expectedOrigins = new TreeMap<>();
    for (String k : expected.keySet()) {
      String[] p = k.split("/"); // account/region/service/code
      String origin = p[3].equals(ALB_LISTENERS) ? "cloudwatch" : "counter";
      expectedOrigins.merge(p[2] + "/" + p[3] + "/" + origin, 1.0, Double::sum);
    }
    assertThat(origins).isEqualTo(expectedOrigins);
    assertThat(origins).containsEntry("elasticloadbalancing/" + ALB_LISTENERS + "/cloudwatch", 1.0);
    assertThat(origins).containsEntry("ec2/" + STANDARD + "/counter", 3.0);

    // Unknown: the label pairs everywhere; the listeners where CloudWatch has no datapoint.
    Map<String, Double> unknown = new TreeMap<>();
    for (Sample x : select(s, UNKNOWN)) {
      assertThat(x.label("subcommand")).isEqualTo("usage");
      unknown.put(
          x.label("account_id") + "/" + x.label("region") + "/" + x.label("service"), x.value());
    }
    assertThat(unknown)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                U1 + "/" + U1_EU + "/eks",
                1.0,
                U1 + "/" + U1_US + "/eks",
                1.0,
                U2 + "/" + U2_EU + "/eks",
                1.0,
                U1 + "/" + U1_EU + "/elasticloadbalancing",
                1.0,
                U2 + "/" + U2_EU + "/elasticloadbalancing",
                1.0));

    // Self-metrics: every target ok; what the tool counted is what reached moto.
    assertThat(value(s, "quota_cli_targets", "status", "ok")).isEqualTo(TARGETS);
    assertThat(value(s, "quota_cli_targets", "status", "failed")).isZero();
    assertThat(value(s, "quota_cli_targets_from_cache")).isZero();
    assertThat(
            value(s, "quota_cli_api_calls", "service", "monitoring", "operation", "GetMetricData"))
        .isEqualTo(3);
    assertThat(
            value(s, "quota_cli_api_calls", "service", "route53", "operation", "GetAccountLimit"))
        .isEqualTo(2);
    assertThat(value(s, "quota_cli_api_calls", "service", "sts", "operation", "AssumeRole"))
        .isEqualTo(2);
    double toMoto =
        select(s, "quota_cli_api_calls").stream()
            .filter(x -> !Set.of("servicequotas", "route53").contains(x.label("service")))
            .mapToDouble(Sample::value)
            .sum();
    assertThat(tapRequestsAfterFirst).isPositive().isEqualTo((int) toMoto);
    assertThat(route53RequestsAfterFirst).as("one GetAccountLimit per account").isEqualTo(2);
  }

  @Test
  void discoveredRegionsAreExactlyTheRegionsHoldingInstances() throws Exception {
    assertThat(first.exitCode()).as(first.toString()).isZero();
    List<Sample> s = PromText.parse(firstText);

    Set<String> u1Regions =
        select(s, USAGE, "account_id", U1).stream()
            .map(x -> x.label("region"))
            .filter(r -> !r.equals("global"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(u1Regions).containsExactly(U1_EU, U1_US);
    Set<String> u1Targets =
        select(s, "quota_cli_target_success", "account_id", U1).stream()
            .map(x -> x.label("region"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(u1Targets).containsExactly(U1_EU, "global", U1_US);
    for (String service : REGIONAL) {
      assertThat(select(s, "quota_cli_target_success", "account_id", U1, "service", service))
          .extracting(x -> x.label("region"))
          .containsExactlyInAnyOrder(U1_EU, U1_US);
    }
    // U2 lists its region: it is not discovered.
    assertThat(
            select(s, "quota_cli_target_success", "account_id", U2).stream()
                .map(x -> x.label("region")))
        .containsOnly(U2_EU, "global");
    assertThat(Files.readString(cache.resolve(U1).resolve("regions.json")))
        .contains("\"" + U1_EU + "\", \"" + U1_US + "\" ]");
    assertThat(cache.resolve(U2).resolve("regions.json")).doesNotExist();
  }

  @Test
  void aSecondRunWithinTheTtlMakesNoDescribeListOrCloudWatchCall() throws Exception {
    int tapBefore = tapRequests();
    int quotasBefore = quotas.totalRequests();
    int route53Before = route53.requests();
    assertThat(quotasBefore).isPositive();

    CliRun second = usage("--textfile-dir", textfiles.toString());

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(tapRequests()).as("requests that reached moto").isEqualTo(tapBefore);
    assertThat(quotas.totalRequests()).isEqualTo(quotasBefore);
    assertThat(route53.requests()).isEqualTo(route53Before);
    List<Sample> s = PromText.parse(Files.readString(textfiles.resolve("aws_quota_usage.prom")));
    assertThat(select(s, "quota_cli_api_calls")).isEmpty();
    assertThat(value(s, "quota_cli_targets_from_cache")).isEqualTo(TARGETS);
    assertThat(value(s, "quota_cli_targets", "status", "ok")).isEqualTo(TARGETS);
    List<Sample> firstSamples = PromText.parse(firstText);
    for (String family : List.of(USAGE, PERCENT, ORIGIN, UNKNOWN)) {
      assertThat(select(s, family)).as(family).isEqualTo(select(firstSamples, family));
    }
  }

  @Test
  void usageForOneAccountPrintsATableByPercentAndLeavesTheTextfileAlone() throws Exception {
    Path file = textfiles.resolve("aws_quota_usage.prom");
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old); // any rewrite would move it, however fast
    byte[] before = Files.readAllBytes(file);
    List<Path> filesBefore = list(textfiles);
    int tapBefore = tapRequests();

    CliRun table = usage("--account", U1);

    assertThat(table.exitCode()).as(table.toString()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0).split("\\s{2,}"))
        .containsExactly(
            "ACCOUNT",
            "NAME",
            "REGION",
            "SERVICE",
            "CODE",
            "QUOTA",
            "USAGE",
            "LIMIT",
            "PERCENT",
            "FROM",
            "SOURCE",
            "REQUESTED");
    List<String[]> rows =
        lines.subList(1, lines.size()).stream().map(l -> l.split("\\s{2,}")).toList();
    // U1: 14 targets' quotas: ec2 4, ebs 5, elb 5, eks 3, elasticache 1, sagemaker 3 (× 2 regions),
    // route53, cloudfront.
    assertThat(rows)
        .hasSize(2 * (4 + 5 + 5 + 3 + 1 + 3) + 2)
        .allSatisfy(
            r -> {
              assertThat(r).hasSize(12);
              assertThat(r[0]).isEqualTo(U1);
              assertThat(r[1]).isEqualTo("u1");
            });
    // Highest percent first: Inf and G and VT at 4 of 8 vCPUs (ties by code), then the 2 of 5 EIPs.
    assertThat(rows.get(0))
        .containsExactly(
            U1,
            "u1",
            U1_EU,
            "ec2",
            INF,
            "Running On-Demand Inf instances",
            "4",
            "8",
            "50.0%",
            "counter",
            "default",
            "-");
    assertThat(rows.get(1))
        .containsExactly(
            U1,
            "u1",
            U1_EU,
            "ec2",
            G_VT,
            "Running On-Demand G and VT instances",
            "4",
            "8",
            "50.0%",
            "counter",
            "default",
            "-");
    assertThat(rows.get(2)[4]).isEqualTo(EIPS);
    List<Double> percents = new ArrayList<>();
    int firstUnknown = -1;
    for (int i = 0; i < rows.size(); i++) {
      String p = rows.get(i)[8];
      if (p.equals("-")) {
        firstUnknown = firstUnknown < 0 ? i : firstUnknown;
      } else {
        assertThat(firstUnknown).as("row %d has a percent after a row without", i).isNegative();
        percents.add(Double.parseDouble(p.substring(0, p.length() - 1)));
      }
    }
    assertThat(percents).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    // Unknown usage: the label pairs in both regions and the listeners in eu-central-1.
    assertThat(rows.subList(firstUnknown, rows.size()))
        .extracting(r -> r[2] + "/" + r[4] + "/" + r[6] + "/" + r[9])
        .containsExactly(
            U1_EU + "/" + LABEL_PAIRS + "/-/-",
            U1_EU + "/" + ALB_LISTENERS + "/-/-",
            U1_US
                + "/"
                + LABEL_PAIRS
                + "/-/-"); // sorted by region, then service (eks before elasticloadbalancing)
    assertThat(rows)
        .filteredOn(r -> r[4].equals(ALB_LISTENERS) && r[2].equals(U1_US))
        .singleElement()
        .satisfies(r -> assertThat(r).endsWith("3", "50", "6.0%", "cloudwatch", "default", "-"));

    CliRun json = usage("--account", U1, "--format", "json");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode array = new ObjectMapper().readTree(json.out());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      JsonNode o = array.get(i);
      assertThat(o.get("account_id").asText()).isEqualTo(r[0]);
      assertThat(o.get("account_name").asText()).isEqualTo(r[1]);
      assertThat(o.get("region").asText()).isEqualTo(r[2]);
      assertThat(o.get("service").asText()).isEqualTo(r[3]);
      assertThat(o.get("quota_code").asText()).isEqualTo(r[4]);
      assertThat(o.get("quota_name").asText()).startsWith(r[5].replaceAll("…$", ""));
      assertThat(o.get("limit").asDouble()).isEqualTo(Double.parseDouble(r[7]));
      assertThat(o.get("limit_source").asText()).isEqualTo("default");
      if (r[6].equals("-")) {
        assertThat(o.get("usage").isNull()).as(r[4]).isTrue();
        assertThat(o.get("percent").isNull()).isTrue();
        assertThat(o.get("usage_origin").isNull()).isTrue();
      } else {
        assertThat(o.get("usage").asDouble()).isCloseTo(Double.parseDouble(r[6]), within(0.001));
        assertThat(String.format(java.util.Locale.ROOT, "%.1f%%", o.get("percent").asDouble()))
            .isEqualTo(r[8]);
        assertThat(o.get("usage_origin").asText()).isEqualTo(r[9]);
      }
    }

    // Neither view touched the textfile or made an AWS call.
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(list(textfiles)).isEqualTo(filesBefore);
    assertThat(tapRequests()).isEqualTo(tapBefore);
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void theHtmlReportShowsTheUsageAndPercentsOfTheTextfile() throws Exception {
    Path prom = tmp.resolve("report-usage.prom");
    CliRun run = usage("--output", prom.toString()); // answered from the cache the report reads
    assertThat(run.exitCode()).as(run.toString()).isZero();
    Path html = tmp.resolve("report.html");
    CliRun report =
        Cli.run(Map.of(), "report", "--cache-dir", cache.toString(), "--output", html.toString());
    assertThat(report.exitCode()).as(report.toString()).isZero();

    Map<String, String[]> rows =
        ReportIT.rows(ReportIT.section(Files.readString(html), "accounts"));
    List<Sample> samples = PromText.parse(Files.readString(prom));
    List<Sample> used = select(samples, "cloud_service_quota_usage");
    List<Sample> percents = select(samples, "cloud_quota_usage_percent");
    assertThat(used).isNotEmpty();
    assertThat(percents).isNotEmpty();
    for (Sample u : used) {
      assertThat(rows).as(key(u)).containsKey(key(u));
      assertThat(rows.get(key(u))[0]).as(key(u) + " usage").isEqualTo(ReportIT.number(u.value()));
    }
    for (Sample p : percents) {
      assertThat(rows.get(key(p))[2])
          .as(key(p) + " percent")
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f %%", p.value()));
    }
  }
}
