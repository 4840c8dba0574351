package dev.quotacli.testing;

/**
 * What one in-process quota-cli run gave.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int exitCode, String out, String err) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
