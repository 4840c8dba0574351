package dev.quotacli.cache;

import dev.quotacli.fs.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock per subcommand and shard ({@code <cache>/locks/<name>.lock}), so that two
 * overlapping timer runs never write the same caches and output. The OS releases it when the
 * process dies, so a crash leaves no stale lock.
 */
public final class RunLock implements AutoCloseable {
  /** Another run holds the lock; the message names the lock file and the holder's pid. */
  public static final class HeldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock at once or throws {@link HeldException}; never waits. */
  public static RunLock acquire(Path cacheRoot, String name) throws IOException {
    Path dir = cacheRoot.resolve("locks");
    AtomicFiles.createDirectories(dir, AtomicFiles.DIR_PRIVATE);
    Path file = dir.resolve(name + ".lock");
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM (another in-process run)
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
      channel.close();
      throw new HeldException(
          "another '"
              + name
              + "' run is in progress"
              + (holder.isEmpty() ? "" : " (pid " + holder + ")")
              + "; lock "
              + file);
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    return new RunLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
