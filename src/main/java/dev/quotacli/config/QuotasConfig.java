package dev.quotacli.config;

import dev.quotacli.quota.ExportPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /**
   * What the textfiles carry: listed quotas always, discovered ones where notable unless the
   * service says {@code export: all}.
   */
  public ExportPolicy exportPolicy() {
    Map<String, Set<String>> listed = new HashMap<>();
    for (ServiceConfig s : services) {
      if (!s.discover().isEmpty() && s.export() == ServiceConfig.Export.NOTABLE) {
        listed.put(s.code(), Set.copyOf(s.quotaCodes()));
      }
    }
    return new ExportPolicy(listed);
  }
}
