package dev.quotacli.cost;

import java.util.Objects;

/**
 * One available NAT gateway (hourly charge only; data processing is not in the run-rate).
 *
 * @param region the region code
 */
public record NatGateway(String region) implements RunningResource {
  public NatGateway {
    Objects.requireNonNull(region, "region");
  }
}
