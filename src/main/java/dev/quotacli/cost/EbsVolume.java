package dev.quotacli.cost;

import java.util.Objects;

/**
 * One EBS volume (billed whether attached or not).
 *
 * @param region the region code
 * @param volumeType the EC2 volume type ({@code gp2}, {@code gp3}, {@code io1}, {@code io2}, {@code
 *     st1}, {@code sc1}, {@code standard})
 * @param sizeGiB the provisioned size
 * @param iops provisioned IOPS, or null when the volume has none
 * @param throughputMiBps provisioned throughput (gp3), or null
 */
public record EbsVolume(
    String region, String volumeType, int sizeGiB, Integer iops, Integer throughputMiBps)
    implements RunningResource {
  public EbsVolume {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(volumeType, "volumeType");
    if (sizeGiB < 0) {
      throw new IllegalArgumentException("negative size: " + sizeGiB);
    }
  }
}
