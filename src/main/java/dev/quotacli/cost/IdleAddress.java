package dev.quotacli.cost;

import java.util.Objects;

/**
 * One Elastic IP address with no association (billed as an idle public IPv4 address).
 *
 * @param region the region code
 */
public record IdleAddress(String region) implements RunningResource {
  public IdleAddress {
    Objects.requireNonNull(region, "region");
  }
}
