package dev.quotacli.output;

import dev.quotacli.fs.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where rendered text goes: a file written atomically (mode 0644), or standard output. */
public final class Textfiles {
  private Textfiles() {}

  /**
   * @param target the {@code .prom} file, or {@code -} for stdout
   */
  public static void write(String target, String content, PrintWriter stdout) throws IOException {
    if ("-".equals(target)) {
      stdout.print(content);
      stdout.flush();
      return;
    }
    Path path = Path.of(target);
    Path dir = path.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new IOException("output directory does not exist: " + dir);
    }
    AtomicFiles.write(path, content.getBytes(StandardCharsets.UTF_8), AtomicFiles.FILE_PUBLIC);
  }
}
