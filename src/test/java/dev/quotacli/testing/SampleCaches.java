package dev.quotacli.testing;

import dev.quotacli.cache.AccountListCache;
import dev.quotacli.cache.BudgetStore;
import dev.quotacli.cache.CostCache;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.RightsizingSaving;
import dev.quotacli.cost.TagCostLine;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.TimeBudget;
import dev.quotacli.quota.UsageOrigin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small estate's cache directory, written through the cache classes: three accounts (one name
 * with HTML metacharacters), limits and usage in several regions and services (one limit entry
 * stale, one target without usage, one quota whose usage is unknown), run states with a failed
 * target, a degraded target, and a payer's Cost Explorer answers. For the report tests and {@code
 * docs/report.png} ({@code main DIR}).
 */
public final class SampleCaches {
  public static final String PROD = "111111111111";
  public static final String DATA = "222222222222";
  public static final String LAB = "333333333333";
  public static final String PROD_NAME = "payments-prod";
  public static final String DATA_NAME = "data-platform";

  /** HTML metacharacters, as a CMDB may hold them. */
  public static final String LAB_NAME = "R&D \"lab\" <eu>";

  public static final Region US_EAST_1 = new Region("us-east-1");
  public static final Region EU_WEST_1 = new Region("eu-west-1");

  private SampleCaches() {}

  /** {@code SampleCaches DIR}: writes the sample cache directory as of now. */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Instant.now());
  }

  /** Writes the sample into {@code root}, its ages counted back from {@code now}. */
  public static void write(Path root, Instant now) throws IOException {
    MutableClock clock = new MutableClock(now);
    LimitCache limits = new LimitCache(root, Duration.ofHours(24), clock);
    UsageCache usage = new UsageCache(root, Duration.ofHours(1), clock);
    Instant fresh = now.minus(Duration.ofMinutes(40));
    Instant counted = now.minus(Duration.ofMinutes(12));

    limits.write(
        PROD,
        US_EAST_1,
        "ec2",
        entry(
            limit(
                "L-1216C47A",
                "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
                256,
                LimitSource.APPLIED,
                false),
            limit(
                "L-34B43A08",
                "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests",
                64,
                LimitSource.DEFAULT,
                true),
            limit("L-0263D0A3", "EC2-VPC Elastic IPs", 5, LimitSource.APPLIED, true)),
        fresh);
    usage.write(
        PROD,
        US_EAST_1,
        "ec2",
        new UsageCache.Entry(
            List.of(usage("L-1216C47A", 240), usage("L-34B43A08", 12)),
            List.of("L-0263D0A3: DescribeAddresses: access denied")),
        counted);
    limits.write(
        PROD,
        EU_WEST_1,
        "ec2",
        entry(
            limit(
                "L-1216C47A",
                "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
                128,
                LimitSource.APPLIED,
                false),
            limit("L-0263D0A3", "EC2-VPC Elastic IPs", 5, LimitSource.DEFAULT, true)),
        fresh);
    usage.write(
        PROD,
        EU_WEST_1,
        "ec2",
        new UsageCache.Entry(List.of(usage("L-1216C47A", 98), usage("L-0263D0A3", 4)), List.of()),
        counted);
    limits.write(
        DATA,
        US_EAST_1,
        "ebs",
        entry(
            limit(
                "L-7A658B76",
                "Storage for General Purpose SSD (gp3) volumes, in TiB",
                50,
                LimitSource.DEFAULT,
                true),
            limit("L-309BACF6", "Number of EBS snapshots", 100000, LimitSource.DEFAULT, true)),
        fresh);
    usage.write(
        DATA,
        US_EAST_1,
        "ebs",
        new UsageCache.Entry(
            List.of(usage("L-7A658B76", 41.5), usage("L-309BACF6", 2210)), List.of()),
        counted);
    limits.write(
        DATA,
        US_EAST_1,
        "elasticloadbalancing",
        entry(
            limit(
                "L-53DA6B97",
                "Application Load Balancers per Region",
                50,
                LimitSource.DEFAULT,
                true)),
        fresh); // no usage cached for this target
    limits.write(
        LAB,
        Region.GLOBAL,
        "route53",
        entry(limit("L-4EA4796A", "Hosted zones", 500, LimitSource.APPLIED, false)),
        now.minus(Duration.ofDays(3))); // older than the 24 h limit TTL
    usage.write(
        LAB,
        Region.GLOBAL,
        "route53",
        new UsageCache.Entry(List.of(usage("L-4EA4796A", 31)), List.of()),
        counted);

    clock.set(now.minus(Duration.ofDays(2)));
    new AccountListCache(root, clock)
        .write(
            new AccountListCache.Entry(
                List.of(
                    account(PROD, PROD_NAME), account(DATA, DATA_NAME), account(LAB, LAB_NAME))));

    RunStateStore states = new RunStateStore(root, clock);
    Instant limitsRun = now.minus(Duration.ofMinutes(41));
    states.write(
        "limits",
        new RunStateStore.RunState(
            limitsRun,
            7.4,
            4,
            0,
            0,
            limitsRun.plusSeconds(8),
            Map.of(
                PROD + "/us-east-1/ec2", limitsRun.plusSeconds(3),
                PROD + "/eu-west-1/ec2", limitsRun.plusSeconds(4),
                DATA + "/us-east-1/ebs", limitsRun.plusSeconds(5),
                DATA + "/us-east-1/elasticloadbalancing", limitsRun.plusSeconds(6))));
    Instant usageRun = now.minus(Duration.ofMinutes(13));
    states.write(
        "usage",
        new RunStateStore.RunState(
            usageRun,
            21.9,
            4,
            1,
            0,
            now.minus(Duration.ofHours(3)),
            Map.of(
                PROD + "/us-east-1/ec2", usageRun.plusSeconds(3),
                PROD + "/eu-west-1/ec2", usageRun.plusSeconds(4),
                DATA + "/us-east-1/ebs", usageRun.plusSeconds(5),
                DATA + "/us-east-1/elasticloadbalancing", now.minus(Duration.ofHours(3)),
                LAB + "/global/route53", usageRun.plusSeconds(7))));
    clock.set(now);
    new BudgetStore(root, clock)
        .update(
            m -> {
              m.put(DATA + "/us-east-1", new TimeBudget.State(-30, now));
              return m;
            });

    Instant asked = now.minus(Duration.ofHours(2));
    new CostCache(root, Duration.ofHours(6), clock)
        .write(
            PROD,
            new CostCache.Entry(
                Map.of(
                    "month_to_date",
                    part(
                        asked,
                        List.of(
                            line(PROD, "Amazon Elastic Compute Cloud - Compute", 8412.37),
                            line(PROD, "Amazon Relational Database Service", 2210.05),
                            line(DATA, "Amazon Simple Storage Service", 1533.2),
                            line(DATA, "Amazon Elastic Compute Cloud - Compute", 977.8),
                            line(LAB, "Amazon SageMaker", 402.11)),
                        List.of(),
                        null,
                        List.of()),
                    "last_day",
                    part(
                        asked,
                        List.of(
                            line(PROD, "Amazon Elastic Compute Cloud - Compute", 601.4),
                            line(DATA, "Amazon Simple Storage Service", 110.0)),
                        List.of(),
                        null,
                        List.of()),
                    "forecast",
                    part(
                        asked,
                        List.of(),
                        List.of(),
                        new Forecast(PROD, 21000, null, null),
                        List.of()),
                    "forecast:" + PROD,
                    part(
                        asked,
                        List.of(),
                        List.of(),
                        new Forecast(PROD, 14800.5, 13900.0, 15700.0),
                        List.of()),
                    "forecast:" + DATA,
                    part(
                        asked,
                        List.of(),
                        List.of(),
                        new Forecast(DATA, 3600, null, null),
                        List.of()),
                    "tags:Team",
                    part(
                        asked,
                        List.of(),
                        List.of(
                            tag("Team", "payments", "Amazon Elastic Compute Cloud - Compute", 7900),
                            tag("Team", "data", "Amazon Simple Storage Service", 1500),
                            tag("Team", "", "Amazon SageMaker", 402.11)),
                        null,
                        List.of()),
                    "rightsizing",
                    part(
                        asked,
                        List.of(),
                        List.of(),
                        null,
                        List.of(
                            new RightsizingSaving(PROD, "MODIFY", 412.8, 6),
                            new RightsizingSaving(DATA, "TERMINATE", 95.0, 2)))),
                Map.of()));
    new CostCache(root, Duration.ofHours(6), clock)
        .writeLastRun("", new CostCache.LastRun(asked, 9, 100, 1, 0, Map.of(), List.of()));
  }

  private static LimitCache.Entry entry(QuotaLimit... quotas) {
    return new LimitCache.Entry(true, List.of(quotas));
  }

  private static QuotaLimit limit(
      String code, String name, double value, LimitSource source, boolean atDefault) {
    return new QuotaLimit(code, name, value, source, "None", null, atDefault);
  }

  private static QuotaUsage usage(String code, double value) {
    return new QuotaUsage(code, value, UsageOrigin.COUNTER);
  }

  private static AccountListCache.CachedAccount account(String id, String name) {
    return new AccountListCache.CachedAccount(
        id, name, "arn:aws:iam::" + id + ":role/quota-reader", null, List.of());
  }

  private static CostLine line(String account, String service, double amount) {
    return new CostLine(account, service, amount, "USD", true);
  }

  private static TagCostLine tag(String key, String value, String service, double amount) {
    return new TagCostLine(key, value, service, amount, true);
  }

  private static CostCache.Part part(
      Instant at,
      List<CostLine> lines,
      List<TagCostLine> tags,
      Forecast forecast,
      List<RightsizingSaving> savings) {
    return new CostCache.Part("sample", at, 1, lines, tags, forecast, savings, null);
  }
}
