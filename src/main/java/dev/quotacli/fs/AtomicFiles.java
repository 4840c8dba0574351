package dev.quotacli.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader sees the old content or the new, never a part: a temp file in the
 * same directory (its name never ends in {@code .prom}, so node_exporter ignores it), fsync, chmod,
 * atomic rename. Thread-safe: every call uses its own temp file.
 */
public final class AtomicFiles {
  /** Owner-only directory, for caches. */
  public static final Set<PosixFilePermission> DIR_PRIVATE =
      PosixFilePermissions.fromString("rwx------");

  /** Owner-only file, for caches. */
  public static final Set<PosixFilePermission> FILE_PRIVATE =
      PosixFilePermissions.fromString("rw-------");

  /** World-readable file, for textfiles node_exporter reads as another user. */
  public static final Set<PosixFilePermission> FILE_PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /** Writes {@code content} to {@code target} atomically with the given permissions. */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> perms)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    String tmpName =
        "."
            + target.getFileName()
            + "."
            + ProcessHandle.current().pid()
            + "."
            + Long.toHexString(ThreadLocalRandom.current().nextLong())
            + ".tmp";
    Path tmp = dir.resolve(tmpName);
    boolean moved = false;
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      setPermissions(tmp, perms);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename atomically into " + dir + ": " + e.getReason(), e);
      }
      moved = true;
      fsyncDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Creates {@code dir} and missing parents with the given permissions (existing ones untouched).
   */
  public static void createDirectories(Path dir, Set<PosixFilePermission> perms)
      throws IOException {
    Path abs = dir.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      return;
    }
    Path parent = abs.getParent();
    if (parent != null) {
      createDirectories(parent, perms);
    }
    try {
      Files.createDirectory(abs);
      setPermissions(abs, perms);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(abs)) {
        throw e;
      }
    }
  }

  private static void setPermissions(Path path, Set<PosixFilePermission> perms) throws IOException {
    try {
      Files.setPosixFilePermissions(path, perms);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the platform's defaults apply.
    }
  }

  /** Makes the rename itself durable; best effort where the platform cannot open directories. */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some file systems refuse to open or sync a directory; the rename is still atomic.
    }
  }
}
