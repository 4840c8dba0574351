package dev.quotacli.cli;

import dev.quotacli.config.QuotasConfig;
import dev.quotacli.config.QuotasConfigParser;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which quotas to collect. */
final class QuotasOption {
  @Option(
      names = "--quotas",
      paramLabel = "FILE",
      description = "quotas.yaml to use instead of the bundled one.")
  Path quotas;

  QuotasConfig load() {
    return quotas == null ? QuotasConfigParser.loadDefault() : QuotasConfigParser.load(quotas);
  }
}
