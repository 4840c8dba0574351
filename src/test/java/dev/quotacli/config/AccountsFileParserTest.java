package dev.quotacli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.AccountRow;
import dev.quotacli.account.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsFileParserTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @Test
  void parsesEveryFieldOfAnEntryAndNamesItsFileAndLine() {
    List<AccountRow> rows =
        AccountsFileParser.parse(
            "accounts.yaml",
            """
            # two accounts
            accounts:
              - account_id: "123456789012"
                account_name: prod
                access_key_id: AKIAIOSFODNN7EXAMPLE
                secret_access_key: %s
                role_arn: arn:aws:iam::123456789012:role/quota-reader
                external_id: "4711"
                regions: [eu-west-1, us-east-1]
                enabled: true
              - account_id: "210987654321"
                role_arn: arn:aws:iam::210987654321:role/quota-reader
            """
                .formatted(SECRET));

    assertThat(rows)
        .containsExactly(
            new AccountRow(
                "accounts.yaml:3",
                "123456789012",
                "prod",
                "AKIAIOSFODNN7EXAMPLE",
                new Secret(SECRET),
                "arn:aws:iam::123456789012:role/quota-reader",
                new Secret("4711"),
                "eu-west-1,us-east-1",
                true),
            new AccountRow(
                "accounts.yaml:11",
                "210987654321",
                null,
                null,
                null,
                "arn:aws:iam::210987654321:role/quota-reader",
                null,
                null,
                true));
  }

  @Test
  void parsedRowsValidateIntoAccounts() {
    List<AccountRow> rows =
        AccountsFileParser.parse(
            "a.yaml",
            """
            accounts:
              - account_id: "123456789012"
                role_arn: arn:aws:iam::123456789012:role/quota-reader
                regions: eu-west-1
            """);

    AccountLoad load = AccountRow.load(rows);

    assertThat(load.accounts()).extracting(a -> a.id().value()).containsExactly("123456789012");
  }

  @Test
  void regionsMayBeAListOrACommaSeparatedString() {
    List<AccountRow> rows =
        AccountsFileParser.parse(
            "a.yaml",
            """
            accounts:
              - {account_id: "111111111111", regions: [eu-west-1, us-east-1]}
              - {account_id: "222222222222", regions: "eu-west-1, us-east-1"}
              - account_id: "333333333333"
                regions: eu-west-1,us-east-1
              - {account_id: "444444444444", regions: []}
            """);

    assertThat(rows)
        .extracting(AccountRow::regions)
        .containsExactly("eu-west-1,us-east-1", "eu-west-1, us-east-1", "eu-west-1,us-east-1", "");
  }

  @Test
  void plainTwelveDigitAccountIdKeepsItsLeadingZero() {
    List<AccountRow> rows =
        AccountsFileParser.parse("a.yaml", "accounts:\n  - account_id: 012345670123\n");

    assertThat(rows).extracting(AccountRow::accountId).containsExactly("012345670123");
  }

  @Test
  void plainNumberThatIsNotTwelveDigitsIsRejectedAsAccountId() {
    assertThatThrownBy(
            () -> AccountsFileParser.parse("a.yaml", "accounts:\n  - account_id: 12345\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("a.yaml:2:17: account_id must be 12 digits or a quoted string, got a number");
  }

  @Test
  void enabledDefaultsToTrueAndFalseDisablesTheEntry() {
    List<AccountRow> rows =
        AccountsFileParser.parse(
            "a.yaml",
            """
            accounts:
              - account_id: "111111111111"
              - account_id: "222222222222"
                enabled: false
            """);

    assertThat(rows).extracting(AccountRow::enabled).containsExactly(true, false);
  }

  @Test
  void unknownKeyIsReportedWithLineAndColumn() {
    assertThatThrownBy(
            () ->
                AccountsFileParser.parse(
                    "accounts.yaml",
                    """
                    accounts:
                      - account_id: "123456789012"
                        acount_name: prod
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "accounts.yaml:3:5: unknown key 'acount_name' in account entry (expected account_id,"
                + " account_name, access_key_id, secret_access_key, role_arn, external_id, regions,"
                + " enabled)");
  }

  @Test
  void missingAccountsKeyIsRejected() {
    assertThatThrownBy(() -> AccountsFileParser.parse("a.yaml", "accounts_list: []\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("a.yaml:1:1: unknown key 'accounts_list' at top level (expected accounts)");
  }

  @Test
  void entryThatIsNotAMappingIsRejected() {
    assertThatThrownBy(() -> AccountsFileParser.parse("a.yaml", "accounts:\n  - 123456789012\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("a.yaml:2:5: account entry must be a mapping, got a number");
  }

  @Test
  void enabledThatIsNotABooleanIsRejected() {
    assertThatThrownBy(
            () ->
                AccountsFileParser.parse(
                    "a.yaml", "accounts:\n  - account_id: \"123456789012\"\n    enabled: \"no\"\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("a.yaml:3:14: enabled must be true or false, got a string");
  }

  @Test
  void secretOfTheWrongTypeIsReportedWithoutItsValue() {
    String yaml =
        "accounts:\n  - account_id: \"123456789012\"\n    secret_access_key: [" + SECRET + "]\n";

    assertThatThrownBy(() -> AccountsFileParser.parse("a.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage("a.yaml:3:24: secret_access_key must be a string, got a list")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void secretPastedAsAKeyIsNotShown() {
    String yaml = "accounts:\n  - account_id: \"123456789012\"\n    " + SECRET + ": x\n";

    assertThatThrownBy(() -> AccountsFileParser.parse("a.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .message()
        .startsWith("a.yaml:3:5: unknown key (not shown) in account entry")
        .doesNotContain(SECRET);
  }

  @Test
  void externalIdThatYamlReadsAsANumberMustBeQuoted() {
    String yaml = "accounts:\n  - account_id: \"123456789012\"\n    external_id: 982451653\n";

    assertThatThrownBy(() -> AccountsFileParser.parse("a.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage("a.yaml:3:18: external_id must be a string, got a number (quote it)")
        .message()
        .doesNotContain("982451653");
  }

  @Test
  void syntaxErrorNearASecretDoesNotEchoIt() {
    String yaml =
        "accounts:\n  - account_id: \"123456789012\"\n    secret_access_key: \"" + SECRET + "\n";

    assertThatThrownBy(() -> AccountsFileParser.parse("a.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .hasNoCause()
        .message()
        .startsWith("a.yaml:")
        .doesNotContain(SECRET)
        .doesNotContain("\n");
  }

  @Test
  void loadUsesThePathAsGivenForWhere(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("accounts.yaml");
    Files.writeString(file, "accounts:\n  - account_id: \"123456789012\"\n");

    assertThat(AccountsFileParser.load(file))
        .extracting(AccountRow::where)
        .containsExactly(file + ":2");
  }
}
