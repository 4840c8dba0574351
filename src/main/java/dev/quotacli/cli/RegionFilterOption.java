package dev.quotacli.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Only some regions. */
final class RegionFilterOption {
  @Option(
      names = "--region",
      paramLabel = "REGION",
      split = ",",
      description =
          "Collect these regions for every selected account, instead of its configured or"
              + " discovered regions ('global' alone: only route53/cloudfront).")
  List<String> regions = new ArrayList<>();
}
