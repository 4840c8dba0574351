package dev.quotacli.config;

/**
 * A configuration, quotas-file or accounts-file problem; the message is one line that names the
 * file (and line and column where known) and maps to exit code 2.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
