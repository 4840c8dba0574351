package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.quotacli.quota.EbsUsage.EbsVolume;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EbsUsageTest {
  private static final String GP2 = "L-D18FCD1D";
  private static final String GP3 = "L-7A658B76";
  private static final String IO1 = "L-FD252861";
  private static final String IO2 = "L-09BD8365";
  private static final String ST1 = "L-82ACEF56";
  private static final String SC1 = "L-17AF77E8";
  private static final String STANDARD = "L-9CF3C2EB";
  private static final String IO1_IOPS = "L-B3A130E6";
  private static final String IO2_IOPS = "L-8D977E7E";

  @Test
  void storageIsSummedInGibThenGivenInTib() {
    var volumes =
        List.of(
            new EbsVolume("gp2", 512, 1536),
            new EbsVolume("gp2", 1024, 3000),
            new EbsVolume("gp3", 100, 3000));

    var usage = EbsUsage.byQuota(volumes, Set.of(GP2, GP3));

    assertThat(usage).containsOnly(entry(GP2, 1.5), entry(GP3, 100 / 1024.0));
  }

  @Test
  void everyTypeHasItsOwnStorageQuotaAndEmptyTypesAreZero() {
    var volumes =
        List.of(
            new EbsVolume("io1", 2048, 100),
            new EbsVolume("io2", 256, 200),
            new EbsVolume("st1", 4096, null),
            new EbsVolume("sc1", 10240, null),
            new EbsVolume("standard", 1, null));

    var usage = EbsUsage.byQuota(volumes, Set.of(GP2, GP3, IO1, IO2, ST1, SC1, STANDARD));

    assertThat(usage)
        .containsOnly(
            entry(GP2, 0.0),
            entry(GP3, 0.0),
            entry(IO1, 2.0),
            entry(IO2, 0.25),
            entry(ST1, 4.0),
            entry(SC1, 10.0),
            entry(STANDARD, 1 / 1024.0));
  }

  @Test
  void iopsAreSummedForIo1AndIo2Only() {
    var volumes =
        List.of(
            new EbsVolume("io1", 100, 3000), new EbsVolume("io1", 200, 5000),
            new EbsVolume("io2", 100, 64000), new EbsVolume("gp3", 100, 16000));

    var usage = EbsUsage.byQuota(volumes, Set.of(IO1_IOPS, IO2_IOPS));

    assertThat(usage).containsOnly(entry(IO1_IOPS, 8000.0), entry(IO2_IOPS, 64000.0));
  }

  @Test
  void io1VolumeWithoutIopsMakesTheIopsQuotaAbsentButNotItsStorage() {
    var volumes = List.of(new EbsVolume("io1", 1024, 3000), new EbsVolume("io1", 1024, null));

    var usage = EbsUsage.byQuota(volumes, Set.of(IO1, IO1_IOPS, IO2_IOPS));

    assertThat(usage).containsOnly(entry(IO1, 2.0), entry(IO2_IOPS, 0.0));
  }

  @Test
  void unknownVolumeTypesAndUnwantedCodesAreIgnored() {
    var volumes = List.of(new EbsVolume("gp9", 1024, 1), new EbsVolume("gp2", 1024, 3000));

    var usage = EbsUsage.byQuota(volumes, Set.of(GP2, EbsUsage.SNAPSHOTS, "L-0263D0A3"));

    assertThat(usage).containsOnly(entry(GP2, 1.0));
  }

  @Test
  void needsVolumesOnlyForStorageOrIopsQuotas() {
    assertThat(EbsUsage.needsVolumes(Set.of(EbsUsage.SNAPSHOTS))).isFalse();
    assertThat(EbsUsage.needsVolumes(Set.of(EbsUsage.SNAPSHOTS, IO2_IOPS))).isTrue();
    assertThat(EbsUsage.needsVolumes(Set.of(STANDARD))).isTrue();
  }

  @Test
  void negativeSizeIsRejected() {
    assertThatThrownBy(() -> new EbsVolume("gp2", -1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
