package dev.quotacli.cli;

import static dev.quotacli.testing.ServiceQuotasStub.quota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotacli.account.Account;
import dev.quotacli.aws.MotoSeed;
import dev.quotacli.testing.CliRun;
import dev.quotacli.testing.MotoAccounts;
import dev.quotacli.testing.MotoServer;
import dev.quotacli.testing.PromText;
import dev.quotacli.testing.Route53Stub;
import dev.quotacli.testing.ServiceQuotasStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quota-cli plan} against an emulated estate (two role accounts in moto with configured
 * regions, Service Quotas and Route 53 on WireMock): the plan makes no AWS call, and what the pass
 * then does, read from the {@code quota_cli_api_calls} lines of the file it writes, falls in the
 * plan's range per operation (cold), equals it (warm, forced) or is nothing (warm).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanEndToEndIT {
  static final String P1 = "640000000001";
  static final String P2 = "640000000002";
  static final String EU = "eu-west-3";
  static final String US = "us-east-2";

  /** P1: 6 regional services × 2 regions + 2 global; P2: 6 × 1 + 2. */
  static final int TARGETS = 6 * 2 + 2 + 6 + 2;

  static final ObjectMapper JSON = new ObjectMapper();

  static MotoServer moto;
  static MotoSeed seed;
  static ServiceQuotasStub quotas;
  static Route53Stub route53;

  @TempDir static Path tmp;
  static Path cache;
  static Path textfiles;
  static Path accountsFile;

  static JsonNode coldPlan;
  static Map<String, Long> coldCalls;

  @BeforeAll
  static void estate() throws Exception {
    moto = MotoServer.shared();
    seed = new MotoSeed(moto.endpoint());
    Account p1 = MotoSeed.roleAccount(P1, "p1");
    // One EKS cluster with a node group: its node groups are listed per cluster.
    MotoSeed.Network net = seed.network(p1, EU, "10.65", "a");
    String role = "arn:aws:iam::" + P1 + ":role/eks";
    var eks = seed.eks(p1, EU);
    eks.createCluster(
        b ->
            b.name("plan-c1")
                .roleArn(role)
                .resourcesVpcConfig(v -> v.subnetIds(net.subnetIds().get(0))));
    eks.createNodegroup(
        b ->
            b.clusterName("plan-c1")
                .nodegroupName("plan-ng")
                .nodeRole(role)
                .subnets(net.subnetIds().get(0)));
    quotas = ServiceQuotasStub.start();
    stubQuotas();
    route53 = Route53Stub.start();
    route53.accountLimit("MAX_HOSTED_ZONES_BY_OWNER", 500, 3);
    cache = tmp.resolve("cache");
    textfiles = Files.createDirectories(tmp.resolve("textfiles"));
    accountsFile =
        Files.writeString(
            tmp.resolve("accounts.yaml"),
            "accounts:\n"
                + MotoAccounts.accountsFileEntry(P1, "p1", EU + "," + US)
                + MotoAccounts.accountsFileEntry(P2, "p2", EU));

    int quotasBefore = quotas.totalRequests();
    int route53Before = route53.requests();
    CliRun plan = run("plan", "usage", "--format", "json");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(quotas.totalRequests()).as("the plan calls no AWS").isEqualTo(quotasBefore);
    assertThat(route53.requests()).isEqualTo(route53Before);
    coldPlan = JSON.readTree(plan.out());

    CliRun pass = run("usage", "--textfile-dir", textfiles.toString());
    assertThat(pass.exitCode()).as(pass.toString()).isZero();
    coldCalls = apiCalls("aws_quota_usage.prom");
  }

  @Test
  @Order(1)
  void aColdPlanCountsEveryTargetDueAndEachOperationsCallsFallInItsRange() {
    assertThat(coldPlan.at("/targets/total").asInt()).isEqualTo(TARGETS);
    assertThat(coldPlan.at("/targets/due").asInt()).isEqualTo(TARGETS);
    assertThat(coldPlan.at("/targets/answered_from_cache").asInt()).isZero();
    // Cold: the catalogue sizes are unknown, so the Service Quotas pages are open ranges.
    assertThat(ranges(coldPlan).get("servicequotas:ListServiceQuotas")[1])
        .isEqualTo(Long.MAX_VALUE);
    assertThat(coldCalls).containsKeys("servicequotas:ListServiceQuotas", "sts:AssumeRole");
    assertWithin(coldPlan, coldCalls);
  }

  @Test
  @Order(2)
  void aWarmPlanSaysNoAwsCallAndThePassMakesNone() throws Exception {
    CliRun plan = run("plan", "usage");

    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.out())
        .startsWith("quota-cli plan usage: 0 AWS calls")
        .contains("answered from cache (fresh within TTL)  " + TARGETS);
    CliRun pass = run("usage", "--textfile-dir", textfiles.toString());
    assertThat(pass.exitCode()).as(pass.toString()).isZero();
    assertThat(apiCalls("aws_quota_usage.prom")).isEmpty();
  }

  @Test
  @Order(3)
  void onAWarmEstateAForcedLimitsPlanCountsExactlyTheCallsThePassMakes() throws Exception {
    CliRun plan = run("plan", "limits", "--force", "--format", "json");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    JsonNode json = JSON.readTree(plan.out());
    Map<String, long[]> ranges = ranges(json);
    ranges.forEach((op, r) -> assertThat(r[0]).as(op + " is exact").isEqualTo(r[1]));

    CliRun pass = run("limits", "--force", "--textfile-dir", textfiles.toString());
    assertThat(pass.exitCode()).as(pass.toString()).isZero();
    Map<String, Long> actual = apiCalls("aws_quota_limits.prom");
    Map<String, Long> planned = new TreeMap<>();
    ranges.forEach((op, r) -> planned.put(op, r[0]));
    assertThat(actual).isEqualTo(planned);
    assertThat(json.at("/aws_calls/min").asLong())
        .isEqualTo(actual.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  @Order(4)
  void onAWarmEstateAForcedUsagePlanBoundsThePassAndKnowsTheClustersNodeGroupLists()
      throws Exception {
    CliRun plan = run("plan", "usage", "--force", "--format", "json");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    JsonNode json = JSON.readTree(plan.out());
    // The cached cluster count says how many node group lists: one cluster, one list.
    assertThat(ranges(json).get("eks:ListNodegroups")).containsExactly(1, 1);
    // Limits stay cached under usage --force: no Service Quotas call.
    assertThat(ranges(json)).doesNotContainKey("servicequotas:ListServiceQuotas");

    CliRun pass = run("usage", "--force", "--textfile-dir", textfiles.toString());
    assertThat(pass.exitCode()).as(pass.toString()).isZero();
    Map<String, Long> actual = new TreeMap<>(apiCalls("aws_quota_usage.prom"));
    // moto holds more than 1,000 self-owned AMI snapshots a region and answers DescribeSnapshots
    // in one page whatever MaxResults says (its handler has no NextToken); AWS pages them by 1,000
    // as the plan counts from the cached snapshot count.
    long snapshots = actual.remove("ec2:DescribeSnapshots");
    assertThat(ranges(json).get("ec2:DescribeSnapshots")[0]).isGreaterThanOrEqualTo(snapshots);
    assertWithin(json, actual);
  }

  @Test
  @Order(5)
  void aBadFlagIsOneLineNamingItAndExit2() {
    CliRun run = run("plan", "usage", "--usage-ttl", "-1h");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines().findFirst().orElseThrow())
        .startsWith("quota-cli: error: ")
        .contains("--usage-ttl");
    CliRun account = run("plan", "limits", "--account", "123");
    assertThat(account.exitCode()).as(account.toString()).isEqualTo(2);
    assertThat(account.err().strip().lines())
        .containsExactly("quota-cli: error: --account '123' is not a 12-digit account id");
    CliRun none = run("plan");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("plan: name the subcommand");
  }

  @Test
  @Order(6)
  void discoverRegionsAndCostArePlannedWithoutACall() throws Exception {
    int quotasBefore = quotas.totalRequests();

    CliRun discover = run("plan", "discover-regions", "--format", "json");
    CliRun cost = run("plan", "cost", "--no-run-rate", "--format", "json");

    assertThat(discover.exitCode()).as(discover.toString()).isZero();
    assertThat(ranges(JSON.readTree(discover.out())).get("ec2:DescribeRegions"))
        .containsExactly(2, 2);
    assertThat(cost.exitCode()).as(cost.toString()).isZero();
    JsonNode c = JSON.readTree(cost.out());
    // Each account its own scope, nothing cached: (month to date,) last day, forecast, rightsizing.
    assertThat(c.at("/cost_explorer_requests/min").asLong()).isBetween(6L, 8L);
    assertThat(c.at("/cost_explorer_usd/min").asDouble())
        .isEqualTo(c.at("/cost_explorer_requests/min").asLong() * 0.01, within(1e-9));
    assertThat(ranges(c).keySet())
        .contains("ce:GetCostAndUsage", "ce:GetCostForecast", "ce:GetRightsizingRecommendation");
    assertThat(quotas.totalRequests()).isEqualTo(quotasBefore);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {seed, quotas, route53}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Every operation the pass called is planned, and its count is in the plan's range. */
  static void assertWithin(JsonNode plan, Map<String, Long> actual) {
    Map<String, long[]> ranges = ranges(plan);
    assertThat(ranges.keySet()).containsAll(actual.keySet());
    actual.forEach(
        (op, n) ->
            assertThat(n)
                .as(op + " in " + ranges.get(op)[0] + ".." + ranges.get(op)[1])
                .isBetween(ranges.get(op)[0], ranges.get(op)[1]));
  }

  /** {@code service:operation} → {min, max}, max {@link Long#MAX_VALUE} where unbounded. */
  static Map<String, long[]> ranges(JsonNode plan) {
    Map<String, long[]> out = new TreeMap<>();
    for (JsonNode c : plan.get("calls")) {
      out.put(
          c.get("service").asText() + ":" + c.get("operation").asText(),
          new long[] {
            c.get("min").asLong(), c.get("max").isNull() ? Long.MAX_VALUE : c.get("max").asLong()
          });
    }
    return out;
  }

  /** The {@code quota_cli_api_calls} lines of a written file, by service:operation (above 0). */
  static Map<String, Long> apiCalls(String file) throws java.io.IOException {
    Map<String, Long> out = new TreeMap<>();
    for (var s :
        PromText.select(
            PromText.parse(Files.readString(textfiles.resolve(file))), "quota_cli_api_calls")) {
      if (s.value() > 0) {
        out.put(s.label("service") + ":" + s.label("operation"), (long) s.value());
      }
    }
    return out;
  }

  static CliRun run(String... extra) {
    List<String> args = new ArrayList<>(List.of(extra));
    boolean planning = extra[0].equals("plan");
    if (planning && extra.length < 2) {
      return Cli.run(Map.of(), args.toArray(String[]::new));
    }
    args.addAll(
        List.of(
            "--accounts-file",
            accountsFile.toString(),
            "--quotas",
            "src/test/resources/usage-estate/quotas.yaml",
            "--cache-dir",
            cache.toString(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--service-endpoint",
            "servicequotas=" + quotas.endpoint(),
            "--service-endpoint",
            "route53=" + route53.endpoint()));
    if (args.contains("cost")) {
      // cost takes no --quotas, and plan cost takes exactly cost's options.
      int i = args.indexOf("--quotas");
      args.subList(i, i + 2).clear();
    }
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  /** AWS defaults (any region); no applied values. */
  private static void stubQuotas() {
    quotas
        .anyRegion()
        .service("ec2")
        .defaults(
            quota("L-1216C47A", "Running On-Demand Standard instances", 64),
            quota("L-DB2E81BA", "Running On-Demand G and VT instances", 8),
            quota("L-1945791B", "Running On-Demand Inf instances", 8),
            quota("L-0263D0A3", "EC2-VPC Elastic IPs", 5));
    quotas
        .anyRegion()
        .service("ebs")
        .defaults(
            quota("L-7A658B76", "Storage for gp3 volumes, in TiB", 50),
            quota("L-D18FCD1D", "Storage for gp2 volumes, in TiB", 50),
            quota("L-FD252861", "Storage for io1 volumes, in TiB", 50),
            quota("L-B3A130E6", "IOPS for io1 volumes", 300000),
            quota("L-309BACF6", "Snapshots per Region", 100000));
    quotas
        .anyRegion()
        .service("elasticloadbalancing")
        .defaults(
            quota("L-53DA6B97", "Application Load Balancers per Region", 50),
            quota("L-69A177A2", "Network Load Balancers per Region", 50),
            quota("L-E9E9831D", "Classic Load Balancers per Region", 20),
            quota("L-B22855CB", "Target Groups per Region", 3000),
            quota("L-B6DF7632", "Listeners per Application Load Balancer", 50)
                .usageMetric(
                    "AWS/Usage", "ResourceCount", UsageEndToEndIT.listenerDimensions(), "Maximum"));
    quotas
        .anyRegion()
        .service("eks")
        .defaults(
            quota("L-1194D53C", "Clusters", 100),
            quota("L-6D54EA21", "Managed node groups per cluster", 30),
            quota("L-23414FF3", "Label pairs per Fargate profile selector", 5));
    quotas
        .anyRegion()
        .service("elasticache")
        .defaults(quota("L-DFE45DF3", "Nodes per Region", 300));
    quotas.anyRegion().service("route53").defaults(quota("L-4EA4796A", "Hosted zones", 500));
    quotas
        .anyRegion()
        .service("cloudfront")
        .defaults(quota("L-24B04930", "Web distributions per AWS account", 200));
    quotas
        .anyRegion()
        .service("sagemaker")
        .defaults(
            quota("L-04CE2E67", "Total number of notebook instances", 8),
            quota("L-E17566B7", "ml.t3.medium for notebook instance usage", 6),
            quota("L-2F737F8D", "ml.m5.xlarge for endpoint usage", 4));
  }
}
