package dev.quotacli.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Removes the cache directories of accounts that are no longer in the account source. */
public final class CachePruner {
  private CachePruner() {}

  /**
   * @param keep account ids still in the source
   * @param mine which account ids this pass may prune (a shard prunes only its own accounts: the
   *     other shards' accounts are not in its source, but their caches are not its to remove)
   * @return the account ids whose directories were removed, sorted
   */
  public static List<String> prune(Path root, Set<String> keep, Predicate<String> mine)
      throws IOException {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return removed;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        String name = dir.getFileName().toString();
        if (Files.isDirectory(dir)
            && name.matches("\\d{12}")
            && !keep.contains(name)
            && mine.test(name)) {
          deleteTree(dir);
          removed.add(name);
        }
      }
    }
    return removed;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
