package dev.quotacli.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The cache root. */
final class CacheOptions {
  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      defaultValue = ".quota_limit_cache",
      description = "Cache root (default: ${DEFAULT-VALUE}).")
  Path cacheDir;
}
