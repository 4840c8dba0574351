package dev.quotacli.cache;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.UsageMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitCacheTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final Region EU = new Region("eu-west-1");

  @TempDir Path root;

  private LimitCache cacheAt(Instant now) {
    return new LimitCache(
        root.resolve(".quota_limit_cache"), Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static LimitCache.Entry entry() {
    var metric =
        new UsageMetric(
            "AWS/Usage",
            "ResourceCount",
            Map.of("Service", "EC2", "Class", "Standard/OnDemand"),
            "Maximum");
    return new LimitCache.Entry(
        true,
        List.of(
            new QuotaLimit(
                "L-1216C47A",
                "Running On-Demand Standard",
                1152,
                LimitSource.APPLIED,
                "None",
                metric),
            aLimit("L-0263D0A3", 5, LimitSource.DEFAULT)));
  }

  @Test
  void writtenEntryReadsBackFreshWithinTtl() throws Exception {
    cacheAt(T0).write("111111111111", EU, "ec2", entry(), T0);

    var lookup = cacheAt(T0.plus(Duration.ofHours(23))).read("111111111111", EU, "ec2");

    assertThat(lookup).isInstanceOf(Lookup.Fresh.class);
    assertThat(((Lookup.Fresh<LimitCache.Entry>) lookup).data()).isEqualTo(entry());
  }

  @Test
  void entryOlderThanTtlIsStale() throws Exception {
    cacheAt(T0).write("111111111111", EU, "ec2", entry(), T0);

    assertThat(cacheAt(T0.plus(Duration.ofHours(25))).read("111111111111", EU, "ec2"))
        .isInstanceOf(Lookup.Stale.class);
  }

  @Test
  void entryFromTheFarFutureIsNotTrusted() throws Exception {
    cacheAt(T0).write("111111111111", EU, "ec2", entry(), T0.plus(Duration.ofDays(3)));

    assertThat(cacheAt(T0).read("111111111111", EU, "ec2")).isInstanceOf(Lookup.Stale.class);
  }

  @Test
  void missingFileIsMissing() {
    assertThat(cacheAt(T0).read("111111111111", EU, "ec2")).isInstanceOf(Lookup.Missing.class);
  }

  @Test
  void garbageAndWrongSchemaAreCorruptNotFatal() throws Exception {
    LimitCache cache = cacheAt(T0);
    Path file = cache.path("111111111111", EU, "ec2");
    Files.createDirectories(file.getParent());

    Files.writeString(file, "{\"schemaVersion\":1, \"fetchedAt\": ");
    assertThat(cache.read("111111111111", EU, "ec2")).isInstanceOf(Lookup.Corrupt.class);

    Files.writeString(
        file, "{\"schemaVersion\":99,\"fetchedAt\":\"2026-11-22T10:00:00Z\",\"data\":{}}");
    var lookup = cache.read("111111111111", EU, "ec2");
    assertThat(lookup).isInstanceOf(Lookup.Corrupt.class);
    assertThat(((Lookup.Corrupt<?>) lookup).reason())
        .contains(file.toString())
        .contains("schema version");
  }

  @Test
  void filesArePrivateAndPathsFollowTheLayout() throws Exception {
    LimitCache cache = cacheAt(T0);
    cache.write("111111111111", Region.GLOBAL, "route53", entry(), T0);

    Path file = root.resolve(".quota_limit_cache/111111111111/global/route53.json");
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve(".quota_limit_cache"))))
        .isEqualTo("rwx------");
    assertThat(Files.readString(file))
        .contains("\"schemaVersion\" : 1")
        .contains("\"fetchedAt\" : \"2026-11-22T10:00:00Z\"")
        .contains("\"source\" : \"APPLIED\"")
        .contains("\"unit\" : \"None\"")
        .contains("ResourceCount");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("route53.json");
    }
  }

  @Test
  void regionCacheRejectsInvalidRegionNamesAsCorrupt() throws Exception {
    RegionCache regions =
        new RegionCache(root, Duration.ofHours(24), Clock.fixed(T0, ZoneOffset.UTC));
    Path file = regions.path("111111111111");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "{\"schemaVersion\":1,\"fetchedAt\":\"2026-11-22T10:00:00Z\",\"data\":{\"regions\":[\"../../etc\"]}}");

    assertThat(regions.read("111111111111")).isInstanceOf(Lookup.Corrupt.class);
  }

  @Test
  void anAppliedValueAtItsDefaultReadsBackAndAnOlderEntryIsNotAtItsDefault() throws Exception {
    var notRaised =
        new QuotaLimit(
            "L-1216C47A", "Running On-Demand", 5, LimitSource.APPLIED, "None", null, true);
    var entry = new LimitCache.Entry(true, List.of(notRaised));
    LimitCache cache = cacheAt(T0);
    cache.write("111111111111", EU, "ec2", entry, T0);

    assertThat(((Lookup.Fresh<LimitCache.Entry>) cache.read("111111111111", EU, "ec2")).data())
        .isEqualTo(entry);

    // Written before atDefault was kept: no such property, so not known to be at its default.
    Path file = cache.path("111111111111", EU, "ec2");
    Files.writeString(file, Files.readString(file).replaceAll(",\\s*\"atDefault\" : true", ""));
    assertThat(Files.readString(file)).doesNotContain("atDefault");
    var old = ((Lookup.Fresh<LimitCache.Entry>) cache.read("111111111111", EU, "ec2")).data();
    assertThat(old.quotas().get(0).differsFromDefault()).isTrue();
  }

  @Test
  void aRaisedLimitKeepsItsDefaultAndAnOlderEntryHasNone() throws Exception {
    var raised =
        new QuotaLimit("L-1216C47A", "Running On-Demand", 2048, LimitSource.APPLIED, "None", null)
            .withDefault(1152);
    var entry = new LimitCache.Entry(true, List.of(raised));
    LimitCache cache = cacheAt(T0);
    cache.write("111111111111", EU, "ec2", entry, T0);

    var read = ((Lookup.Fresh<LimitCache.Entry>) cache.read("111111111111", EU, "ec2")).data();
    assertThat(read).isEqualTo(entry);
    assertThat(read.quotas().get(0).changedFromDefault()).isEqualTo(1152.0);

    // Written before the default was kept: no such property, so the default is not known.
    Path file = cache.path("111111111111", EU, "ec2");
    Files.writeString(
        file, Files.readString(file).replaceAll(",\\s*\"defaultValue\" : [0-9.]+", ""));
    assertThat(Files.readString(file)).doesNotContain("defaultValue");
    var old = ((Lookup.Fresh<LimitCache.Entry>) cache.read("111111111111", EU, "ec2")).data();
    assertThat(old.quotas().get(0).defaultValue()).isNull();
    assertThat(old.quotas().get(0).differsFromDefault()).isTrue();
  }

  @Test
  void aCompactEntryReadsBackAndAWholeEntryWrittenBeforeCompactEntriesIsWhole() throws Exception {
    var raised =
        new QuotaLimit("L-1216C47A", "Running On-Demand", 1152, LimitSource.APPLIED, "None", null);
    var compact = new LimitCache.Entry(true, List.of(raised), true, List.of("L-0263D0A3"), 1700);
    LimitCache cache = cacheAt(T0);
    cache.write("111111111111", EU, "ec2", compact, T0);

    assertThat(((Lookup.Fresh<LimitCache.Entry>) cache.read("111111111111", EU, "ec2")).data())
        .isEqualTo(compact);

    // An entry of an earlier version has neither property: every limit is in it.
    Path file = cache.path("111111111111", EU, "ec2");
    Files.writeString(
        file,
        Files.readString(file)
            .replaceAll(",\\s*\"compact\" : true", "")
            .replaceAll(",\\s*\"listed\" : 1700", "")
            .replaceAll(",\\s*\"withheld\" : \\[[^\\]]*\\]", ""));
    assertThat(Files.readString(file)).doesNotContain("compact").doesNotContain("withheld");
    var old = ((Lookup.Fresh<LimitCache.Entry>) cache.read("111111111111", EU, "ec2")).data();
    assertThat(old).isEqualTo(new LimitCache.Entry(true, List.of(raised)));
  }
}
