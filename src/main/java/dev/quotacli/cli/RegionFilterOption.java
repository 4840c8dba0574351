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
          "Only these regions ('global' for route53/cloudfront); also the regions of accounts that"
              + " list none and have none discovered.")
  List<String> regions = new ArrayList<>();
}
