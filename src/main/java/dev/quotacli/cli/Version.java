package dev.quotacli.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or {@code dev} when run from classes. */
final class Version implements IVersionProvider {
  static String get() {
    return dev.quotacli.pass.BuildInfo.version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {"quota-cli " + get()};
  }
}
