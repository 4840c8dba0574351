package dev.quotacli.testing;

import static dev.quotacli.testing.ServiceQuotasStub.quota;

import dev.quotacli.config.QuotaConfig;
import dev.quotacli.config.QuotasConfigParser;
import dev.quotacli.config.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Service Quotas catalogues the size of AWS's, for {@link ServiceQuotasStub}: what
 * ListAWSDefaultServiceQuotas lists for {@code ec2} ({@value #EC2_SIZE} quotas, 18 pages of 100)
 * and {@code sagemaker} ({@value #SAGEMAKER_SIZE}, 9 pages) in one account and region.
 * Deterministic: the same lists every time, in quota-code order.
 *
 * <p>What is real and what is generated:
 *
 * <ul>
 *   <li>Every quota the bundled {@code quotas.yaml} configures for the service keeps its real code
 *       and name, and the AWS default of {@link #CONFIGURED_DEFAULTS} (a public dump of AWS's
 *       adjustable quotas, Feb 2024: gruntwork-io/terraform-aws-utilities docs/quotas.md). The EC2
 *       vCPU quotas carry their AWS/Usage {@code ResourceCount} usage metric (shape as in AWS's CLI
 *       example for L-1216C47A; the Class values of the other classes follow its pattern).
 *   <li>The other quotas are filler with generated codes ({@code L-} + the first 8 hex digits of
 *       SHA-256 of {@code "<service>:<name>"}, rehashed with {@code ":<n>"} on a clash). EC2: 28
 *       account-wide quotas and "Running Dedicated &lt;family&gt; Hosts" per instance family with
 *       AWS's names and defaults, then per-family kinds whose names are synthetic (AWS style,
 *       Adjustable false) to reach the size the fleet-scale issue gives: the public dump lists only
 *       155 adjustable EC2 quotas, the issue ~1,700 in all. SageMaker: AWS's per-instance-type
 *       kinds ({@code ml.<type> for endpoint usage}, Studio apps, ...) over a list of ML instance
 *       types, and AWS's service-wide quotas with their defaults; about half are the four kinds the
 *       bundled discovery rules select (notebook instance, endpoint, training job, spot training
 *       job usage), as in AWS's list.
 * </ul>
 *
 * <p>bench/catalogue.py builds the same catalogues in Python for the benchmark's WireMock (same
 * tables, same hashing): {@link #fingerprint} and {@code python3 bench/estate.py catalogue
 * --fingerprint} give the same digests while the two agree (AwsCatalogueTest pins them).
 */
public final class AwsCatalogue {
  public static final int EC2_SIZE = 1730;
  public static final int SAGEMAKER_SIZE = 810;
  public static final Map<String, Integer> SIZES =
      Map.of("ec2", EC2_SIZE, "sagemaker", SAGEMAKER_SIZE);

  /** The AWS defaults of the configured quotas (the public dump named above). */
  public static final Map<String, Double> CONFIGURED_DEFAULTS =
      Map.ofEntries(
          // ec2: vCPU quotas, Elastic IPs, transit gateways, AMIs
          Map.entry("L-1216C47A", 5.0),
          Map.entry("L-74FC7D96", 0.0),
          Map.entry("L-DB2E81BA", 0.0),
          Map.entry("L-1945791B", 0.0),
          Map.entry("L-417A185B", 0.0),
          Map.entry("L-7295265B", 0.0),
          Map.entry("L-6E869C2A", 0.0),
          Map.entry("L-43DA4232", 0.0),
          Map.entry("L-2C3B7624", 0.0),
          Map.entry("L-F7808C92", 0.0),
          Map.entry("L-34B43A08", 5.0),
          Map.entry("L-88CF9481", 0.0),
          Map.entry("L-3819A6DF", 0.0),
          Map.entry("L-B5D1601B", 0.0),
          Map.entry("L-7212CCBC", 0.0),
          Map.entry("L-C4BD4855", 0.0),
          Map.entry("L-E3A00192", 0.0),
          Map.entry("L-85EED4F7", 0.0),
          Map.entry("L-6B0D517C", 0.0),
          Map.entry("L-0263D0A3", 5.0),
          Map.entry("L-A2478D36", 5.0),
          Map.entry("L-B665C33B", 50000.0),
          // sagemaker
          Map.entry("L-04CE2E67", 8.0),
          Map.entry("L-E17566B7", 6.0),
          Map.entry("L-76AB2C05", 1.0),
          Map.entry("L-E8917BB7", 0.0),
          Map.entry("L-7A3DF611", 4.0),
          Map.entry("L-ED8DEE9B", 4.0),
          Map.entry("L-2F737F8D", 0.0),
          Map.entry("L-1928E07B", 0.0),
          Map.entry("L-99AD19BF", 5.0),
          Map.entry("L-00C91CB5", 4.0),
          Map.entry("L-CCE2AFA6", 0.0),
          Map.entry("L-622CFD70", 20.0),
          Map.entry("L-93958082", 4.0),
          Map.entry("L-4CEE6BA6", 4.0),
          Map.entry("L-F311B08F", 4.0));

  /** The AWS/Usage Class dimension of each EC2 vCPU quota. */
  static final Map<String, String> VCPU_CLASSES =
      Map.ofEntries(
          Map.entry("L-1216C47A", "Standard/OnDemand"),
          Map.entry("L-74FC7D96", "F/OnDemand"),
          Map.entry("L-DB2E81BA", "G/OnDemand"),
          Map.entry("L-1945791B", "Inf/OnDemand"),
          Map.entry("L-417A185B", "P/OnDemand"),
          Map.entry("L-7295265B", "X/OnDemand"),
          Map.entry("L-6E869C2A", "DL/OnDemand"),
          Map.entry("L-43DA4232", "HighMem/OnDemand"),
          Map.entry("L-2C3B7624", "Trn/OnDemand"),
          Map.entry("L-F7808C92", "HPC/OnDemand"),
          Map.entry("L-34B43A08", "Standard/Spot"),
          Map.entry("L-88CF9481", "F/Spot"),
          Map.entry("L-3819A6DF", "G/Spot"),
          Map.entry("L-B5D1601B", "Inf/Spot"),
          Map.entry("L-7212CCBC", "P/Spot"),
          Map.entry("L-C4BD4855", "P5/Spot"),
          Map.entry("L-E3A00192", "X/Spot"),
          Map.entry("L-85EED4F7", "DL/Spot"),
          Map.entry("L-6B0D517C", "Trn/Spot"));

  /** EC2's account-wide quotas besides the configured ones: name and AWS default. */
  static final Object[][] EC2_ACCOUNT_WIDE = {
    {"AMI sharing", 1000},
    {"Amazon FPGA images (AFIs)", 100},
    {"Attachments per transit gateway", 5000},
    {"Authorization rules per Client VPN endpoint", 50},
    {"Client VPN endpoints per Region", 5},
    {"Concurrent client connections per Client VPN endpoint", 20000},
    {"Customer gateways per region", 50},
    {"EC2-Classic Elastic IPs", 5},
    {"Members per transit gateway multicast group", 100},
    {"Multicast Network Interfaces per transit gateway", 1000},
    {"Multicast domain associations per VPC", 20},
    {"Multicast domains per transit gateway", 20},
    {"New Reserved Instances per month", 20},
    {"Number of Elastic Graphics accelerators", 20},
    {"Peering attachments per transit gateway", 50},
    {"Pending peering attachments per transit gateway", 10},
    {"Public AMIs", 5},
    {"Route Tables per transit gateway", 20},
    {"Routes per Client VPN endpoint", 10},
    {"Routes per transit gateway", 10000},
    {"Sources per transit gateway multicast group", 1},
    {"VPN connections per VGW", 10},
    {"VPN connections per region", 50},
    {"Verified Access Endpoints", 50},
    {"Verified Access Groups", 10},
    {"Verified Access Instances", 5},
    {"Verified Access Trust Providers", 15},
    {"Virtual private gateways per region", 5},
  };

  /** EC2 instance families (Dedicated Hosts and the per-family kinds). */
  static final List<String> EC2_FAMILIES =
      List.of(
          "a1",
          "c3",
          "c4",
          "c5",
          "c5a",
          "c5ad",
          "c5d",
          "c5n",
          "c6a",
          "c6g",
          "c6gd",
          "c6gn",
          "c6i",
          "c6id",
          "c6in",
          "c7a",
          "c7g",
          "c7gd",
          "c7gn",
          "c7i",
          "c7i-flex",
          "c8g",
          "c8gd",
          "d2",
          "d3",
          "d3en",
          "dl1",
          "dl2q",
          "f1",
          "f2",
          "g3",
          "g3s",
          "g4ad",
          "g4dn",
          "g5",
          "g5g",
          "g6",
          "g6e",
          "g6f",
          "gr6",
          "gr6f",
          "h1",
          "hpc6a",
          "hpc6id",
          "hpc7a",
          "hpc7g",
          "i2",
          "i3",
          "i3en",
          "i4g",
          "i4i",
          "i7i",
          "i7ie",
          "i8g",
          "im4gn",
          "inf1",
          "inf2",
          "is4gen",
          "m1",
          "m2",
          "m3",
          "m4",
          "m5",
          "m5a",
          "m5ad",
          "m5d",
          "m5dn",
          "m5n",
          "m5zn",
          "m6a",
          "m6g",
          "m6gd",
          "m6i",
          "m6id",
          "m6idn",
          "m6in",
          "m7a",
          "m7g",
          "m7gd",
          "m7i",
          "m7i-flex",
          "m8g",
          "m8gd",
          "mac1",
          "mac2",
          "mac2-m1ultra",
          "mac2-m2",
          "mac2-m2pro",
          "p2",
          "p3",
          "p3dn",
          "p4d",
          "p4de",
          "p5",
          "p5e",
          "p5en",
          "p6-b200",
          "r3",
          "r4",
          "r5",
          "r5a",
          "r5ad",
          "r5b",
          "r5d",
          "r5dn",
          "r5n",
          "r6a",
          "r6g",
          "r6gd",
          "r6i",
          "r6id",
          "r6idn",
          "r6in",
          "r7a",
          "r7g",
          "r7gd",
          "r7i",
          "r7iz",
          "r8g",
          "r8gd",
          "t1",
          "t2",
          "t3",
          "t3a",
          "t4g",
          "trn1",
          "trn1n",
          "trn2",
          "u-3tb1",
          "u-6tb1",
          "u-9tb1",
          "u-12tb1",
          "u-18tb1",
          "u-24tb1",
          "u7i-6tb",
          "u7i-8tb",
          "u7i-12tb",
          "u7in-16tb",
          "u7in-24tb",
          "u7in-32tb",
          "vt1",
          "x1",
          "x1e",
          "x2gd",
          "x2idn",
          "x2iedn",
          "x2iezn",
          "x8g",
          "z1d",
          "c1",
          "cc2",
          "cr1",
          "g2",
          "hs1");

  /**
   * Per-family kinds, in order: name template ({@code %s} = family), Adjustable, the values a
   * default is picked from, description template. Only the first is an AWS name.
   */
  static final Object[][] EC2_FAMILY_KINDS = {
    {
      "Running Dedicated %s Hosts",
      true,
      new int[] {0},
      "The maximum number of Dedicated Hosts of the %s instance family in this account in the"
          + " current Region."
    },
    {"%s instances per Dedicated Host", false, new int[] {1, 2, 4, 8, 16, 32, 48, 96}, null},
    {"%s instances per cluster placement group", false, new int[] {50, 100, 200, 500}, null},
    {"%s instances per spread placement group per Availability Zone", false, new int[] {7}, null},
    {"%s instances per partition placement group partition", false, new int[] {100, 500}, null},
    {"On-Demand Capacity Reservations for %s instances", false, new int[] {0, 5, 10, 20}, null},
    {"%s instances per On-Demand Capacity Reservation", false, new int[] {100, 500, 1000}, null},
    {"Capacity Blocks for %s instances", false, new int[] {0, 1, 2, 4}, null},
    {"%s instances per EC2 Fleet", false, new int[] {1000, 5000, 10000}, null},
    {"Spot Instance pools for %s instances per EC2 Fleet", false, new int[] {50, 100, 200}, null},
    {"Reserved Instances for %s instances purchased per month", false, new int[] {20, 50}, null},
  };

  /** SageMaker ML instance families and their sizes, in order. */
  static final Object[][] ML_FAMILIES = {
    {"t2", "medium large xlarge 2xlarge"},
    {"t3", "medium large xlarge 2xlarge"},
    {"m4", "xlarge 2xlarge 4xlarge 10xlarge 16xlarge"},
    {"m5", "large xlarge 2xlarge 4xlarge 12xlarge 24xlarge"},
    {"m5d", "large xlarge 2xlarge 4xlarge 12xlarge 24xlarge"},
    {"m6g", "medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"},
    {"m6i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge"},
    {"m7i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"},
    {"c4", "xlarge 2xlarge 4xlarge 8xlarge"},
    {"c5", "large xlarge 2xlarge 4xlarge 9xlarge 18xlarge"},
    {"c5d", "large xlarge 2xlarge 4xlarge 9xlarge 18xlarge"},
    {"c6g", "medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"},
    {"c6i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge"},
    {"c7i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"},
    {"r5", "large xlarge 2xlarge 4xlarge 12xlarge 24xlarge"},
    {"r5d", "large xlarge 2xlarge 4xlarge 12xlarge 24xlarge"},
    {"r6g", "medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"},
    {"r6i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge"},
    {"r7i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"},
    {"g4dn", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"},
    {"g5", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"},
    {"g6", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"},
    {"g6e", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"},
    {"p2", "xlarge 8xlarge 16xlarge"},
    {"p3", "2xlarge 8xlarge 16xlarge"},
    {"p3dn", "24xlarge"},
    {"p4d", "24xlarge"},
    {"p4de", "24xlarge"},
    {"p5", "48xlarge"},
    {"p5e", "48xlarge"},
    {"inf1", "xlarge 2xlarge 6xlarge 24xlarge"},
    {"inf2", "xlarge 8xlarge 24xlarge 48xlarge"},
    {"trn1", "2xlarge 32xlarge"},
    {"trn1n", "32xlarge"},
  };

  private static final String NOTEBOOK_FAMILIES = "t2 t3 m4 m5 m5d c4 c5 c5d r5 p2 p3 g4dn g5 g6";
  private static final String TRAINING_FAMILIES =
      "m4 m5 c4 c5 p2 p3 p3dn p4d p4de p5 p5e g4dn g5 trn1 trn1n m6i c6i";
  private static final String STUDIO_FAMILIES = "t3 m5 m5d c5 r5 g4dn g5 g6 p3 m6i";

  /**
   * SageMaker's per-instance-type kinds, in order: name template ({@code %s} = ml.type), the
   * families (null = all but trn), the values a default is picked from. The first four are the ones
   * the bundled discovery rules select.
   */
  static final Object[][] ML_KINDS = {
    {"%s for notebook instance usage", NOTEBOOK_FAMILIES, new int[] {0, 0, 1, 2, 5}},
    {"%s for endpoint usage", null, new int[] {0, 0, 0, 1, 2, 4}},
    {"%s for training job usage", TRAINING_FAMILIES, new int[] {0, 0, 1, 2, 4}},
    {"%s for spot training job usage", TRAINING_FAMILIES, new int[] {0, 0, 1, 2, 4}},
    {"%s for training warm pool usage", TRAINING_FAMILIES, new int[] {0, 0, 1, 2, 4}},
    {"Studio JupyterLab Apps running on %s instances", STUDIO_FAMILIES, new int[] {0, 1, 2, 4}},
    {"Studio CodeEditor Apps running on %s instances", STUDIO_FAMILIES, new int[] {0, 1, 2, 4}},
    {"Studio KernelGateway Apps running on %s instance", STUDIO_FAMILIES, new int[] {0, 1, 2, 4}},
    {"%s for processing job usage", "m4 m5 c4 c5 r5 g4dn g5 p3", new int[] {0, 0, 1, 2, 4}},
    {"%s for cluster usage", "c5 m5 g5 g6 p4d p4de p5 p5e trn1 trn1n r6i", new int[] {0, 0, 1, 2}},
    {"%s for transform job usage", "m4 m5 c4 c5 p2 p3 g4dn", new int[] {0, 0, 1, 2, 4}},
    {
      "RSessionGateway Apps running on %s instance", "t3 m5 c5 r5 g4dn g5 m6i c6i", new int[] {0, 1}
    },
  };

  /** How many of {@link #ML_KINDS} the bundled discovery rules select. */
  static final int ML_DISCOVERED_KINDS = 4;

  /** SageMaker's service-wide quotas besides the configured ones: name, unit and AWS default. */
  static final Object[][] SAGEMAKER_SERVICE_WIDE = {
    {"Canvas Apps running on system instances", "None", 10},
    {"Longest run time for a training job", "Seconds", 432000},
    {"Maximum number instances allowed per SageMaker HyperPod cluster", "None", 20},
    {"Maximum number of A2I flow definitions", "None", 100},
    {"Maximum number of A2I human task UIs", "None", 100},
    {"Maximum number of Ground Truth Streaming labeling jobs", "None", 0},
    {"Maximum number of Ground Truth labeling jobs", "None", 1},
    {"Maximum number of SageMaker Model Package Groups allowed per account", "None", 250},
    {"Maximum number of SageMaker Model Package allowed per account", "None", 10000},
    {"Maximum number of SageMakerImage images allowed per account", "None", 250},
    {"Maximum number of Studio spaces allowed per account", "None", 6},
    {"Maximum number of Studio user profiles allowed per account", "None", 2},
    {"Maximum number of concurrent AutoML Jobs", "None", 1},
    {"Maximum number of concurrent pipeline executions allowed per account", "None", 20},
    {
      "Maximum number of concurrently running model card export jobs allowed per account.",
      "None",
      20
    },
    {"Maximum number of deployment plans that can be simultaneously created", "None", 2},
    {"Maximum number of device-fleets", "None", 2},
    {"Maximum number of devices", "None", 400},
    {"Maximum number of instances per spot training job", "None", 20},
    {"Maximum number of model card versions allowed per account.", "None", 100},
    {"Maximum number of parallel compilation jobs", "None", 2},
    {"Maximum number of parallel edge-deployments", "None", 2},
    {"Maximum number of parallel edge-packaging jobs", "None", 2},
    {"Maximum number of pipelines allowed per account", "None", 500},
    {"Maximum number of running Studio apps allowed per account", "None", 40},
    {"Maximum total concurrency that can be allocated across all serverless endpoints", "None", 10},
    {"Number of elastic inference accelerators across active endpoints", "None", 0},
    {"Number of instances across all transform jobs", "None", 4},
    {"RStudioServerPro Apps running on system instances", "None", 1},
    {"SageMaker Profiler Apps running on system instances", "None", 5},
    {"Size of EBS volume for a training job instance", "Gigabytes", 1024},
    {"Studio Jupyter Apps running on system instances", "None", 10},
    {"TensorBoard Apps running on system instances", "None", 10},
    {"Total EBS volume size in GB across all Studio Spaces", "Gigabytes", 500},
    {"Total domains", "None", 2},
    {"Total number of instances allowed across SageMaker HyperPod clusters", "None", 0},
  };

  private AwsCatalogue() {}

  /** The services that have a catalogue. */
  public static Set<String> services() {
    return SIZES.keySet();
  }

  /** The catalogue of {@code service} with the bundled {@code quotas.yaml}'s quotas in it. */
  public static List<ServiceQuotasStub.Quota> of(String service) {
    ServiceConfig configured =
        QuotasConfigParser.loadDefault()
            .service(service)
            .orElseThrow(() -> new IllegalArgumentException("no such service: " + service));
    return of(service, configured.quotas());
  }

  /** The catalogue of {@code service} ("ec2" or "sagemaker") with {@code configured} in it. */
  public static List<ServiceQuotasStub.Quota> of(String service, List<QuotaConfig> configured) {
    Builder b = new Builder(service, SIZES.getOrDefault(service, 0));
    switch (service) {
      case "ec2" -> ec2(b, configured);
      case "sagemaker" -> sageMaker(b, configured);
      default ->
          throw new IllegalArgumentException("no AWS-sized catalogue for " + service + " here");
    }
    return b.build();
  }

  private static void ec2(Builder b, List<QuotaConfig> configured) {
    configured.forEach(b::configured);
    for (Object[] q : EC2_ACCOUNT_WIDE) {
      b.add((String) q[0], "None", true, (Integer) q[1], null);
    }
    for (Object[] kind : EC2_FAMILY_KINDS) {
      for (String family : EC2_FAMILIES) {
        String name = String.format(Locale.ROOT, (String) kind[0], family);
        int[] values = (int[]) kind[2];
        String description =
            kind[3] == null ? null : String.format(Locale.ROOT, (String) kind[3], family);
        b.add(name, "None", (Boolean) kind[1], b.pick(name, values), description);
      }
    }
  }

  private static void sageMaker(Builder b, List<QuotaConfig> configured) {
    configured.forEach(b::configured);
    for (int k = 0; k < ML_KINDS.length; k++) {
      if (k == ML_DISCOVERED_KINDS) {
        for (Object[] q : SAGEMAKER_SERVICE_WIDE) {
          b.add((String) q[0], (String) q[1], true, (Integer) q[2], null);
        }
      }
      Object[] kind = ML_KINDS[k];
      for (String type : mlTypes((String) kind[1])) {
        String name = String.format(Locale.ROOT, (String) kind[0], type);
        b.add(name, "None", true, b.pick(name, (int[]) kind[2]), null);
      }
    }
  }

  /** ml.&lt;family&gt;.&lt;size&gt; of the families listed (null: all but trn1/trn1n). */
  static List<String> mlTypes(String families) {
    Set<String> wanted = families == null ? null : Set.of(families.split(" "));
    List<String> out = new ArrayList<>();
    for (Object[] f : ML_FAMILIES) {
      String family = (String) f[0];
      boolean take = wanted == null ? !family.startsWith("trn") : wanted.contains(family);
      if (take) {
        for (String size : ((String) f[1]).split(" ")) {
          out.add("ml." + family + "." + size);
        }
      }
    }
    return out;
  }

  /**
   * SHA-256 (hex) of the catalogue's lines {@code code TAB name TAB value TAB unit TAB adjustable
   * TAB usage-metric-name}, in list order, each ending in a newline: the Python twin in
   * bench/estate.py prints the same while the two agree.
   */
  public static String fingerprint(List<ServiceQuotasStub.Quota> quotas) {
    StringBuilder s = new StringBuilder();
    for (ServiceQuotasStub.Quota q : quotas) {
      s.append(q.code())
          .append('\t')
          .append(q.name())
          .append('\t')
          .append((long) q.value())
          .append('\t')
          .append(q.unit())
          .append('\t')
          .append(q.adjustable())
          .append('\t')
          .append(q.usageMetricName() == null ? "-" : q.usageMetricName())
          .append('\n');
    }
    return HexFormat.of().formatHex(sha256(s.toString()));
  }

  /** {@code L-} and the first 8 hex digits (upper case) of SHA-256 of {@code service:name[:n]}. */
  static String code(String service, String name, int attempt) {
    String key = service + ":" + name + (attempt == 0 ? "" : ":" + attempt);
    return "L-" + HexFormat.of().withUpperCase().formatHex(sha256(key), 0, 4);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Collects quotas up to the size, skipping names already there; sorts by code at the end. */
  private static final class Builder {
    private final String service;
    private final int size;
    private final Map<String, ServiceQuotasStub.Quota> byName = new LinkedHashMap<>();
    private final Set<String> codes = new HashSet<>();
    private final Set<String> lowerNames = new HashSet<>();

    Builder(String service, int size) {
      this.service = service;
      this.size = size;
    }

    void configured(QuotaConfig q) {
      double value =
          CONFIGURED_DEFAULTS.getOrDefault(q.code(), (double) pick(q.name(), new int[] {0, 5}));
      ServiceQuotasStub.Quota quota = quota(q.code(), q.name(), value).adjustable(true);
      String vcpuClass = VCPU_CLASSES.get(q.code());
      if ("ec2".equals(service) && vcpuClass != null) {
        quota =
            quota.usageMetric(
                "AWS/Usage",
                "ResourceCount",
                Map.of(
                    "Class", vcpuClass, "Resource", "vCPU", "Service", "EC2", "Type", "Resource"),
                "Maximum");
      }
      put(quota);
    }

    void add(String name, String unit, boolean adjustable, int value, String description) {
      if (byName.size() >= size || lowerNames.contains(name.toLowerCase(Locale.ROOT))) {
        return;
      }
      String code = null;
      for (int attempt = 0; code == null || codes.contains(code); attempt++) {
        code = code(service, name, attempt);
      }
      ServiceQuotasStub.Quota q = quota(code, name, value).unit(unit).adjustable(adjustable);
      put(description == null ? q : q.description(description));
    }

    /** One of {@code values}, by the 5th byte of the name's hash. */
    int pick(String name, int[] values) {
      int b = sha256(service + ":" + name)[4] & 0xff;
      return values[b % values.length];
    }

    private void put(ServiceQuotasStub.Quota q) {
      if (!codes.add(q.code())) {
        throw new IllegalStateException("duplicate quota code " + q.code() + " in " + service);
      }
      lowerNames.add(q.name().toLowerCase(Locale.ROOT));
      byName.put(q.name(), q);
    }

    List<ServiceQuotasStub.Quota> build() {
      if (byName.size() != size) {
        throw new IllegalStateException(
            service + ": the tables give " + byName.size() + " quotas, not " + size);
      }
      List<ServiceQuotasStub.Quota> out = new ArrayList<>(byName.values());
      out.sort(Comparator.comparing(ServiceQuotasStub.Quota::code));
      return List.copyOf(out);
    }
  }
}
