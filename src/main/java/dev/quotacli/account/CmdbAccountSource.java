package dev.quotacli.account;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads accounts from the CMDB's {@code aws_accounts} table (or a custom query) over MySQL
 * Connector/J. Thread-safe: each {@link #load()} opens and closes its own connection.
 */
public final class CmdbAccountSource {
  static final String DEFAULT_QUERY =
      "SELECT account_id, account_name, access_key_id, secret_access_key, role_arn, external_id,"
          + " regions, enabled FROM aws_accounts ORDER BY account_id";

  private static final List<String> REQUIRED_COLUMNS =
      List.of(
          "account_id",
          "account_name",
          "access_key_id",
          "secret_access_key",
          "role_arn",
          "external_id",
          "regions");

  // A password value in a query string (?password=x&) or a key-value host ((host=h,password=x)).
  private static final Pattern PASSWORD_VALUE =
      Pattern.compile("(?i)[\\w.-]*password[\\w.-]*\\s*=([^&,)#]*)");
  private static final Pattern KV_PASSWORD =
      Pattern.compile("(?i)([(,])\\s*[\\w.-]*password[\\w.-]*\\s*=[^,)]*");
  // Shorter strings would mask ordinary words in messages; they are guessable anyway.
  private static final int MIN_MASKED_LENGTH = 3;

  private final String jdbcUrl;
  private final String displayUrl;
  private final String user;
  private final Secret password;
  private final String query;
  private final Duration timeout;
  private final Set<String> secrets;

  /**
   * @param jdbcUrl a {@code jdbc:mysql:} URL
   * @param user the user, or null to take it from the URL
   * @param password the password, or null for none
   * @param query the query, or null for {@link #DEFAULT_QUERY}
   * @param timeout the connect, socket-read and query timeout
   */
  public CmdbAccountSource(
      String jdbcUrl, String user, Secret password, String query, Duration timeout) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!acceptsUrl(jdbcUrl)) {
      throw new IllegalArgumentException(urlProblem(jdbcUrl));
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.jdbcUrl = jdbcUrl;
    this.displayUrl = redactUrl(jdbcUrl);
    this.user = user;
    this.password = password;
    this.query = query == null || query.isBlank() ? DEFAULT_QUERY : query;
    this.timeout = timeout;
    this.secrets = secrets(jdbcUrl, password);
  }

  /** Only Connector/J is bundled: it takes {@code jdbc:mysql:} and {@code jdbc:mysql+srv:} URLs. */
  public static boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mysql+srv:");
  }

  /** Why a URL is not accepted, without its credentials. */
  public static String urlProblem(String jdbcUrl) {
    return "the CMDB JDBC URL must start with jdbc:mysql: or jdbc:mysql+srv: (MariaDB servers too), got "
        + redactUrl(jdbcUrl);
  }

  /** Reads every row; malformed rows land in {@link AccountLoad#skipped()}. */
  public AccountLoad load() {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, ceilSeconds())));
      try (ResultSet rs = statement.executeQuery(query)) {
        return readRows(rs);
      }
    } catch (SQLException e) {
      String reason = scrub(reason(e));
      // The driver's own messages may quote the URL; keep them out of stack traces if they do.
      throw new AccountSourceException(failure(reason), mentionsSecret(e) ? null : e);
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password.reveal());
    }
    String millis = Long.toString(Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
    props.setProperty("connectTimeout", millis);
    props.setProperty("socketTimeout", millis);
    // The driver itself, not DriverManager: no global registry, no other driver can answer.
    Connection connection = new com.mysql.cj.jdbc.Driver().connect(jdbcUrl, props);
    connection.setReadOnly(true);
    return connection;
  }

  private AccountLoad readRows(ResultSet rs) throws SQLException {
    Map<String, Integer> columns = columnIndexes(rs.getMetaData());
    for (String name : REQUIRED_COLUMNS) {
      if (!columns.containsKey(name)) {
        throw new AccountSourceException(
            failure("the query returns no column '" + name + "'"), null);
      }
    }
    Integer enabledColumn = columns.get("enabled");
    List<AccountRow> rows = new ArrayList<>();
    List<String> badEnabled = new ArrayList<>();
    for (int n = 1; rs.next(); n++) {
      String where = "cmdb row " + n;
      Boolean enabled = enabledColumn == null ? Boolean.TRUE : enabled(rs.getObject(enabledColumn));
      if (enabled == null) {
        badEnabled.add(where + ": enabled must be 0 or 1");
        continue;
      }
      rows.add(
          new AccountRow(
              where,
              rs.getString(columns.get("account_id")),
              rs.getString(columns.get("account_name")),
              rs.getString(columns.get("access_key_id")),
              secret(rs.getString(columns.get("secret_access_key"))),
              rs.getString(columns.get("role_arn")),
              secret(rs.getString(columns.get("external_id"))),
              rs.getString(columns.get("regions")),
              enabled));
    }
    AccountLoad load = AccountRow.load(rows);
    if (badEnabled.isEmpty()) {
      return load;
    }
    badEnabled.addAll(load.skipped());
    return new AccountLoad(load.accounts(), badEnabled, null, load.disabled());
  }

  private static Map<String, Integer> columnIndexes(ResultSetMetaData meta) throws SQLException {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.putIfAbsent(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
    }
    return columns;
  }

  /** NULL counts as enabled, like the column's default; null result means unreadable. */
  static Boolean enabled(Object value) {
    if (value == null) {
      return Boolean.TRUE;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof byte[] bits) { // BIT(n) with n > 1
      for (byte b : bits) {
        if (b != 0) {
          return Boolean.TRUE;
        }
      }
      return Boolean.FALSE;
    }
    return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "y" -> Boolean.TRUE;
      case "0", "false", "no", "n" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static Secret secret(String value) {
    return value == null ? null : new Secret(value);
  }

  private long ceilSeconds() {
    return (timeout.toMillis() + 999) / 1000;
  }

  private String failure(String reason) {
    return "cannot read accounts from the CMDB at " + displayUrl + ": " + reason;
  }

  /** A short human reason: the network error if there is one, else the server's first line. */
  String reason(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return "no answer within " + ceilSeconds() + "s";
      }
      if (t instanceof UnknownHostException) {
        String host = String.valueOf(t.getMessage()); // "name: Name or service not known"
        return "unknown host '" + host.split(": ", 2)[0] + "'";
      }
      if (t instanceof SocketException && t.getMessage() != null) {
        return decapitalize(firstLine(t.getMessage()));
      }
    }
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : decapitalize(firstLine(message));
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static String decapitalize(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  private String scrub(String text) {
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, "***");
    }
    return out;
  }

  private boolean mentionsSecret(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && secrets.stream().anyMatch(message::contains)) {
        return true;
      }
    }
    return false;
  }

  /** The given password and any password written into the URL, raw and percent-decoded. */
  private static Set<String> secrets(String url, Secret password) {
    Set<String> found = new LinkedHashSet<>();
    if (password != null) {
      found.add(password.reveal());
    }
    Matcher m = PASSWORD_VALUE.matcher(url);
    while (m.find()) {
      found.add(m.group(1));
    }
    String authority = authority(url);
    int at = authority.lastIndexOf('@');
    int colon = authority.indexOf(':');
    if (at >= 0 && colon >= 0 && colon < at) {
      found.add(authority.substring(colon + 1, at));
    }
    Set<String> all = new LinkedHashSet<>();
    for (String s : found) {
      all.add(s);
      try {
        all.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // not percent-encoded; the raw value is enough
      }
    }
    all.removeIf(s -> s.length() < MIN_MASKED_LENGTH);
    return Set.copyOf(all);
  }

  /**
   * The URL without user info ({@code user:pass@}) and without password properties, fit for
   * messages. With per-host user info, hosts before the last {@code @} go too: better a shorter
   * host list than a password.
   */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    String out = url;
    int slashes = out.indexOf("//");
    if (slashes >= 0) {
      int start = slashes + 2;
      String authority = authority(out);
      int end = start + authority.length();
      authority = authority.substring(authority.lastIndexOf('@') + 1);
      authority =
          KV_PASSWORD
              .matcher(authority)
              .replaceAll("$1")
              .replace("(,", "(")
              .replace(",,", ",")
              .replace(",)", ")")
              .replace("()", "");
      out = out.substring(0, start) + authority + out.substring(end);
    }
    int q = out.indexOf('?');
    if (q < 0) {
      return out;
    }
    int hash = out.indexOf('#', q);
    int queryEnd = hash < 0 ? out.length() : hash;
    List<String> kept = new ArrayList<>();
    for (String param : out.substring(q + 1, queryEnd).split("&")) {
      String key = param.split("=", 2)[0];
      if (!param.isEmpty() && !key.toLowerCase(Locale.ROOT).contains("password")) {
        kept.add(param);
      }
    }
    return out.substring(0, q)
        + (kept.isEmpty() ? "" : "?" + String.join("&", kept))
        + out.substring(queryEnd);
  }

  /** The text between {@code //} and the first {@code /}, {@code ?} or {@code #}. */
  private static String authority(String url) {
    int slashes = url.indexOf("//");
    if (slashes < 0) {
      return "";
    }
    int start = slashes + 2;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return url.substring(start, end);
  }

  @Override
  public String toString() {
    return "CmdbAccountSource[" + displayUrl + "]";
  }
}
