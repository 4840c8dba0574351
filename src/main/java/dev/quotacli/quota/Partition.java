package dev.quotacli.quota;

import java.util.Optional;

/**
 * An AWS partition: {@code aws}, {@code aws-us-gov} or {@code aws-cn}. Each has its own regions,
 * endpoints and credentials; global services (Route 53, CloudFront) and STS are asked in its home
 * region. Pure.
 *
 * @param id the partition id as ARNs spell it
 * @param home the region that serves the partition's global services, STS and region discovery
 */
public record Partition(String id, Region home) {
  public static final Partition AWS = new Partition("aws", Region.US_EAST_1);
  public static final Partition AWS_US_GOV =
      new Partition("aws-us-gov", new Region("us-gov-west-1"));

  /** Route 53 and the Service Quotas of global services in China answer in Ningxia. */
  public static final Partition AWS_CN = new Partition("aws-cn", new Region("cn-northwest-1"));

  /** The partition an ARN names ({@code arn:aws-us-gov:...}); empty when it names none we know. */
  public static Optional<Partition> ofArn(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return Optional.empty();
    }
    int end = arn.indexOf(':', 4);
    return end < 0 ? Optional.empty() : byId(arn.substring(4, end));
  }

  /**
   * The partition a region belongs to; {@link Region#GLOBAL} and unknown prefixes are {@code aws}.
   */
  public static Partition of(Region region) {
    String n = region.name();
    if (n.startsWith("us-gov-")) {
      return AWS_US_GOV;
    }
    if (n.startsWith("cn-")) {
      return AWS_CN;
    }
    return AWS;
  }

  public static Optional<Partition> byId(String id) {
    return switch (id) {
      case "aws" -> Optional.of(AWS);
      case "aws-us-gov" -> Optional.of(AWS_US_GOV);
      case "aws-cn" -> Optional.of(AWS_CN);
      default -> Optional.empty();
    };
  }

  /**
   * Where a call for this region goes in this partition: the home region for {@link Region#GLOBAL}
   * and for us-east-1 (which {@link Region#apiRegion} gives for global services, and the default
   * region of STS and discovery), else the region itself.
   */
  public Region apiRegion(Region region) {
    return region.isGlobal() || region.equals(Region.US_EAST_1) ? home : region;
  }

  /**
   * Whether the partition offers a service (by its Service Quotas code). Known gaps only:
   * CloudFront is not offered in GovCloud. The SDK's ServiceMetadata is no help here: it lists
   * Route 53 in the commercial partition only and SageMaker in none.
   */
  public boolean offers(String serviceCode) {
    return !(equals(AWS_US_GOV) && serviceCode.equals("cloudfront"));
  }

  public boolean isCommercial() {
    return equals(AWS);
  }

  @Override
  public String toString() {
    return id;
  }
}
