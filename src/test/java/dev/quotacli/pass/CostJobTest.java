package dev.quotacli.pass;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.config.ConfigException;
import dev.quotacli.cost.CostMetric;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link CostJob}'s choice of the payer scope: the account source, else the ambient account. */
class CostJobTest {
  static final String MANAGEMENT = "999999999999";
  static final String MEMBER_A = "111111111111";
  static final String MEMBER_B = "222222222222";

  /** The CMDB lists the member accounts only; the tool runs with the management account's keys. */
  final AccountLoad members =
      new AccountLoad(List.of(anAccount(MEMBER_A), anAccount(MEMBER_B)), List.of());

  final AtomicInteger stsCalls = new AtomicInteger();
  final Supplier<AccountId> ambient =
      () -> {
        stsCalls.incrementAndGet();
        return new AccountId(MANAGEMENT);
      };

  @Test
  void ambientIsTheAccountOfTheAmbientCredentials() {
    Account payer = CostJob.payerScope("ambient", members, ambient);

    assertThat(payer.id().value()).isEqualTo(MANAGEMENT);
    assertThat(payer.credentials()).isInstanceOf(CredentialSource.Ambient.class);
    assertThat(stsCalls).hasValue(1);
  }

  @Test
  void theAmbientAccountsIdNeedNotBeListed() {
    Account payer = CostJob.payerScope(MANAGEMENT, members, ambient);

    assertThat(payer.id().value()).isEqualTo(MANAGEMENT);
    assertThat(payer.credentials()).isInstanceOf(CredentialSource.Ambient.class);
  }

  @Test
  void aListedPayerKeepsItsCredentialsAndNoStsCallIsMade() {
    Account payer = CostJob.payerScope(MEMBER_B, members, ambient);

    assertThat(payer).isEqualTo(members.accounts().get(1));
    assertThat(stsCalls).hasValue(0);
  }

  @Test
  void anAmbientAccountTheSourceListsIsUsedWithItsListedCredentials() {
    var load = new AccountLoad(List.of(anAccount(MEMBER_A), anAccount(MANAGEMENT)), List.of());

    assertThat(CostJob.payerScope("ambient", load, ambient)).isEqualTo(load.accounts().get(1));
  }

  @Test
  void withoutAnAccountSourceTheLoadedAmbientAccountIsNotAskedForTwice() {
    var id = new AccountId(MANAGEMENT);
    var load =
        new AccountLoad(
            List.of(new Account(id, MANAGEMENT, new CredentialSource.Ambient(), List.of())),
            List.of());

    assertThat(CostJob.payerScope("ambient", load, ambient).id()).isEqualTo(id);
    assertThat(stsCalls).hasValue(0);
  }

  @Test
  void anyOtherIdIsAUsageError() {
    assertThatThrownBy(() -> CostJob.payerScope("333333333333", members, ambient))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--payer 333333333333: neither an enabled account of the account source nor the"
                + " account of the ambient credentials (999999999999)");
  }

  @Test
  void aPayerIsAnAccountIdOrAmbient() {
    assertThatThrownBy(() -> settings("12345"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--payer 12345: a 12-digit account id or 'ambient' expected");
    assertThat(settings("ambient").payer()).isEqualTo("ambient");
  }

  private static CostJob.Settings settings(String payer) {
    return new CostJob.Settings(
        CostMetric.UNBLENDED,
        payer,
        List.of(),
        10,
        false,
        true,
        true,
        Duration.ofHours(6),
        Duration.ofHours(4),
        100,
        false,
        20);
  }
}
