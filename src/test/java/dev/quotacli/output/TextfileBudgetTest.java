package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.config.QuotaConfig;
import dev.quotacli.config.QuotasConfig;
import dev.quotacli.config.QuotasConfigParser;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.ExportPolicy;
import dev.quotacli.quota.LimitMerger;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaSelection;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import dev.quotacli.quota.UsageOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The size of the textfiles per account and region, with the bundled quotas.yaml and catalogues as
 * large as AWS's: EC2 has about 1,700 quotas per region and SageMaker about 800, half of them one
 * per instance type, which the discovery rules pick up. Most quotas sit at their default and most
 * usage is 0; the files must not grow with the catalogue.
 */
class TextfileBudgetTest {
  static final int LIMITS_BUDGET = 150;
  static final int USAGE_BUDGET = 300;

  static final int EC2_QUOTAS = 1_700;
  static final int SAGEMAKER_QUOTAS = 800;

  /** Discovered, default 0, applied 4 by a quota increase: exported in the limits file. */
  static final String RAISED = "ml.p4d.24xlarge for endpoint usage";

  /**
   * Discovered, applied at its default (as ListServiceQuotas answers most quotas): not exported.
   */
  static final String APPLIED_AT_DEFAULT = "ml.c5.xlarge for endpoint usage";

  /** Discovered, at its default, 3 instances in use: exported in the usage file only. */
  static final String USED = "ml.g5.2xlarge for training job usage";

  /** Discovered, at its default, usage 0: in neither file. */
  static final String IDLE = "ml.r5.large for notebook instance usage";

  static final List<String> FAMILIES =
      List.of(
          "t3", "m5", "c5", "g5", "p4d", "r5", "m5d", "m6i", "m7i", "c5d", "c6i", "c7i", "r6i",
          "g4dn", "g6", "p3", "p5", "inf1", "inf2", "trn1");
  static final List<String> SIZES =
      List.of("medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "24xlarge");
  static final List<String> DISCOVERED_KINDS =
      List.of("notebook instance", "endpoint", "training job", "spot training job");
  static final List<String> OTHER_KINDS = List.of("processing job", "transform job");

  static final ExportPolicy EXPORT = QuotasConfigParser.loadDefault().exportPolicy();
  static final Account ACCOUNT = anAccount("111111111111", "eu-west-1");
  static final Region REGION = new Region("eu-west-1");

  /** One service's Service Quotas answers: the applied list and the default list. */
  record Answers(List<ApiQuota> applied, List<ApiQuota> defaults) {}

  // ---------------------------------------------------------------------------------------------
  // The catalogues.

  /** A quota code no configured one has: L- and 8 hex digits, from the service and an index. */
  static String code(String service, int i) {
    return String.format("L-%08X", (service.hashCode() & 0xFFFF) << 16 | i);
  }

  static ApiQuota quota(String code, String name, double value) {
    return new ApiQuota(code, name, value, "None", null, null);
  }

  /**
   * A catalogue of {@code size} quotas: the configured ones and generic ones, each with a default;
   * every second quota also in the applied list at its default (ListServiceQuotas answers many
   * quotas that nobody raised), and the configured ones raised where {@code raised} says.
   */
  static Answers generic(ServiceConfig service, int size, Map<String, Double> raised) {
    List<ApiQuota> defaults = new ArrayList<>();
    List<ApiQuota> applied = new ArrayList<>();
    int i = 0;
    for (QuotaConfig q : service.quotas()) {
      add(defaults, applied, q.code(), q.name(), 5 + i % 20, i, raised);
      i++;
    }
    for (; i < size; i++) {
      String name = service.code() + " quota number " + i;
      add(defaults, applied, code(service.code(), i), name, 5 + i % 20, i, raised);
    }
    return new Answers(applied, defaults);
  }

  private static void add(
      List<ApiQuota> defaults,
      List<ApiQuota> applied,
      String code,
      String name,
      double value,
      int i,
      Map<String, Double> raised) {
    defaults.add(quota(code, name, value));
    if (raised.containsKey(code)) {
      applied.add(quota(code, name, raised.get(code)));
    } else if (i % 2 == 0) {
      applied.add(quota(code, name, value));
    }
  }

  /**
   * SageMaker: the configured quotas, one quota per instance type and usage kind (160 types × 4
   * discovered kinds, cut to half the catalogue, and 2 kinds no rule discovers), and generic ones.
   * The configured names that are per-instance-type keep their configured codes.
   */
  static Answers sagemaker(ServiceConfig service) {
    List<ApiQuota> defaults = new ArrayList<>();
    List<ApiQuota> applied = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    int i = 0;
    for (QuotaConfig q : service.quotas()) {
      defaults.add(quota(q.code(), q.name(), 20));
      applied.add(quota(q.code(), q.name(), 20));
      names.add(q.name());
    }
    List<String> typed = new ArrayList<>();
    for (String family : FAMILIES) {
      for (String size : SIZES) {
        for (String kind : DISCOVERED_KINDS) {
          typed.add("ml." + family + "." + size + " for " + kind + " usage");
        }
      }
    }
    typed = typed.subList(0, SAGEMAKER_QUOTAS / 2 + service.quotas().size());
    for (String kind : OTHER_KINDS) {
      for (String family : FAMILIES) {
        typed.add("ml." + family + ".xlarge for " + kind + " usage");
      }
    }
    for (String name : typed) {
      if (!names.add(name)) {
        continue; // configured
      }
      String code = code("sagemaker", i++);
      double byDefault = name.startsWith("ml.p") ? 0 : 2 + i % 8;
      defaults.add(quota(code, name, byDefault));
      if (name.equals(RAISED)) {
        applied.add(quota(code, name, 4));
      } else if (i % 2 == 0 || name.equals(APPLIED_AT_DEFAULT)) {
        applied.add(quota(code, name, byDefault));
      }
    }
    while (defaults.size() < SAGEMAKER_QUOTAS) {
      defaults.add(quota(code("sagemaker", i), "Maximum number of sagemaker things " + i, 10));
      i++;
    }
    return new Answers(applied, defaults);
  }

  // ---------------------------------------------------------------------------------------------
  // Targets as the collectors would hand them to the renderers.

  /** The limits a target's collection selects: merged applied over default, then QuotaSelection. */
  static List<QuotaLimit> select(ServiceConfig service, Answers answers) {
    var merged = LimitMerger.merge(answers.applied(), answers.defaults());
    assertThat(merged.problems()).isEmpty();
    return QuotaSelection.select(merged.limits(), service.quotaCodes(), service.discover())
        .limits();
  }

  /**
   * A target's result with usage: every selected quota counted (0 unless {@code used} says), the
   * ones in {@code fromCloudWatch} read from CloudWatch, those in {@code unknown} unknown.
   */
  static TargetResult.Collected collected(
      ServiceConfig service,
      Region region,
      List<QuotaLimit> limits,
      Map<String, Double> used,
      Set<String> fromCloudWatch,
      Set<String> unknown) {
    List<QuotaUsage> usage = new ArrayList<>();
    List<String> unknownLines = new ArrayList<>();
    for (QuotaLimit l : limits) {
      if (unknown.contains(l.code())) {
        unknownLines.add(l.code() + ": no counter and no usage metric");
        continue;
      }
      double value = used.getOrDefault(l.name(), used.getOrDefault(l.code(), 0.0));
      usage.add(
          new QuotaUsage(
              l.code(),
              value,
              fromCloudWatch.contains(l.code()) ? UsageOrigin.CLOUDWATCH : UsageOrigin.COUNTER));
    }
    return new TargetResult.Collected(
        new Target(ACCOUNT, region, service.code()), limits, false, List.of(), usage, unknownLines);
  }

  /** EC2 and SageMaker in one account and region, with AWS-sized catalogues. */
  static List<TargetResult> ec2AndSageMaker(QuotasConfig config) {
    ServiceConfig ec2 = config.service("ec2").orElseThrow();
    ServiceConfig sagemaker = config.service("sagemaker").orElseThrow();
    List<QuotaLimit> ec2Limits =
        select(ec2, generic(ec2, EC2_QUOTAS, Map.of("L-1216C47A", 1152.0, "L-0263D0A3", 20.0)));
    List<QuotaLimit> smLimits = select(sagemaker, sagemaker(sagemaker));
    return List.of(
        collected(
            ec2,
            REGION,
            ec2Limits,
            Map.of("L-1216C47A", 96.0, "L-0263D0A3", 3.0),
            Set.of("L-0263D0A3"),
            Set.of("L-A2478D36", "L-B665C33B")),
        collected(
            sagemaker,
            REGION,
            smLimits,
            Map.of(USED, 3.0, "L-04CE2E67", 1.0, "ml.t3.medium for notebook instance usage", 1.0),
            Set.of(),
            Set.of()));
  }

  /**
   * Every service of the bundled quotas.yaml in one account with one region (so the account's
   * global services count towards it), EC2 and SageMaker as above, the others with catalogues of
   * their real size.
   */
  static List<TargetResult> everyService(QuotasConfig config) {
    List<TargetResult> results = new ArrayList<>(ec2AndSageMaker(config));
    Map<String, Integer> sizes =
        Map.of(
            "ebs", 60,
            "elasticloadbalancing", 40,
            "eks", 20,
            "elasticache", 50,
            "route53", 15,
            "cloudfront", 60);
    for (ServiceConfig s : config.services()) {
      if (!sizes.containsKey(s.code())) {
        continue;
      }
      Region region = s.scope() == Scope.GLOBAL ? Region.GLOBAL : REGION;
      List<QuotaLimit> limits = select(s, generic(s, sizes.get(s.code()), Map.of()));
      results.add(collected(s, region, limits, Map.of(), Set.of(), Set.of()));
    }
    results.sort(null);
    return results;
  }

  static RunSummary aRun(String subcommand, List<TargetResult> results) {
    return RunSummary.ofTargets(
        subcommand,
        Instant.parse("2026-11-22T10:00:00Z"),
        Duration.ofSeconds(30),
        results,
        Map.of(),
        List.of(),
        Instant.parse("2026-11-22T09:00:00Z"));
  }

  static String limits(List<TargetResult> results) {
    return LimitsTextfile.render(aRun("limits", results), results, EXPORT, "1.0");
  }

  static String usage(List<TargetResult> results) {
    return UsageTextfile.render(aRun("usage", results), results, EXPORT, "1.0");
  }

  /**
   * Lines of a textfile that are not the per-run self-metrics, HELP and TYPE included: what one
   * account and region adds to it.
   */
  static long dataLines(String text) {
    String family = null;
    long n = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        family = line.split(" ")[2];
      }
      if (!isSelfMetric(family)) {
        n++;
      }
    }
    return n;
  }

  private static boolean isSelfMetric(String family) {
    return family.startsWith("quota_cli_")
        && !family.equals(UsageTextfile.ORIGIN)
        && !family.equals(UsageTextfile.UNKNOWN);
  }

  /**
   * What one more account and region adds to a file, self-metrics left out: the lines of the
   * results plus the same results for a second account, less the lines of the results alone. Series
   * shared by every account and region (quota_cli_usage_origin, HELP and TYPE) cost nothing more.
   */
  static long perAccountRegion(
      java.util.function.Function<List<TargetResult>, String> render, List<TargetResult> results) {
    Account other = anAccount("222222222222", "eu-west-1");
    List<TargetResult> two = new ArrayList<>(results);
    for (TargetResult r : results) {
      var c = (TargetResult.Collected) r;
      two.add(
          new TargetResult.Collected(
              new Target(other, c.target().region(), c.target().service()),
              c.limits(),
              c.fromCache(),
              c.warnings(),
              c.usage(),
              c.unknownUsage()));
    }
    two.sort(null);
    return dataLines(render.apply(two)) - dataLines(render.apply(results));
  }

  static long lines(String text, String family) {
    return text.lines().filter(l -> l.startsWith(family + "{")).count();
  }

  @Test
  void ec2AndSageMakerOfOneAccountAndRegionStayWithinTheBudget() {
    var results = ec2AndSageMaker(QuotasConfigParser.loadDefault());

    // The whole file of one account and region, and what each further one adds.
    assertThat(dataLines(limits(results))).isLessThanOrEqualTo(LIMITS_BUDGET);
    assertThat(dataLines(usage(results))).isLessThanOrEqualTo(USAGE_BUDGET);
    assertThat(perAccountRegion(TextfileBudgetTest::limits, results))
        .isLessThanOrEqualTo(LIMITS_BUDGET);
    assertThat(perAccountRegion(TextfileBudgetTest::usage, results))
        .isLessThanOrEqualTo(USAGE_BUDGET);
  }

  @Test
  void theCatalogueIsAwsSizedAndWouldBlowTheBudgetIfEveryDiscoveredQuotaWereExported() {
    QuotasConfig config = QuotasConfigParser.loadDefault();
    ServiceConfig sagemaker = config.service("sagemaker").orElseThrow();
    var answers = sagemaker(sagemaker);
    var discovered =
        select(sagemaker, answers).stream()
            .filter(l -> !sagemaker.quotaCodes().contains(l.code()))
            .count();
    var results = ec2AndSageMaker(config);

    assertThat(answers.defaults()).hasSize(SAGEMAKER_QUOTAS);
    assertThat(discovered).isGreaterThanOrEqualTo(SAGEMAKER_QUOTAS / 2);
    assertThat(
            dataLines(
                LimitsTextfile.render(
                    aRun("limits", results), results, ExportPolicy.EVERYTHING, "1.0")))
        .isGreaterThan(3 * LIMITS_BUDGET);
    assertThat(
            dataLines(
                UsageTextfile.render(
                    aRun("usage", results), results, ExportPolicy.EVERYTHING, "1.0")))
        .isGreaterThan(2 * USAGE_BUDGET);
  }

  @Test
  void aDiscoveredQuotaIsExportedOnlyWhereRaisedOrInUse() {
    var results = ec2AndSageMaker(QuotasConfigParser.loadDefault());
    String limits = limits(results);
    String usage = usage(results);

    String everything =
        LimitsTextfile.render(aRun("limits", results), results, ExportPolicy.EVERYTHING, "1.0");
    for (String name : List.of(RAISED, APPLIED_AT_DEFAULT, USED, IDLE)) {
      assertThat(everything).as("selected").contains("quota_name=\"" + name + "\"");
    }

    assertThat(limits).contains("quota_name=\"" + RAISED + "\"");
    assertThat(limits)
        .doesNotContain("quota_name=\"" + APPLIED_AT_DEFAULT + "\"")
        .doesNotContain("quota_name=\"" + USED + "\"")
        .doesNotContain("quota_name=\"" + IDLE + "\"");
    assertThat(usage).contains("quota_name=\"" + USED + "\"");
    assertThat(usage)
        .doesNotContain("quota_name=\"" + RAISED + "\"")
        .doesNotContain("quota_name=\"" + IDLE + "\"");
    // Listed quotas keep their series, at their default and unused too.
    ServiceConfig sagemaker = QuotasConfigParser.loadDefault().service("sagemaker").orElseThrow();
    ServiceConfig ec2 = QuotasConfigParser.loadDefault().service("ec2").orElseThrow();
    int listed = sagemaker.quotas().size() + ec2.quotas().size();
    assertThat(lines(limits, LimitsTextfile.LIMIT)).isEqualTo(listed + 1); // + RAISED
    // An applied series only where the value differs from the default: RAISED among them.
    assertThat(lines(limits, LimitsTextfile.APPLIED)).isBetween(1L, (long) listed + 1);
    assertThat(limits)
        .containsPattern(LimitsTextfile.APPLIED + "\\{[^}]*quota_name=\"" + RAISED + "\"");
    assertThat(lines(usage, UsageTextfile.USAGE)).isEqualTo(listed - 2 + 1); // 2 unknown; + USED
  }

  /**
   * Every service of the bundled quotas.yaml: what the discovered quotas add does not grow with the
   * catalogue; the rest is the listed quotas, one limit series each (an applied series only where
   * the value differs from the default) and two usage series. Both budgets hold per account and
   * region.
   */
  @Test
  void everyBundledServiceAddsOnlyItsListedQuotasAndTheNotableDiscoveredOnes() {
    QuotasConfig config = QuotasConfigParser.loadDefault();
    var results = everyService(config);
    int listed = config.services().stream().mapToInt(s -> s.quotas().size()).sum();
    String limits = limits(results);
    String usage = usage(results);

    assertThat(lines(limits, LimitsTextfile.LIMIT)).isEqualTo(listed + 1);
    assertThat(lines(usage, UsageTextfile.USAGE)).isEqualTo(listed - 2 + 1);
    assertThat(perAccountRegion(TextfileBudgetTest::usage, results))
        .isLessThanOrEqualTo(USAGE_BUDGET);
    assertThat(perAccountRegion(TextfileBudgetTest::limits, results))
        .isLessThanOrEqualTo(LIMITS_BUDGET);
  }
}
