package dev.quotacli.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.AccountRow;
import dev.quotacli.account.AccountSourceException;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.cache.AccountListCache;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountLoaderTest {
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final String URL = "jdbc:mysql://cmdb.example:3306/inventory";
  private static final String DB_PASSWORD = "db-pa55word-never-cached";
  private static final String ROLE_KEY_ID = "AKIAROLEBASE00000001";
  private static final String ROLE_SECRET = "role-base-secret-never-cached";
  private static final String STATIC_KEY_ID = "AKIASTATIC0000000002";
  private static final String STATIC_SECRET = "static-secret-never-cached";
  private static final String EXTERNAL_ID = "ext-4711";
  private static final String ROLE_ARN = "arn:aws:iam::111111111111:role/quota-reader";
  private static final String DOWN = "cannot reach the CMDB at " + URL + ": Communications failure";

  @TempDir Path root;
  private MutableClock clock;
  private AccountListCache cache;
  private final StringWriter err = new StringWriter();
  private final Diagnostics diagnostics =
      new Diagnostics(new PrintWriter(err), Diagnostics.Level.NORMAL);
  private final AtomicInteger ambientCalls = new AtomicInteger();
  private final Supplier<AwsRoot.AmbientAccount> ambient =
      () -> {
        ambientCalls.incrementAndGet();
        return new AwsRoot.AmbientAccount(
            new AccountId("999999999999"), java.util.Optional.empty());
      };

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    cache = new AccountListCache(root, clock);
  }

  private static AccountSettings cmdbSettings(Duration maxAge) {
    return new AccountSettings(
        URL, "quota", new Secret(DB_PASSWORD), null, Duration.ofSeconds(10), maxAge, null);
  }

  /** What the CMDB answers: a role account (with base keys), a static-key one, a bad row. */
  private static AccountLoad cmdbAnswer() {
    return AccountRow.load(
        List.of(
            new AccountRow(
                "cmdb row 1",
                "111111111111",
                "prod",
                ROLE_KEY_ID,
                new Secret(ROLE_SECRET),
                ROLE_ARN,
                new Secret(EXTERNAL_ID),
                "us-east-1,eu-west-1",
                true),
            new AccountRow(
                "cmdb row 2",
                "222222222222",
                "legacy",
                STATIC_KEY_ID,
                new Secret(STATIC_SECRET),
                null,
                null,
                "eu-central-1",
                true),
            new AccountRow(
                "cmdb row 3", "33333", "broken", null, null, ROLE_ARN, null, null, true)));
  }

  private static Function<AccountSettings, AccountLoad> answering(AccountLoad load) {
    return s -> load;
  }

  private static Function<AccountSettings, AccountLoad> down() {
    return s -> {
      throw new AccountSourceException(DOWN, null);
    };
  }

  private static Function<AccountSettings, AccountLoad> notAsked() {
    return s -> {
      throw new AssertionError("the CMDB is not configured and must not be asked");
    };
  }

  @Test
  void aCmdbAnswerIsReturnedAndCachedWithoutAnyKeyOrPassword() throws Exception {
    AccountLoad answer = cmdbAnswer();

    AccountLoad load =
        AccountLoader.load(
            cmdbSettings(Duration.ofDays(7)), answering(answer), ambient, cache, diagnostics);

    assertThat(load).isSameAs(answer);
    assertThat(load.stale()).isFalse();
    assertThat(load.skipped()).singleElement().asString().startsWith("cmdb row 3");
    assertThat(ambientCalls).hasValue(0);
    assertThat(err.toString()).isEmpty();

    String text = Files.readString(cache.path());
    assertThat(text)
        .contains("111111111111", "prod", ROLE_ARN, EXTERNAL_ID, "us-east-1", "eu-west-1")
        .contains("222222222222", "legacy", "eu-central-1")
        .doesNotContain(ROLE_SECRET, STATIC_SECRET, DB_PASSWORD, ROLE_KEY_ID, STATIC_KEY_ID)
        .doesNotContain("AKIA", "33333\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.path())))
        .as("the external ids are readable by the owner only")
        .isEqualTo("rw-------");
    assertThat(cache.read(Duration.ofDays(7)))
        .hasValueSatisfying(
            c -> {
              assertThat(c.fetchedAt()).isEqualTo(T0);
              assertThat(c.entry().accounts())
                  .containsExactly(
                      new AccountListCache.CachedAccount(
                          "111111111111",
                          "prod",
                          ROLE_ARN,
                          EXTERNAL_ID,
                          List.of("us-east-1", "eu-west-1")),
                      new AccountListCache.CachedAccount(
                          "222222222222", "legacy", null, null, List.of("eu-central-1")));
            });
  }

  @Test
  void whenTheCmdbIsDownRoleAccountsComeFromTheCacheAndStaticKeyAccountsHaveNoCredentials() {
    var settings = cmdbSettings(Duration.ofDays(7));
    AccountLoader.load(settings, answering(cmdbAnswer()), ambient, cache, diagnostics);
    clock.advance(Duration.ofDays(2));

    AccountLoad load = AccountLoader.load(settings, down(), ambient, cache, diagnostics);

    assertThat(load.stale()).isTrue();
    assertThat(load.staleSince()).isEqualTo(T0);
    assertThat(load.skipped()).isEmpty();
    assertThat(load.accounts())
        .containsExactly(
            new Account(
                new AccountId("111111111111"),
                "prod",
                new CredentialSource.AssumeRole(
                    ROLE_ARN, Optional.of(new Secret(EXTERNAL_ID)), Optional.empty()),
                List.of(new Region("us-east-1"), new Region("eu-west-1"))),
            new Account(
                new AccountId("222222222222"),
                "legacy",
                new CredentialSource.Unavailable(
                    "the CMDB is unreachable and static keys are never cached"),
                List.of(new Region("eu-central-1"))));
    assertThat(err.toString())
        .isEqualTo(
            "quota-cli: warning: "
                + DOWN
                + "; using the account list cached at 2026-11-20T10:00:00Z"
                + System.lineSeparator());
    assertThat(ambientCalls).hasValue(0);
  }

  @Test
  void everyAnswerRefreshesTheCachedList() {
    var settings = cmdbSettings(Duration.ofDays(7));
    AccountLoader.load(settings, answering(cmdbAnswer()), ambient, cache, diagnostics);
    clock.advance(Duration.ofDays(5));
    AccountLoader.load(settings, answering(cmdbAnswer()), ambient, cache, diagnostics);
    clock.advance(Duration.ofDays(5));

    AccountLoad load = AccountLoader.load(settings, down(), ambient, cache, diagnostics);

    assertThat(load.staleSince())
        .as("10 days after the first answer, 5 after the last")
        .isEqualTo(T0.plus(Duration.ofDays(5)));
    assertThat(load.accounts()).hasSize(2);
  }

  @Test
  void aCachedListThatDoesNotValidateIsAnAccountSourceFailureNotACrash() throws Exception {
    cache.write(
        new AccountListCache.Entry(
            List.of(
                new AccountListCache.CachedAccount(
                    "12", "typo", "arn:aws:iam::12:role/r", null, List.of()))));

    assertThatThrownBy(
            () ->
                AccountLoader.load(
                    cmdbSettings(Duration.ofDays(7)), down(), ambient, cache, diagnostics))
        .isInstanceOf(AccountSourceException.class)
        .hasMessageStartingWith(DOWN + " (and the cached account list ")
        .hasMessageContaining("is unusable: ");
  }

  @Test
  void aCachedListOlderThanTheMaxAgeIsNotUsed() {
    var settings = cmdbSettings(Duration.ofDays(7));
    AccountLoader.load(settings, answering(cmdbAnswer()), ambient, cache, diagnostics);
    clock.advance(Duration.ofDays(8));

    assertThatThrownBy(() -> AccountLoader.load(settings, down(), ambient, cache, diagnostics))
        .isInstanceOf(AccountSourceException.class)
        .hasMessage(DOWN + " (and no cached account list younger than 7d)");
    assertThat(err.toString()).as("no warning about a cache that is not used").isEmpty();
    assertThat(ambientCalls).hasValue(0);
  }

  @Test
  void withNoCachedListTheCmdbFailureIsFatalAndNamesTheMaxAgeAsTheFlagsSpellIt() {
    assertThatThrownBy(
            () ->
                AccountLoader.load(
                    cmdbSettings(Duration.ofHours(36)), down(), ambient, cache, diagnostics))
        .isInstanceOf(AccountSourceException.class)
        .hasMessageEndingWith("younger than 36h)");
    assertThat(Files.exists(cache.path())).isFalse();
  }

  @Test
  void durationsAreSpelledAsTheFlagsTakeThem() {
    assertThat(AccountLoader.human(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(AccountLoader.human(Duration.ofHours(36))).isEqualTo("36h");
    assertThat(AccountLoader.human(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(AccountLoader.human(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(AccountLoader.human(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void aCacheThatCannotBeWrittenIsAWarningAndTheAnswerStillServes() throws Exception {
    Path notADirectory = root.resolve("cache");
    Files.writeString(notADirectory, "a file where the cache directory should be");
    var unwritable = new AccountListCache(notADirectory, clock);
    AccountLoad answer = cmdbAnswer();

    AccountLoad load =
        AccountLoader.load(
            cmdbSettings(Duration.ofDays(7)), answering(answer), ambient, unwritable, diagnostics);

    assertThat(load).isSameAs(answer);
    assertThat(err.toString())
        .startsWith(
            "quota-cli: warning: cannot write the account list cache " + unwritable.path() + ": ")
        .doesNotContain(DB_PASSWORD, ROLE_SECRET, STATIC_SECRET);
  }

  @Test
  void anAccountsFileIsReadAndNeitherTheCmdbNorTheAmbientAccountIsAsked() throws Exception {
    Path file = root.resolve("accounts.yaml");
    Files.writeString(
        file,
        """
        accounts:
          - account_id: "444444444444"
            account_name: staging
            role_arn: arn:aws:iam::444444444444:role/quota-reader
            regions: [eu-west-1]
          - account_id: "555555555555"
            access_key_id: AKIAFILE000000000005
            secret_access_key: file-secret
          - account_id: "666666666666"
            account_name: no-credentials
        """);
    var settings =
        new AccountSettings(
            null, null, null, null, Duration.ofSeconds(10), Duration.ofDays(7), file);

    AccountLoad load = AccountLoader.load(settings, notAsked(), ambient, cache, diagnostics);

    assertThat(load.accounts())
        .extracting(a -> a.id().value(), Account::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("444444444444", "staging"),
            org.assertj.core.groups.Tuple.tuple("555555555555", "555555555555"));
    assertThat(load.accounts().get(0).credentials())
        .isEqualTo(
            new CredentialSource.AssumeRole(
                "arn:aws:iam::444444444444:role/quota-reader", Optional.empty(), Optional.empty()));
    assertThat(load.accounts().get(1).credentials())
        .isEqualTo(
            new CredentialSource.StaticKeys("AKIAFILE000000000005", new Secret("file-secret")));
    assertThat(load.skipped())
        .singleElement()
        .asString()
        .contains("666666666666", "neither access keys nor role_arn is set");
    assertThat(load.stale()).isFalse();
    assertThat(ambientCalls).hasValue(0);
    assertThat(Files.exists(cache.path())).as("only a CMDB list is cached").isFalse();
  }

  @Test
  void withNoSourceConfiguredTheAmbientAccountIsTheOneAccount() {
    var settings =
        new AccountSettings(
            null, null, null, null, Duration.ofSeconds(10), Duration.ofDays(7), null);

    AccountLoad load = AccountLoader.load(settings, notAsked(), ambient, cache, diagnostics);

    assertThat(ambientCalls).hasValue(1);
    assertThat(load.accounts())
        .containsExactly(
            new Account(
                new AccountId("999999999999"),
                "999999999999",
                new CredentialSource.Ambient(),
                List.of()));
    assertThat(load.skipped()).isEmpty();
    assertThat(load.stale()).isFalse();
    assertThat(Files.exists(cache.path())).isFalse();
  }

  private static final String OU = "ou-ab12-platform1";

  private static AccountSettings orgSettings(Path file, String url, List<String> units) {
    return new AccountSettings(
        url,
        url == null ? null : "quota",
        url == null ? null : new Secret(DB_PASSWORD),
        null,
        Duration.ofSeconds(10),
        Duration.ofDays(7),
        file,
        new OrgSettings(new dev.quotacli.account.OrgRole("QuotaCliRole", Optional.empty()), units));
  }

  private static dev.quotacli.testing.InMemoryOrganization organization() {
    return new dev.quotacli.testing.InMemoryOrganization()
        .unit(dev.quotacli.testing.InMemoryOrganization.ROOT, OU)
        .account(dev.quotacli.testing.InMemoryOrganization.ROOT, "100000000000", "mgmt", "ACTIVE")
        .account(OU, "111111111111", "prod-in-org", "ACTIVE")
        .account(OU, "200000000001", "closing", "PENDING_CLOSURE");
  }

  @Test
  void organizationsGivesTheActiveMembersWarnsOnceOfTheOthersAndIsCached() {
    var members = organization();

    AccountLoad load =
        AccountLoader.load(
            orgSettings(null, null, List.of()),
            notAsked(),
            () -> members,
            ambient,
            cache,
            diagnostics);

    assertThat(load.accounts())
        .extracting(a -> a.id().value(), Account::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("100000000000", "mgmt"),
            org.assertj.core.groups.Tuple.tuple("111111111111", "prod-in-org"));
    assertThat(load.stale()).isFalse();
    assertThat(ambientCalls).hasValue(0);
    assertThat(err.toString())
        .isEqualTo(
            "quota-cli: warning: organizations: skipping 1 account not ACTIVE: 200000000001"
                + " (PENDING_CLOSURE)"
                + System.lineSeparator());
    assertThat(cache.read(Duration.ofDays(7)))
        .hasValueSatisfying(
            c ->
                assertThat(c.entry().accounts())
                    .extracting(AccountListCache.CachedAccount::roleArn)
                    .containsExactly(
                        "arn:aws:iam::100000000000:role/QuotaCliRole",
                        "arn:aws:iam::111111111111:role/QuotaCliRole"));
  }

  @Test
  void whenOrganizationsIsDownTheCachedListIsUsedAndStale() {
    var settings = orgSettings(null, null, List.of());
    AccountLoader.load(settings, notAsked(), () -> organization(), ambient, cache, diagnostics);
    clock.advance(Duration.ofHours(3));
    err.getBuffer().setLength(0);
    var down = organization().down("cannot list the organization's accounts: connection refused");

    AccountLoad load =
        AccountLoader.load(settings, notAsked(), () -> down, ambient, cache, diagnostics);

    assertThat(load.stale()).isTrue();
    assertThat(load.staleSince()).isEqualTo(T0);
    assertThat(load.accounts())
        .extracting(a -> a.id().value())
        .containsExactly("100000000000", "111111111111");
    assertThat(err.toString())
        .isEqualTo(
            "quota-cli: warning: cannot list the organization's accounts: connection refused;"
                + " using the account list cached at 2026-11-20T10:00:00Z"
                + System.lineSeparator());
  }

  @Test
  void withoutACachedListAnUnreachableOrganizationIsFatal() {
    var down = organization().down("cannot list the organization's accounts: connection refused");

    assertThatThrownBy(
            () ->
                AccountLoader.load(
                    orgSettings(null, null, List.of()),
                    notAsked(),
                    () -> down,
                    ambient,
                    cache,
                    diagnostics))
        .isInstanceOf(AccountSourceException.class)
        .hasMessageContaining("connection refused")
        .hasMessageContaining("no cached account list younger than 7d");
  }

  @Test
  void withTheCmdbOrganizationsGivesTheSetAndNamesAndTheRowsHowToReachThem() throws Exception {
    AccountLoad load =
        AccountLoader.load(
            orgSettings(null, URL, List.of(OU)),
            answering(cmdbAnswer()),
            () -> organization(),
            ambient,
            cache,
            diagnostics);

    assertThat(load.accounts())
        .containsExactly(
            new Account(
                new AccountId("111111111111"),
                "prod-in-org",
                new CredentialSource.AssumeRole(
                    ROLE_ARN,
                    Optional.of(new Secret(EXTERNAL_ID)),
                    Optional.of(
                        new CredentialSource.StaticKeys(ROLE_KEY_ID, new Secret(ROLE_SECRET)))),
                List.of(new Region("us-east-1"), new Region("eu-west-1"))));
    assertThat(load.skipped())
        .containsExactly(
            "cmdb row 3: account_id must be 12 digits, got '33333'",
            "the CMDB: account 222222222222 is not in the organization under --org-unit "
                + OU
                + "; skipped");
    assertThat(Files.readString(cache.path()))
        .doesNotContain(ROLE_SECRET, STATIC_SECRET, DB_PASSWORD, ROLE_KEY_ID);
  }

  @Test
  void withTheCmdbDownTheCachedMergedListIsUsed() {
    var settings = orgSettings(null, URL, List.of());
    AccountLoader.load(
        settings, answering(cmdbAnswer()), () -> organization(), ambient, cache, diagnostics);

    AccountLoad load =
        AccountLoader.load(settings, down(), () -> organization(), ambient, cache, diagnostics);

    assertThat(load.stale()).isTrue();
    assertThat(load.accounts())
        .extracting(a -> a.id().value(), Account::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("100000000000", "mgmt"),
            org.assertj.core.groups.Tuple.tuple("111111111111", "prod-in-org"));
  }
}
