package dev.quotacli.cost;

import java.util.Comparator;
import java.util.Objects;

/**
 * What one price is for: a component of the run-rate in one region.
 *
 * @param region the region code
 * @param component the kind of charge
 * @param subject what fixes the price within the component: {@code type|os|tenancy} for instances
 *     ({@code t3.micro|Linux|Shared}), the volume type for EBS, empty otherwise
 */
public record PriceKey(String region, Component component, String subject)
    implements Comparable<PriceKey> {
  /** The kinds of charge, each with the unit its price is expected in. */
  public enum Component {
    /** On-Demand instance hours ({@code Hrs}). */
    EC2_INSTANCE_HOURS,
    /** EBS storage ({@code GB-Mo}). */
    EBS_STORAGE,
    /** EBS provisioned IOPS ({@code IOPS-Mo}); for gp3 only those above the 3000 included. */
    EBS_IOPS,
    /** EBS provisioned throughput (gp3 above 125 MiB/s; {@code MiBps-Mo} or {@code GiBps-mo}). */
    EBS_THROUGHPUT,
    /** NAT gateway hours ({@code Hrs}). */
    NAT_GATEWAY_HOURS,
    /** Idle public IPv4 address hours ({@code Hrs}). */
    PUBLIC_IPV4_IDLE_HOURS
  }

  private static final Comparator<PriceKey> ORDER =
      Comparator.comparing(PriceKey::region)
          .thenComparing(PriceKey::component)
          .thenComparing(PriceKey::subject);

  public PriceKey {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(component, "component");
    subject = subject == null ? "" : subject;
  }

  public static PriceKey instance(String region, String instanceType, String os, String tenancy) {
    return new PriceKey(
        region, Component.EC2_INSTANCE_HOURS, instanceType + "|" + os + "|" + tenancy);
  }

  public static PriceKey ebsStorage(String region, String volumeType) {
    return new PriceKey(region, Component.EBS_STORAGE, volumeType);
  }

  public static PriceKey ebsIops(String region, String volumeType) {
    return new PriceKey(region, Component.EBS_IOPS, volumeType);
  }

  public static PriceKey ebsThroughput(String region, String volumeType) {
    return new PriceKey(region, Component.EBS_THROUGHPUT, volumeType);
  }

  public static PriceKey natGatewayHours(String region) {
    return new PriceKey(region, Component.NAT_GATEWAY_HOURS, "");
  }

  public static PriceKey idleIpv4Hours(String region) {
    return new PriceKey(region, Component.PUBLIC_IPV4_IDLE_HOURS, "");
  }

  @Override
  public int compareTo(PriceKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return region + "/" + component + (subject.isEmpty() ? "" : "/" + subject);
  }
}
