package dev.quotacli.pass;

import dev.quotacli.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a pass's Prometheus text goes: a {@code .prom} file written atomically, {@code -} for
 * stdout, or nowhere (the operator's table or JSON on stdout).
 *
 * @param target the file, {@code -}, or null for the operator's view
 * @param format the operator's view's format
 */
public record Output(String target, Format format) {
  /** The operator's view. */
  public enum Format {
    TABLE,
    JSON
  }

  /** Checks the target's directory before anything is touched. */
  public Output {
    if (target != null && !"-".equals(target)) {
      Path dir = Path.of(target).toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        throw new ConfigException("output directory " + dir + " does not exist");
      }
      if (!Files.isWritable(dir)) {
        throw new ConfigException("output directory " + dir + " is not writable");
      }
      if (!target.endsWith(".prom")) {
        throw new ConfigException(
            "--output " + target + ": node_exporter reads only files ending in .prom");
      }
    }
  }

  /** Whether Prometheus text is written (a file or stdout), not the operator's view. */
  public boolean textfile() {
    return target != null;
  }
}
