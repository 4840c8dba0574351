package dev.quotacli.aws;

import static dev.quotacli.testing.Fixtures.aLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.MotoServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * {@link EbsCounter} against moto in a region no other test uses (and where no instance runs, so no
 * root volumes); volumes are seeded once through the same SDK client.
 */
class EbsCounterIT {
  private static final String REGION = "ca-central-1";
  private static final String ZONE = REGION + "a";
  private static final Account ACCOUNT = Fixtures.anAccount(MotoServer.DEFAULT_ACCOUNT, REGION);

  private static final String GP2 = "L-D18FCD1D";
  private static final String GP3 = "L-7A658B76";
  private static final String IO1 = "L-FD252861";
  private static final String IO2 = "L-09BD8365";
  private static final String ST1 = "L-82ACEF56";
  private static final String SC1 = "L-17AF77E8";
  private static final String STANDARD = "L-9CF3C2EB";
  private static final String IO1_IOPS = "L-B3A130E6";
  private static final String IO2_IOPS = "L-8D977E7E";
  private static final String SNAPSHOTS = "L-309BACF6";

  private static AwsClientFactory factory;
  private static Ec2Client ec2;
  private static String snapshotSource;

  @BeforeAll
  static void seed() {
    factory =
        new AwsClientFactory(
            new Endpoints(MotoServer.shared().endpoint(), Map.of()),
            AwsClientFactory.Timeouts.DEFAULT,
            new ApiStats());
    ec2 = factory.ec2(ACCOUNT, new Region(REGION));
    snapshotSource = volume(VolumeType.GP2, 100, null);
    volume(VolumeType.GP2, 412, null);
    volume(VolumeType.GP3, 1024, null);
    volume(VolumeType.GP3, 1024, null);
    volume(VolumeType.IO1, 100, 3000);
    volume(VolumeType.IO1, 200, 5000);
    volume(VolumeType.IO2, 50, 1000);
    volume(VolumeType.ST1, 500, null);
    volume(VolumeType.SC1, 2048, null);
    volume(VolumeType.STANDARD, 10, null);
  }

  private static String volume(VolumeType type, int gib, Integer iops) {
    return ec2.createVolume(b -> b.availabilityZone(ZONE).volumeType(type).size(gib).iops(iops))
        .volumeId();
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  private static CallGuard guard(ApiStats stats) {
    return TestClients.guard(stats, MotoServer.DEFAULT_ACCOUNT, REGION);
  }

  private static List<QuotaLimit> limits(String... codes) {
    return Arrays.stream(codes).map(c -> aLimit(c, 100, LimitSource.APPLIED)).toList();
  }

  private static Map<String, Long> calls(ApiStats stats) {
    Map<String, Long> out = new TreeMap<>();
    stats.snapshot().forEach((k, v) -> out.put(k.service() + ":" + k.operation(), v.calls()));
    return out;
  }

  @Test
  void storageIsTibPerTypeAndIopsSumProvisionedIops() {
    ApiStats stats = new ApiStats();

    var usage =
        new EbsCounter(ec2, guard(stats))
            .count(limits(GP2, GP3, IO1, IO2, ST1, SC1, STANDARD, IO1_IOPS, IO2_IOPS));

    assertThat(usage)
        .containsOnly(
            entry(GP2, 0.5), // 100 + 412 GiB
            entry(GP3, 2.0), // 2 × 1024 GiB
            entry(IO1, 300 / 1024.0),
            entry(IO2, 50 / 1024.0),
            entry(ST1, 500 / 1024.0),
            entry(SC1, 2.0),
            entry(STANDARD, 10 / 1024.0),
            entry(IO1_IOPS, 8000.0),
            entry(IO2_IOPS, 1000.0));
    assertThat(calls(stats)).containsExactly(entry("ec2:DescribeVolumes", 1L));
  }

  @Test
  void selfOwnedSnapshotsAreCountedAndNeedOnlyDescribeSnapshots() {
    ApiStats stats = new ApiStats();
    var counter = new EbsCounter(ec2, guard(stats));
    // moto's built-in AMIs come with snapshots owned by its default account, so start from there.
    double before = counter.count(limits(SNAPSHOTS)).get(SNAPSHOTS);
    assertThat(before).isEqualTo(ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots().size());

    for (int i = 0; i < 3; i++) {
      ec2.createSnapshot(b -> b.volumeId(snapshotSource));
    }

    assertThat(counter.count(limits(SNAPSHOTS))).containsExactly(entry(SNAPSHOTS, before + 3));
    assertThat(calls(stats)).containsExactly(entry("ec2:DescribeSnapshots", 2L));
  }

  @Test
  void quotasItDoesNotCountMakeNoCalls() {
    ApiStats stats = new ApiStats();

    assertThat(new EbsCounter(ec2, guard(stats)).count(limits("L-1216C47A", "L-E20676C1")))
        .isEmpty();
    assertThat(stats.snapshot()).isEmpty();
  }
}
