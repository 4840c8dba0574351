package dev.quotacli.cost;

import java.util.Objects;

/**
 * One running EC2 instance.
 *
 * @param region the region code
 * @param instanceType e.g. {@code t3.micro}
 * @param platform the Pricing {@code operatingSystem}: {@code Linux}, {@code Windows}, {@code
 *     RHEL}, {@code SUSE}, or the raw EC2 platform details when there is no such mapping (then
 *     unpriced)
 * @param tenancy the Pricing {@code tenancy}: {@code Shared}, {@code Dedicated} or {@code Host}
 * @param spot whether it is a Spot instance (the On-Demand price does not apply: unpriced)
 */
public record Ec2Running(
    String region, String instanceType, String platform, String tenancy, boolean spot)
    implements RunningResource {
  public Ec2Running {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(instanceType, "instanceType");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(tenancy, "tenancy");
  }

  /** An On-Demand instance. */
  public Ec2Running(String region, String instanceType, String platform, String tenancy) {
    this(region, instanceType, platform, tenancy, false);
  }

  /**
   * The Pricing operating system of an instance from DescribeInstances' {@code PlatformDetails} and
   * {@code Platform}. Platforms with bundled software (SQL Server, ...) keep their raw name and end
   * up unpriced. When both are missing (moto leaves PlatformDetails out) the instance is taken as
   * Linux, as EC2 reports only Windows in {@code Platform}.
   */
  public static String operatingSystem(String platformDetails, String platform) {
    if (platformDetails == null || platformDetails.isBlank()) {
      return "windows".equalsIgnoreCase(platform) ? "Windows" : "Linux";
    }
    switch (platformDetails) {
      case "Linux/UNIX":
        return "Linux";
      case "Windows":
        return "Windows";
      case "Red Hat Enterprise Linux":
        return "RHEL";
      case "SUSE Linux":
        return "SUSE";
      default:
        return platformDetails;
    }
  }

  /**
   * The Pricing tenancy of an EC2 placement tenancy ({@code default}, {@code dedicated}, {@code
   * host}).
   */
  public static String tenancy(String placementTenancy) {
    if (placementTenancy == null
        || placementTenancy.isBlank()
        || placementTenancy.equals("default")) {
      return "Shared";
    }
    if (placementTenancy.equals("dedicated")) {
      return "Dedicated";
    }
    if (placementTenancy.equals("host")) {
      return "Host";
    }
    return placementTenancy;
  }
}
