package dev.quotacli.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A fresh, uniquely named database on a MySQL-protocol server, for one integration test class;
 * {@link #close()} drops it.
 *
 * <p>The server is {@code $QUOTA_CLI_TEST_JDBC_URL} (with {@code $QUOTA_CLI_TEST_JDBC_USER},
 * default {@code root}, and {@code $QUOTA_CLI_TEST_JDBC_PASSWORD}, default empty) when set, as in
 * CI; otherwise a Testcontainers {@code mysql:8.4}, started once per JVM. With neither, {@link
 * #create()} throws, so the test fails rather than skips. Not thread-safe.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String URL_ENV = "QUOTA_CLI_TEST_JDBC_URL";
  public static final String USER_ENV = "QUOTA_CLI_TEST_JDBC_USER";
  public static final String PASSWORD_ENV = "QUOTA_CLI_TEST_JDBC_PASSWORD";

  private static Server server;

  private final Server on;
  private final String name;

  /**
   * @param url a server-level {@code jdbc:mysql:} URL
   * @param user the user
   * @param password the password, possibly empty
   */
  private record Server(String url, String user, String password) {}

  private TestDatabase(Server on, String name) {
    this.on = on;
    this.name = name;
  }

  /** Creates {@code quota_cli_it_<random>} on the test server. */
  public static TestDatabase create() {
    Server s = server();
    String name = "quota_cli_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    run(s.url(), s, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
    return new TestDatabase(s, name);
  }

  /** The database's name. */
  public String name() {
    return name;
  }

  /** A JDBC URL whose default database is this one (user and password not included). */
  public String jdbcUrl() {
    return withDatabase(on.url(), name);
  }

  public String user() {
    return on.user();
  }

  /** The password, possibly empty. */
  public String password() {
    return on.password();
  }

  /** Runs statements in this database, in order. */
  public void execute(String... sql) {
    run(jdbcUrl(), on, sql);
  }

  @Override
  public void close() {
    run(on.url(), on, "DROP DATABASE IF EXISTS `" + name + "`");
  }

  /** The URL with its path (default database) set to {@code database}. */
  static String withDatabase(String url, String database) {
    int start = url.indexOf("//") + 2;
    int slash = indexOfAny(url, "/?#", start);
    if (slash == url.length() || url.charAt(slash) != '/') {
      return url.substring(0, slash) + "/" + database + url.substring(slash);
    }
    int pathEnd = indexOfAny(url, "?#", slash);
    return url.substring(0, slash + 1) + database + url.substring(pathEnd);
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  private static void run(String url, Server s, String... sql) {
    Properties props = new Properties();
    props.setProperty("user", s.user());
    props.setProperty("password", s.password());
    try (Connection c = DriverManager.getConnection(url, props);
        Statement st = c.createStatement()) {
      for (String statement : sql) {
        st.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test database at " + url + ": " + e.getMessage(), e);
    }
  }

  private static synchronized Server server() {
    if (server == null) {
      server = fromEnvironment();
      if (server == null) {
        server = startContainer();
      }
    }
    return server;
  }

  private static Server fromEnvironment() {
    String url = System.getenv(URL_ENV);
    if (url == null || url.isBlank()) {
      return null;
    }
    String user = System.getenv(USER_ENV);
    String password = System.getenv(PASSWORD_ENV);
    return new Server(
        url, user == null || user.isBlank() ? "root" : user, password == null ? "" : password);
  }

  @SuppressWarnings("resource") // Testcontainers' Ryuk removes the container when the JVM exits.
  private static Server startContainer() {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    if (!docker) {
      throw new IllegalStateException(
          "no MySQL-protocol server for the integration tests: set "
              + URL_ENV
              + " (e.g. jdbc:mysql://127.0.0.1:3306/?useSSL=false&allowPublicKeyRetrieval=true,"
              + " with "
              + USER_ENV
              + " and "
              + PASSWORD_ENV
              + ") or make Docker available for Testcontainers");
    }
    MySQLContainer<?> mysql =
        new MySQLContainer<>(DockerImageName.parse("mysql:8.4"))
            .withUsername("root")
            .withPassword("quota-cli-test");
    mysql.start();
    String url =
        "jdbc:mysql://"
            + mysql.getHost()
            + ":"
            + mysql.getMappedPort(MySQLContainer.MYSQL_PORT)
            + "/?useSSL=false&allowPublicKeyRetrieval=true";
    return new Server(url, "root", "quota-cli-test");
  }
}
