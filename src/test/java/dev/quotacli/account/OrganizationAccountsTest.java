package dev.quotacli.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.quota.Partition;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.InMemoryOrganization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrganizationAccountsTest {
  private static final String PLATFORM = "ou-ab12-platform1";
  private static final String PLATFORM_DEV = "ou-ab12-platdev01";
  private static final String SANDBOX = "ou-ab12-sandbox01";
  private static final OrgRole ROLE = new OrgRole("QuotaCliRole", Optional.empty());

  /** root: mgmt; platform: prod, closing; platform/dev: dev, suspended; sandbox: play. */
  private static InMemoryOrganization org() {
    return new InMemoryOrganization()
        .unit(InMemoryOrganization.ROOT, PLATFORM)
        .unit(PLATFORM, PLATFORM_DEV)
        .unit(InMemoryOrganization.ROOT, SANDBOX)
        .account(InMemoryOrganization.ROOT, "100000000000", "mgmt", "ACTIVE")
        .account(PLATFORM, "200000000000", "prod", "ACTIVE")
        .account(PLATFORM, "200000000001", "closing", "PENDING_CLOSURE")
        .account(PLATFORM_DEV, "300000000000", "dev", "ACTIVE")
        .account(PLATFORM_DEV, "300000000001", "gone", "SUSPENDED")
        .account(SANDBOX, "400000000000", "play", "ACTIVE");
  }

  private static List<String> ids(AccountLoad load) {
    return load.accounts().stream().map(a -> a.id().value()).toList();
  }

  @Test
  void onlyActiveMembersAreCollectedEachThroughTheTemplatedRoleWithItsOrganizationsName() {
    var listing = OrganizationAccounts.list(org(), List.of());

    AccountLoad load = OrganizationAccounts.accounts(listing, ROLE, null, null);

    assertThat(ids(load))
        .containsExactly("100000000000", "200000000000", "300000000000", "400000000000");
    assertThat(load.skipped()).isEmpty();
    assertThat(load.accounts().get(1))
        .isEqualTo(
            new Account(
                new AccountId("200000000000"),
                "prod",
                new CredentialSource.AssumeRole(
                    "arn:aws:iam::200000000000:role/QuotaCliRole",
                    Optional.empty(),
                    Optional.empty()),
                List.of()));
    assertThat(listing.inactiveWarning())
        .isEqualTo(
            "organizations: skipping 2 accounts not ACTIVE: 200000000001 (PENDING_CLOSURE),"
                + " 300000000001 (SUSPENDED)");
  }

  @Test
  void anOuKeepsTheAccountsBelowItRecursivelyAndEachOnlyOnce() {
    var org = org();

    var listing = OrganizationAccounts.list(org, List.of(PLATFORM, PLATFORM_DEV));
    AccountLoad load = OrganizationAccounts.accounts(listing, ROLE, null, null);

    assertThat(ids(load)).containsExactly("200000000000", "300000000000");
    assertThat(listing.inactive()).hasSize(2);
    assertThat(org.calls)
        .as("platform and platform/dev: accounts and children of each")
        .isEqualTo(4);
  }

  @Test
  void theRoleArnIsInTheMembersPartitionAndCarriesTheExternalId() {
    var org =
        new InMemoryOrganization()
            .account(
                InMemoryOrganization.ROOT, "500000000000", "gov", "ACTIVE", Partition.AWS_US_GOV);
    var role = new OrgRole("ops/QuotaCliRole", Optional.of(new Secret("ext-1")));

    AccountLoad load =
        OrganizationAccounts.accounts(OrganizationAccounts.list(org, List.of()), role, null, null);

    Account gov = load.accounts().get(0);
    assertThat(gov.credentials())
        .isEqualTo(
            new CredentialSource.AssumeRole(
                "arn:aws-us-gov:iam::500000000000:role/ops/QuotaCliRole",
                Optional.of(new Secret("ext-1")),
                Optional.empty()));
    assertThat(gov.partition()).isEqualTo(Partition.AWS_US_GOV);
    assertThat(gov.credentials().toString()).doesNotContain("ext-1");
    assertThat(role.toString()).doesNotContain("ext-1");
  }

  @Test
  void rowsOverrideHowAMemberIsReachedAndItsRegionsButNotItsNameAndOutsidersAreSkipped() {
    var keys = new CredentialSource.StaticKeys("AKIAEXAMPLEROWKEY001", new Secret("row-secret"));
    AccountLoad rows =
        new AccountLoad(
            List.of(
                new Account(
                    new AccountId("200000000000"),
                    "prod-in-cmdb",
                    keys,
                    List.of(new Region("eu-west-1"))),
                new Account(new AccountId("300000000001"), "gone", keys, List.of()),
                new Account(new AccountId("900000000000"), "elsewhere", keys, List.of())),
            List.of("cmdb row 7: account_id must be 12 digits, got '12'"));

    AccountLoad load =
        OrganizationAccounts.accounts(
            OrganizationAccounts.list(org(), List.of(PLATFORM)), ROLE, rows, "the CMDB");

    assertThat(load.accounts())
        .containsExactly(
            new Account(
                new AccountId("200000000000"), "prod", keys, List.of(new Region("eu-west-1"))),
            new Account(
                new AccountId("300000000000"),
                "dev",
                ROLE.credentials(Partition.AWS, new AccountId("300000000000")),
                List.of()));
    assertThat(load.skipped())
        .as("the suspended member is not an outsider: it is named in the inactive warning")
        .containsExactly(
            "cmdb row 7: account_id must be 12 digits, got '12'",
            "the CMDB: account 900000000000 is not in the organization under --org-unit "
                + PLATFORM
                + "; skipped");
  }

  @Test
  void unitIdsAndRoleNamesAreChecked() {
    assertThat(OrganizationAccounts.isUnitId("ou-ab12-cdef3456")).isTrue();
    assertThat(OrganizationAccounts.isUnitId("ou-AB12-cdef3456")).isFalse();
    assertThat(OrganizationAccounts.isUnitId("r-ab12")).isFalse();
    assertThat(OrganizationAccounts.isUnitId("ou-ab1-cdef3456")).isFalse();
    assertThat(OrgRole.isValidName("QuotaCli+Role=,.@_-1")).isTrue();
    assertThat(OrgRole.isValidName("a/b/QuotaCliRole")).isTrue();
    assertThat(OrgRole.isValidName("Quota Cli")).isFalse();
    assertThat(OrgRole.isValidName("arn:aws:iam::1:role/x")).isFalse();
    assertThat(OrgRole.isValidName("x".repeat(65))).isFalse();
    assertThatThrownBy(() -> new OrgRole("bad role", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDisabledRowLeavesItsMemberOut() {
    AccountLoad rows =
        AccountRow.load(
            List.of(
                new AccountRow(
                    "cmdb row 1",
                    "300000000000",
                    "dev",
                    null,
                    null,
                    "arn:aws:iam::300000000000:role/other",
                    null,
                    null,
                    false)));
    assertThat(rows.disabled()).containsExactly(new AccountId("300000000000"));

    AccountLoad load =
        OrganizationAccounts.accounts(
            OrganizationAccounts.list(org(), List.of(PLATFORM)), ROLE, rows, "the CMDB");

    assertThat(ids(load)).containsExactly("200000000000");
    assertThat(load.skipped()).isEmpty();
  }
}
