package dev.quotacli.pass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.aws.Endpoints;
import dev.quotacli.cache.DefaultQuotaCache;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.collect.Planner;
import dev.quotacli.collect.RetrySettings;
import dev.quotacli.config.QuotasConfigParser;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.plan.Op;
import dev.quotacli.plan.Plan;
import dev.quotacli.plan.Range;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import dev.quotacli.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan of a pass read from caches on disk: no account source but a file, no AWS. */
class PlanningTest {
  static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  static final String A = "111111111111";
  static final Op LIST = new Op("servicequotas", "ListServiceQuotas");
  static final Op DEFAULTS = new Op("servicequotas", "ListAWSDefaultServiceQuotas");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(NOW);

  Planning planning(Path accountsFile, Set<Region> regions, Set<String> services) {
    var settings =
        new PassSettings(
            dir.resolve("cache"),
            Shard.ALL,
            new AccountSettings(
                null, null, null, null, Duration.ofSeconds(10), Duration.ofDays(7), accountsFile),
            new Planner.Filters(Set.of(), regions, services),
            new Pacing(8, Duration.ofMinutes(50), Duration.ZERO),
            new BudgetSettings(60, Duration.ofHours(1), false),
            Endpoints.NONE,
            new Output(null, Output.Format.TABLE));
    return new Planning(
        settings,
        new Environment(Map.of(), clock, RetrySettings.DEFAULT, null),
        Diagnostics.current());
  }

  QuotaJob limits(boolean force) {
    return new QuotaJob(
        new QuotaJob.Settings(
            QuotaJob.Kind.LIMITS,
            QuotasConfigParser.loadDefault(),
            Duration.ofHours(24),
            null,
            force));
  }

  Path accounts() throws Exception {
    return Files.writeString(
        dir.resolve("accounts.yaml"),
        "accounts:\n"
            + "  - account_id: \""
            + A
            + "\"\n    account_name: a\n    access_key_id: AKIAX\n    secret_access_key: x\n"
            + "    regions: [eu-west-1]\n");
  }

  /** SageMaker (listed: discovery rules) with 250 quotas, 120 of them applied. */
  void cacheSageMaker(Instant at) throws Exception {
    List<QuotaLimit> quotas = new ArrayList<>();
    List<ApiQuota> defaults = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String code = String.format("L-%08d", i);
      quotas.add(
          new QuotaLimit(
              code, "q" + i, 1, i < 120 ? LimitSource.APPLIED : LimitSource.DEFAULT, null, null));
      defaults.add(new ApiQuota(code, "q" + i, 1.0, null, null, null));
    }
    Path cache = dir.resolve("cache");
    new LimitCache(cache, Duration.ofHours(24), clock)
        .write(A, new Region("eu-west-1"), "sagemaker", new LimitCache.Entry(true, quotas), at);
    new DefaultQuotaCache(cache, Duration.ofHours(24), clock)
        .write(new Region("eu-west-1"), "sagemaker", new DefaultQuotaCache.Entry(defaults), at);
    // The account's increase-request history, fetched with the limits: none, one page.
    new dev.quotacli.cache.RequestCache(cache, Duration.ofHours(24), clock)
        .write(
            A,
            new Region("eu-west-1"),
            new dev.quotacli.cache.RequestCache.Entry(List.of(), 0),
            at);
  }

  @Test
  void aFreshCacheAnswersAndForceAsksTheAppliedPagesAndTheCataloguesPages() throws Exception {
    cacheSageMaker(NOW.minus(Duration.ofHours(1)));
    var p = planning(accounts(), Set.of(new Region("eu-west-1")), Set.of("sagemaker"));

    Plan warm = p.plan(limits(false));
    Plan forced =
        planning(accounts(), Set.of(new Region("eu-west-1")), Set.of("sagemaker"))
            .plan(limits(true));

    assertThat(warm.calls().total()).isEqualTo(Range.ZERO);
    assertThat(warm.targets().answered()).isEqualTo(1);
    // 120 applied quotas: 2 pages; the catalogue of 250: 3 pages, once for the estate.
    assertThat(forced.calls().of(LIST)).isEqualTo(Range.exactly(2));
    assertThat(forced.calls().of(DEFAULTS)).isEqualTo(Range.exactly(3));
    assertThat(
            forced
                .calls()
                .of(
                    new dev.quotacli.plan.Op(
                        "servicequotas", "ListRequestedServiceQuotaChangeHistory")))
        .isEqualTo(Range.exactly(1));
  }

  @Test
  void anExpiredCacheStillKnowsThePages() throws Exception {
    cacheSageMaker(NOW.minus(Duration.ofDays(2)));

    Plan plan =
        planning(accounts(), Set.of(new Region("eu-west-1")), Set.of("sagemaker"))
            .plan(limits(false));

    assertThat(plan.targets().due()).isEqualTo(1);
    assertThat(plan.calls().of(LIST)).isEqualTo(Range.exactly(2));
    assertThat(plan.calls().of(DEFAULTS)).isEqualTo(Range.exactly(3));
  }

  @Test
  void theAppliedPagesOfAnEntryComeFromItsAppliedQuotas() {
    assertThat(Planning.appliedPages(null)).isEqualTo(Range.atLeast(1));
    assertThat(Planning.appliedPages(new LimitCache.Entry(true, List.of())))
        .isEqualTo(Range.exactly(1));
    assertThat(
            Planning.appliedPages(
                new LimitCache.Entry(
                    false,
                    List.of(new QuotaLimit("L-1", "q", 1, LimitSource.APPLIED, null, null)))))
        .isEqualTo(Range.atLeast(1));
  }

  @Test
  void withAmbientCredentialsTheAccountIdIsUnknownUnlessTheCacheHoldsOne() throws Exception {
    Plan unknown = planning(null, Set.of(), Set.of("route53")).plan(limits(false));

    assertThat(unknown.notes())
        .anyMatch(n -> n.contains("account id unknown without STS GetCallerIdentity"));
    assertThat(unknown.calls().of(new Op("sts", "GetCallerIdentity"))).isEqualTo(Range.exactly(1));

    Files.createDirectories(dir.resolve("cache").resolve(A));
    Plan cached = planning(null, Set.of(), Set.of("route53")).plan(limits(false));
    assertThat(cached.notes()).anyMatch(n -> n.contains("assumed " + A));
  }
}
