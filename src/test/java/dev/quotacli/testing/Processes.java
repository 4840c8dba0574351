package dev.quotacli.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for tests that run real programs (node_exporter, promtool). */
public final class Processes {
  private Processes() {}

  /**
   * @param exitCode the exit code
   * @param output stdout and stderr together
   */
  public record Result(int exitCode, String output) {}

  /** The program's path; fails (never skips) with how to install it when it is missing. */
  public static Path require(String envVariable, String defaultPath, String debianPackage) {
    String configured = System.getenv(envVariable);
    Path path = Path.of(configured != null && !configured.isEmpty() ? configured : defaultPath);
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          path
              + " not found: install Debian's "
              + debianPackage
              + " (apt-get install "
              + debianPackage
              + "; .ci/run does) or set "
              + envVariable);
    }
    return path;
  }

  /** Runs a program to completion (bounded to 60 s) with the given standard input. */
  public static Result run(List<String> command, String stdin)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 60 s");
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
