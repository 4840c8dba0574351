package dev.quotacli.report;

import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The per-target files of the cache layout: {@code <root>/<account>/<region>/<service><suffix>}.
 */
final class CacheFiles {
  /**
   * @param accountId the account directory
   * @param region the region directory
   * @param service the file name without its suffix
   */
  record Entry(String accountId, Region region, String service) {}

  private CacheFiles() {}

  /**
   * The entries whose file name ends with {@code suffix} but not with {@code notSuffix}, sorted by
   * account, region and service.
   */
  static List<Entry> list(Path root, String suffix, String notSuffix) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Path account : dirs(root)) {
      String id = account.getFileName().toString();
      if (!id.matches("\\d{12}")) {
        continue;
      }
      for (Path region : dirs(account)) {
        String name = region.getFileName().toString();
        if (!Region.isValid(name)) {
          continue;
        }
        try (Stream<Path> files = Files.list(region)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            String file = f.getFileName().toString();
            if (file.endsWith(suffix) && (notSuffix == null || !file.endsWith(notSuffix))) {
              String service = file.substring(0, file.length() - suffix.length());
              out.add(new Entry(id, new Region(name), service));
            }
          }
        }
      }
    }
    return out;
  }

  private static List<Path> dirs(Path parent) throws IOException {
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }
}
