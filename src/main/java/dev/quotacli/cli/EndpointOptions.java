package dev.quotacli.cli;

import dev.quotacli.aws.Endpoints;
import dev.quotacli.pass.Settings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where AWS calls go. */
final class EndpointOptions {
  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (moto, a proxy, VPC endpoints).")
  URI endpointUrl;

  @Option(
      names = "--service-endpoint",
      paramLabel = "SERVICE=URL",
      description =
          "Endpoint for one SDK service (servicequotas, sts, ec2, ...); wins over --endpoint-url.")
  Map<String, URI> serviceEndpoints = new LinkedHashMap<>();

  Endpoints endpoints() {
    return Settings.endpoints(endpointUrl, serviceEndpoints);
  }
}
