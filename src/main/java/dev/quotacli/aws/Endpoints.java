package dev.quotacli.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Endpoint overrides (for moto, WireMock, or VPC endpoints): one for every service, and per-service
 * ones that win over it.
 *
 * @param all the override for every service, or null
 * @param perService overrides by SDK endpoint prefix ({@code servicequotas}, {@code sts}, ...)
 */
public record Endpoints(URI all, Map<String, URI> perService) {
  public static final Endpoints NONE = new Endpoints(null, Map.of());

  public Endpoints {
    perService = Map.copyOf(new TreeMap<>(perService));
  }

  public Optional<URI> forService(String service) {
    return Optional.ofNullable(perService.getOrDefault(service, all));
  }
}
