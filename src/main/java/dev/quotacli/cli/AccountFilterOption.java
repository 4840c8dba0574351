package dev.quotacli.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Only some accounts. */
final class AccountFilterOption {
  @Option(
      names = "--account",
      paramLabel = "ID",
      split = ",",
      description = "Only these account ids.")
  List<String> accounts = new ArrayList<>();
}
