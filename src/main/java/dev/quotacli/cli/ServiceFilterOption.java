package dev.quotacli.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Only some services. */
final class ServiceFilterOption {
  @Option(
      names = "--service",
      paramLabel = "CODE",
      split = ",",
      description = "Only these service codes.")
  List<String> services = new ArrayList<>();
}
