package dev.quotacli.quota;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Turns DescribeVolumes answers into EBS storage (TiB) and IOPS usage. Pure. */
public final class EbsUsage {
  /** Snapshots per Region: the count of self-owned snapshots. */
  public static final String SNAPSHOTS = "L-309BACF6";

  /** Storage quota (TiB) by volume type. */
  public static final Map<String, String> STORAGE_CODES =
      Map.of(
          "gp2", "L-D18FCD1D",
          "gp3", "L-7A658B76",
          "io1", "L-FD252861",
          "io2", "L-09BD8365",
          "st1", "L-82ACEF56",
          "sc1", "L-17AF77E8",
          "standard", "L-9CF3C2EB");

  /** Provisioned IOPS quota by volume type. */
  public static final Map<String, String> IOPS_CODES =
      Map.of("io1", "L-B3A130E6", "io2", "L-8D977E7E");

  private static final double GIB_PER_TIB = 1024.0;

  private EbsUsage() {}

  /**
   * A volume as DescribeVolumes reports it.
   *
   * @param type {@code VolumeType}, e.g. {@code gp3}
   * @param sizeGiB {@code Size}, in GiB
   * @param iops {@code Iops}, or null when not reported
   */
  public record EbsVolume(String type, int sizeGiB, Integer iops) {
    public EbsVolume {
      Objects.requireNonNull(type, "type");
      if (sizeGiB < 0) {
        throw new IllegalArgumentException("negative volume size: " + sizeGiB);
      }
    }
  }

  /** Whether any of the codes is a storage or IOPS quota, so that DescribeVolumes is needed. */
  public static boolean needsVolumes(Collection<String> codes) {
    return codes.stream()
        .anyMatch(c -> STORAGE_CODES.containsValue(c) || IOPS_CODES.containsValue(c));
  }

  /**
   * Storage and IOPS usage per quota.
   *
   * @param volumes every volume in the region (the caller read all pages)
   * @param wantedCodes the quotas to count; other codes are ignored
   * @return storage in TiB (Σ GiB / 1024) per type and Σ Iops for io1/io2, 0 where no volume of the
   *     type exists; an IOPS quota is absent when one of its volumes reports no Iops
   */
  public static Map<String, Double> byQuota(List<EbsVolume> volumes, Set<String> wantedCodes) {
    Map<String, Long> gib = new TreeMap<>();
    Map<String, Long> iops = new TreeMap<>();
    Set<String> unknown = new HashSet<>();
    for (EbsVolume v : volumes) {
      String storageCode = STORAGE_CODES.get(v.type());
      if (storageCode != null) {
        gib.merge(storageCode, (long) v.sizeGiB(), Long::sum);
      }
      String iopsCode = IOPS_CODES.get(v.type());
      if (iopsCode != null && v.iops() == null) {
        unknown.add(iopsCode);
      } else if (iopsCode != null) {
        iops.merge(iopsCode, (long) v.iops(), Long::sum);
      }
    }
    Map<String, Double> usage = new TreeMap<>();
    for (String code : wantedCodes) {
      if (STORAGE_CODES.containsValue(code)) {
        // Sum in GiB, divide once: exact for whole TiB and no drift over many volumes.
        usage.put(code, gib.getOrDefault(code, 0L) / GIB_PER_TIB);
      } else if (IOPS_CODES.containsValue(code) && !unknown.contains(code)) {
        usage.put(code, (double) iops.getOrDefault(code, 0L));
      }
    }
    return usage;
  }
}
