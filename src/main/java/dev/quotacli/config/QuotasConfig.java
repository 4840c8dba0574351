package dev.quotacli.config;

import java.util.List;
import java.util.Optional;

/**
 * The parsed {@code quotas.yaml}: which services and quotas to collect.
 *
 * @param source where it was read from, for messages
 * @param services the services, in file order
 */
public record QuotasConfig(String source, List<ServiceConfig> services) {
  public QuotasConfig {
    services = List.copyOf(services);
  }

  public Optional<ServiceConfig> service(String code) {
    return services.stream().filter(s -> s.code().equals(code)).findFirst();
  }
}
