package dev.quotacli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (https://github.com/getmoto/moto) for tests that talk to AWS APIs through the real
 * SDK with {@code endpointOverride(moto.endpoint())}.
 *
 * <p>If the environment variable {@value #URL_ENV} is set (CI starts a server), that URL is used;
 * otherwise {@code moto_server -H 127.0.0.1 -p <free port>} is started as a child process (moto 5.x
 * on PATH) and stopped on {@link #close()} or at JVM exit. Either way the server must answer {@code
 * GET /moto-api/} within {@link #STARTUP_TIMEOUT}; if it does not, the test FAILS with an {@link
 * IllegalStateException} (never skipped).
 *
 * <p>Observed moto 5.2.1 STS behaviour: any access key / secret is accepted (no signature check);
 * GetCallerIdentity with a plain key answers account {@value #DEFAULT_ACCOUNT} ({@code
 * arn:aws:sts::123456789012:user/moto}); AssumeRole into any role ARN succeeds without the role
 * existing and without checking ExternalId, and GetCallerIdentity with the returned ASIA...
 * credentials answers the role's account and {@code
 * arn:aws:sts::<acct>:assumed-role/<role>/<session>}. {@link #reset()} forgets assumed roles: their
 * credentials then map to the default account again.
 */
public final class MotoServer implements AutoCloseable {

  /** Base URL of an already running moto server, e.g. {@code http://127.0.0.1:5000}. */
  public static final String URL_ENV = "QUOTA_CLI_TEST_MOTO_URL";

  /** The account moto reports for credentials that are not from an assumed role. */
  public static final String DEFAULT_ACCOUNT = "123456789012";

  public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private static MotoServer shared;

  private final URI endpoint;
  private final Process process; // null when external
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final Thread shutdownHook;

  private MotoServer(URI endpoint, Process process, Path log) {
    this.endpoint = endpoint;
    this.process = process;
    this.log = log;
    if (process != null) {
      shutdownHook = new Thread(this::stopProcess, "moto-server-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
  }

  /**
   * The JVM-wide instance, started on first use (or the {@value #URL_ENV} server). Do not close it;
   * it stops at JVM exit. Tests sharing it should {@link #reset()} or use distinct names.
   */
  public static synchronized MotoServer shared() {
    if (shared == null || !shared.isRunning()) {
      shared = startOrConnect();
    }
    return shared;
  }

  /** The {@value #URL_ENV} server if set, else a new child process. The caller closes it. */
  public static MotoServer startOrConnect() {
    String url = System.getenv(URL_ENV);
    if (url != null && !url.isBlank()) {
      return connect(URI.create(url.strip().replaceAll("/+$", "")));
    }
    return startProcess();
  }

  /** A moto server someone else runs at {@code baseUrl}; fails unless it answers in time. */
  public static MotoServer connect(URI baseUrl) {
    MotoServer server = new MotoServer(baseUrl, null, null);
    server.awaitReady("the moto server at " + baseUrl + " (from " + URL_ENV + ")");
    return server;
  }

  /** Starts {@code moto_server -H 127.0.0.1 -p <free port>} as a child process. */
  public static MotoServer startProcess() {
    return startProcess(java.util.Map.of());
  }

  /**
   * Starts a moto server of its own as a child process, with these environment variables added
   * (e.g. {@code INITIAL_NO_AUTH_ACTION_COUNT}, which makes moto check IAM policies after that many
   * requests): a test that needs a differently configured moto than the shared one.
   */
  public static MotoServer startProcess(java.util.Map<String, String> environment) {
    int port = freePort();
    Path log;
    try {
      log = Files.createTempFile("moto_server-" + port + "-", ".log");
      log.toFile().deleteOnExit(); // failures quote its tail in the exception message
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port));
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot start moto_server ("
              + e.getMessage()
              + "). Integration tests "
              + "need moto: install it with `pip install 'moto[server]==5.2.1'` so that moto_server is on "
              + "PATH, or set "
              + URL_ENV
              + " to the base URL of a running moto server.",
          e);
    }
    MotoServer server = new MotoServer(URI.create("http://127.0.0.1:" + port), process, log);
    try {
      server.awaitReady("moto_server started on port " + port + " (log " + log + ")");
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** {@code http://127.0.0.1:<port>}, for the SDK's {@code endpointOverride}. */
  public URI endpoint() {
    return endpoint;
  }

  public String baseUrl() {
    return endpoint.toString();
  }

  /** True when this server came from {@value #URL_ENV} rather than a child process. */
  public boolean isExternal() {
    return process == null;
  }

  public boolean isRunning() {
    return process == null || process.isAlive();
  }

  /** Drops all state in every moto backend ({@code POST /moto-api/reset}). */
  public void reset() {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "moto reset answered HTTP " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moto reset failed at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops the child process (no-op for an external server). */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs or ran anyway
    }
    synchronized (MotoServer.class) {
      if (shared == this) {
        shared = null;
      }
    }
  }

  private void stopProcess() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void awaitReady(String what) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    HttpRequest probe =
        HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    String lastProblem = "no answer";
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(
            what
                + " exited with code "
                + process.exitValue()
                + " before answering GET /moto-api/."
                + logTail());
      }
      try {
        HttpResponse<Void> response = http.send(probe, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
        lastProblem = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
    throw new IllegalStateException(
        what
            + " did not answer GET /moto-api/ within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s (last: "
            + lastProblem
            + ")."
            + logTail());
  }

  private String logTail() {
    if (log == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "\n--- moto_server output (last lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return " (cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
