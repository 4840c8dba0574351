package dev.quotacli.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quotacli.account.CredentialSource.AssumeRole;
import dev.quotacli.account.CredentialSource.StaticKeys;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CmdbAccountSource} against a real MySQL-protocol server (see {@link TestDatabase}). */
class CmdbAccountSourceIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String PASSWORD = "Cmdb-Pa55word-qx7Zt";
  private static final String CREATE_TABLE =
      """
      CREATE TABLE aws_accounts (
        account_id CHAR(12) NOT NULL PRIMARY KEY, account_name VARCHAR(128) NOT NULL,
        access_key_id VARCHAR(128) NULL, secret_access_key VARCHAR(256) NULL,
        role_arn VARCHAR(2048) NULL, external_id VARCHAR(1224) NULL,
        regions VARCHAR(1024) NULL,
        enabled TINYINT(1) NOT NULL DEFAULT 1)
      """;
  private static final String INSERT =
      "INSERT INTO aws_accounts (account_id, account_name, access_key_id, secret_access_key,"
          + " role_arn, external_id, regions, enabled) VALUES ";
  private static final String ROLE = "arn:aws:iam::111111111111:role/quota-reader";

  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  void emptyAccountsTable() {
    db.execute("DROP TABLE IF EXISTS aws_accounts", CREATE_TABLE);
  }

  @Test
  void loadsEnabledRowWithStaticKeys() {
    db.execute(
        INSERT + "('111111111111', 'prod', 'AKIAEXAMPLE1', 'secret-1', NULL, NULL, NULL, 1)");

    AccountLoad load = source(null).load();

    assertThat(load.skipped()).isEmpty();
    assertThat(load.accounts())
        .containsExactly(
            new Account(
                new AccountId("111111111111"),
                "prod",
                new StaticKeys("AKIAEXAMPLE1", new Secret("secret-1")),
                List.of()));
  }

  @Test
  void loadsRoleWithExternalIdAndRoleAssumedWithKeys() {
    db.execute(
        INSERT
            + "('111111111111', 'ambient-role', NULL, NULL, '"
            + ROLE
            + "', 'ext-1', NULL, 1),"
            + "('222222222222', 'keyed-role', 'AKIAEXAMPLE2', 'secret-2', '"
            + ROLE
            + "', NULL, NULL, 1)");

    AccountLoad load = source(null).load();

    assertThat(load.skipped()).isEmpty();
    assertThat(load.accounts())
        .extracting(Account::credentials)
        .containsExactly(
            new AssumeRole(ROLE, Optional.of(new Secret("ext-1")), Optional.empty()),
            new AssumeRole(
                ROLE,
                Optional.empty(),
                Optional.of(new StaticKeys("AKIAEXAMPLE2", new Secret("secret-2")))));
  }

  @Test
  void readsNullAndEmptyRegionsAsDiscoverAndSplitsListsOnCommas() {
    db.execute(
        INSERT
            + "('111111111111', 'a', 'AKIA1', 's1', NULL, NULL, NULL, 1),"
            + "('222222222222', 'b', 'AKIA2', 's2', NULL, NULL, '', 1),"
            + "('333333333333', 'c', 'AKIA3', 's3', NULL, NULL, 'eu-west-1, us-east-1', 1)");

    AccountLoad load = source(null).load();

    assertThat(load.accounts())
        .extracting(Account::regions)
        .containsExactly(
            List.of(), List.of(), List.of(new Region("eu-west-1"), new Region("us-east-1")));
  }

  @Test
  void skipsDisabledRowsSilently() {
    db.execute(
        INSERT
            + "('111111111111', 'on', 'AKIA1', 's1', NULL, NULL, NULL, 1),"
            + "('222222222222', 'off', 'AKIA2', 's2', NULL, NULL, NULL, 0)");

    AccountLoad load = source(null).load();

    assertThat(load.accounts()).extracting(Account::name).containsExactly("on");
    assertThat(load.skipped()).isEmpty();
  }

  @Test
  void reportsMalformedRowsWithoutSecretsAndKeepsTheOthers() {
    db.execute(
        INSERT
            + "('111111111111', 'good', 'AKIA1', 's1', NULL, NULL, NULL, 1),"
            + "('222222222222', 'no-credentials', NULL, NULL, NULL, NULL, NULL, 1),"
            + "('333333333333', 'half-keys', NULL, 'Leaky-Secret-9f3', NULL, NULL, NULL, 1),"
            + "('444444444444', 'good-too', 'AKIA4', 's4', NULL, NULL, NULL, 1),"
            + "('abc', 'bad-id', 'AKIA5', 's5', NULL, NULL, NULL, 1)");

    AccountLoad load = source(null).load();

    assertThat(load.accounts()).extracting(Account::name).containsExactly("good", "good-too");
    assertThat(load.skipped())
        .containsExactly(
            "cmdb row 2 (account 222222222222): neither access keys nor role_arn is set",
            "cmdb row 3 (account 333333333333): access_key_id and secret_access_key must be set"
                + " together",
            "cmdb row 5: account_id must be 12 digits, got 'abc'");
    assertThat(String.join("\n", load.skipped())).doesNotContain("Leaky-Secret-9f3");
  }

  @Test
  void customQueryReadsAnotherTableAndTreatsMissingEnabledAsEnabled() {
    db.execute(
        "DROP TABLE IF EXISTS cmdb_aws",
        "CREATE TABLE cmdb_aws (id CHAR(12) PRIMARY KEY, label VARCHAR(64), role VARCHAR(200))",
        "INSERT INTO cmdb_aws VALUES ('555555555555', 'custom', '" + ROLE + "')");
    String query =
        "SELECT id AS account_id, label AS account_name, NULL AS access_key_id,"
            + " NULL AS secret_access_key, role AS role_arn, NULL AS external_id,"
            + " 'us-west-2' AS regions FROM cmdb_aws";

    AccountLoad load = source(query).load();

    assertThat(load.skipped()).isEmpty();
    assertThat(load.accounts())
        .containsExactly(
            new Account(
                new AccountId("555555555555"),
                "custom",
                new AssumeRole(ROLE, Optional.empty(), Optional.empty()),
                List.of(new Region("us-west-2"))));
  }

  @Test
  void customQueryWithoutARequiredColumnFailsNamingIt() {
    String query =
        "SELECT account_id, account_name, access_key_id, secret_access_key,"
            + " external_id, regions FROM aws_accounts";

    AccountSourceException e = loadFailure(source(query));

    assertThat(e.getMessage())
        .isEqualTo(
            "cannot read accounts from the CMDB at "
                + db.jdbcUrl()
                + ": the query returns no column 'role_arn'");
  }

  @Test
  void missingTableFailsWithTheServersReason() {
    db.execute("DROP TABLE aws_accounts");

    AccountSourceException e = loadFailure(source(null));

    assertThat(e.getMessage())
        .isEqualTo(
            "cannot read accounts from the CMDB at "
                + db.jdbcUrl()
                + ": table '"
                + db.name()
                + ".aws_accounts' doesn't exist");
  }

  @Test
  void wrongPasswordFailsWithAccessDeniedAndNoPassword() {
    AccountSourceException e =
        loadFailure(
            new CmdbAccountSource(db.jdbcUrl(), db.user(), new Secret(PASSWORD), null, TIMEOUT));

    assertThat(e.getMessage())
        .startsWith("cannot read accounts from the CMDB at " + db.jdbcUrl() + ": ")
        .contains("access denied for user '" + db.user() + "'")
        .doesNotContain(PASSWORD)
        .doesNotContain("\n");
  }

  @Test
  void closedPortFailsWithinSecondsWithOneLineAndNoPassword() throws IOException {
    int port = closedLoopbackPort();
    String url =
        "jdbc:mysql://cmdb:" + PASSWORD + "@127.0.0.1:" + port + "/cmdb?password=" + PASSWORD;
    CmdbAccountSource source =
        new CmdbAccountSource(url, "cmdb", new Secret(PASSWORD), null, Duration.ofSeconds(2));

    long start = System.nanoTime();
    AccountSourceException e = loadFailure(source);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(4));
    assertThat(e.getMessage())
        .isEqualTo(
            "cannot read accounts from the CMDB at jdbc:mysql://127.0.0.1:"
                + port
                + "/cmdb: connection refused");
    assertThat(source.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void silentServerTimesOutAfterTheTimeoutEvenIfTheUrlAsksForLonger() throws IOException {
    // Accepted by the kernel's backlog but never greeted: the driver waits for a handshake.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url =
          "jdbc:mysql://127.0.0.1:"
              + silent.getLocalPort()
              + "/cmdb?connectTimeout=600000&socketTimeout=600000";
      CmdbAccountSource source =
          new CmdbAccountSource(url, "cmdb", new Secret(PASSWORD), null, Duration.ofSeconds(1));

      long start = System.nanoTime();
      AccountSourceException e = loadFailure(source);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isLessThan(Duration.ofSeconds(4));
      assertThat(e.getMessage())
          .endsWith("/cmdb?connectTimeout=600000&socketTimeout=600000: no answer within 1s");
    }
  }

  private static CmdbAccountSource source(String query) {
    Secret password = db.password().isEmpty() ? null : new Secret(db.password());
    return new CmdbAccountSource(db.jdbcUrl(), db.user(), password, query, TIMEOUT);
  }

  private static AccountSourceException loadFailure(CmdbAccountSource source) {
    AccountSourceException e = catchThrowableOfType(AccountSourceException.class, source::load);
    assertThat(e).as("load() should fail").isNotNull();
    return e;
  }

  private static int closedLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
