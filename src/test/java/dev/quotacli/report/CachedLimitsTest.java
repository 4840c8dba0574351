package dev.quotacli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedLimitsTest {
  static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  @TempDir Path root;

  @Test
  void readsEveryLimitEntryMarksStaleOnesAndNamesUnreadableOnes() throws IOException {
    MutableClock clock = new MutableClock(NOW);
    LimitCache cache = new LimitCache(root, Duration.ofHours(24), clock);
    QuotaLimit q = new QuotaLimit("L-1", "One", 10, LimitSource.APPLIED, null, null, false);
    cache.write("111111111111", Region.US_EAST_1, "ec2", entry(q), NOW.minusSeconds(60));
    cache.write("111111111111", Region.GLOBAL, "route53", entry(q), NOW.minus(Duration.ofDays(2)));
    new UsageCache(root, Duration.ofHours(1), clock)
        .write(
            "111111111111",
            Region.US_EAST_1,
            "ec2",
            new UsageCache.Entry(List.of(), List.of()),
            NOW);
    Path broken = root.resolve("222222222222/eu-west-1/ebs.json");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "{not json");
    Files.createDirectories(root.resolve("defaults/us-east-1"));
    Files.writeString(root.resolve("defaults/us-east-1/ec2.json"), "{}");
    Files.createDirectories(root.resolve("cost"));
    Files.writeString(root.resolve("cost/111111111111.json"), "{}");

    CachedLimits.Result r = CachedLimits.read(root, Duration.ofHours(24), clock);

    assertThat(r.targets())
        .extracting(
            t -> t.accountId() + "/" + t.region() + "/" + t.service(), CachedLimits.Target::stale)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("111111111111/global/route53", true),
            org.assertj.core.groups.Tuple.tuple("111111111111/us-east-1/ec2", false));
    assertThat(r.targets().get(1).quotas()).containsExactly(q);
    assertThat(r.corrupt()).singleElement().asString().contains("ebs.json");
  }

  @Test
  void anEmptyOrMissingDirectoryHasNoTargets() throws IOException {
    assertThat(
            CachedLimits.read(root.resolve("none"), Duration.ofHours(1), new MutableClock(NOW))
                .targets())
        .isEmpty();
  }

  private static LimitCache.Entry entry(QuotaLimit q) {
    return new LimitCache.Entry(true, List.of(q));
  }

  @Test
  void aCompactEntryIsReadOverItsRegionsDefaultListAndWithoutItIsNamedUnreadable()
      throws IOException {
    MutableClock clock = new MutableClock(NOW);
    LimitCache cache = new LimitCache(root, Duration.ofHours(24), clock);
    QuotaLimit raised = new QuotaLimit("L-1", "One", 10, LimitSource.APPLIED, null, null, false);
    new dev.quotacli.cache.DefaultQuotaCache(root, Duration.ofHours(24), clock)
        .write(
            Region.US_EAST_1,
            "ec2",
            new dev.quotacli.cache.DefaultQuotaCache.Entry(
                List.of(
                    new dev.quotacli.quota.ApiQuota("L-1", "One", 5.0, null, null, null),
                    new dev.quotacli.quota.ApiQuota("L-2", "Two", 7.0, null, null, null),
                    new dev.quotacli.quota.ApiQuota("L-3", "Three", 9.0, null, null, null))),
            NOW);
    cache.write(
        "111111111111",
        Region.US_EAST_1,
        "ec2",
        new LimitCache.Entry(true, List.of(raised), true, List.of("L-3"), 3),
        NOW);
    cache.write(
        "111111111111",
        new Region("eu-west-1"),
        "ec2",
        new LimitCache.Entry(true, List.of(raised), true, List.of(), 3),
        NOW);

    CachedLimits.Result r = CachedLimits.read(root, Duration.ofHours(24), clock);

    assertThat(r.targets())
        .singleElement()
        .extracting(CachedLimits.Target::region)
        .isEqualTo(Region.US_EAST_1);
    assertThat(r.targets().get(0).quotas())
        .extracting(QuotaLimit::code, QuotaLimit::value, QuotaLimit::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("L-1", 10.0, LimitSource.APPLIED),
            org.assertj.core.groups.Tuple.tuple("L-2", 7.0, LimitSource.DEFAULT));
    assertThat(r.corrupt())
        .singleElement()
        .asString()
        .contains("eu-west-1/ec2.json")
        .contains("defaults/eu-west-1/ec2.json");
  }
}
