package dev.quotacli.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.quota.Region;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountRowTest {
  private static AccountRow row(
      String id,
      String key,
      String secret,
      String role,
      String ext,
      String regions,
      boolean enabled) {
    return new AccountRow(
        "cmdb row 1",
        id,
        "name",
        key,
        secret == null ? null : new Secret(secret),
        role,
        ext == null ? null : new Secret(ext),
        regions,
        enabled);
  }

  @Test
  void staticKeysRowBecomesStaticCredentials() {
    var outcome =
        row(
                "111111111111",
                "AKIAEXAMPLE000000001",
                "topsecret",
                null,
                null,
                " eu-west-1 ,us-east-1,eu-west-1",
                true)
            .validate();

    assertThat(outcome)
        .isInstanceOfSatisfying(
            AccountRow.Valid.class,
            v -> {
              assertThat(v.account().credentials()).isInstanceOf(CredentialSource.StaticKeys.class);
              assertThat(v.account().regions())
                  .containsExactly(new Region("eu-west-1"), new Region("us-east-1"));
            });
  }

  @Test
  void roleRowAssumesRoleFromItsKeysOrTheAmbientChain() {
    var withKeys =
        (AccountRow.Valid)
            row(
                    "111111111111",
                    "AKIAEXAMPLE000000001",
                    "s",
                    "arn:aws:iam::111111111111:role/r",
                    "ext",
                    "",
                    true)
                .validate();
    var ambient =
        (AccountRow.Valid)
            row("111111111111", null, null, "arn:aws:iam::111111111111:role/r", null, null, true)
                .validate();

    var role = (CredentialSource.AssumeRole) withKeys.account().credentials();
    assertThat(role.base()).isPresent();
    assertThat(role.externalId()).isPresent();
    assertThat(((CredentialSource.AssumeRole) ambient.account().credentials()).base()).isEmpty();
    assertThat(ambient.account().regions()).isEmpty();
  }

  @Test
  void malformedRowsAreInvalidWithAReasonAndNoSecret() {
    assertThat(row("1234", "AKIAEXAMPLE000000001", "topsecret", null, null, null, true).validate())
        .isEqualTo(new AccountRow.Invalid("cmdb row 1: account_id must be 12 digits, got '1234'"));
    assertThat(row("111111111111", null, null, null, null, null, true).validate())
        .isEqualTo(
            new AccountRow.Invalid(
                "cmdb row 1 (account 111111111111): neither access keys nor role_arn is set"));
    assertThat(row("111111111111", "AKIAEXAMPLE000000001", null, null, null, null, true).validate())
        .isInstanceOf(AccountRow.Invalid.class);
    assertThat(
            row("111111111111", null, null, "not-an-arn", null, null, true).validate().toString())
        .contains("role_arn is not an IAM role ARN");
    assertThat(
            row(
                    "111111111111",
                    "AKIAEXAMPLE000000001",
                    "topsecret",
                    null,
                    null,
                    "eu-west-1,moon",
                    true)
                .validate()
                .toString())
        .contains("'moon'")
        .doesNotContain("topsecret");
  }

  @Test
  void disabledRowsAreDroppedSilentlyAndDuplicatesReported() {
    var load =
        AccountRow.load(
            List.of(
                row("222222222222", "AKIAEXAMPLE000000001", "s", null, null, null, true),
                row("111111111111", "AKIAEXAMPLE000000001", "s", null, null, null, false),
                row("222222222222", "AKIAEXAMPLE000000002", "s", null, null, null, true)));

    assertThat(load.accounts()).extracting(a -> a.id().value()).containsExactly("222222222222");
    assertThat(load.skipped()).singleElement().asString().contains("listed twice");
  }

  @Test
  void toStringNeverShowsSecrets() {
    var v =
        (AccountRow.Valid)
            row(
                    "111111111111",
                    "AKIAEXAMPLE000000001",
                    "topsecret",
                    "arn:aws:iam::111111111111:role/r",
                    "extsecret",
                    null,
                    true)
                .validate();

    String text =
        v.account().toString()
            + row(
                "111111111111", "AKIAEXAMPLE000000001", "topsecret", null, "extsecret", null, true);
    assertThat(text)
        .doesNotContain("topsecret")
        .doesNotContain("extsecret")
        .doesNotContain("AKIAEXAMPLE000000001")
        .contains("AKIA…0001");
  }
}
