package dev.quotacli.cost;

/**
 * Something that runs now and costs money by the hour (or by the GB-month, spread over hours). One
 * of {@link Ec2Running}, {@link EbsVolume}, {@link NatGateway}, {@link IdleAddress}.
 */
public sealed interface RunningResource permits Ec2Running, EbsVolume, NatGateway, IdleAddress {
  /** The region code, e.g. {@code eu-west-1}. */
  String region();
}
