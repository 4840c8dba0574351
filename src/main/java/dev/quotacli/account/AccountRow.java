package dev.quotacli.account;

import dev.quotacli.quota.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One raw account entry as a source holds it (a CMDB row or an accounts-file item), before
 * validation. Shared by every source so that they all accept and reject the same things.
 *
 * @param where where the row stands, for messages: {@code cmdb row 4} or {@code accounts.yaml:12}
 * @param accountId the account id text
 * @param accountName the account name
 * @param accessKeyId access key id, or null
 * @param secretAccessKey secret access key, or null
 * @param roleArn role to assume, or null
 * @param externalId ExternalId for AssumeRole, or null
 * @param regions comma-separated regions; null or blank means discover
 * @param enabled whether the account is collected
 */
public record AccountRow(
    String where,
    String accountId,
    String accountName,
    String accessKeyId,
    Secret secretAccessKey,
    String roleArn,
    Secret externalId,
    String regions,
    boolean enabled) {

  @Override
  public String toString() {
    return "AccountRow[" + where + ", " + accountId + "]";
  }

  /**
   * The account this row describes, or the reason it is unusable. Disabled rows give neither: the
   * caller skips them silently.
   */
  public sealed interface Outcome permits Valid, Invalid, Disabled {}

  /**
   * @param account the usable account
   */
  public record Valid(Account account) implements Outcome {}

  /**
   * @param reason one line naming the row and what is wrong (never a secret)
   */
  public record Invalid(String reason) implements Outcome {}

  /** The row is disabled. */
  public record Disabled() implements Outcome {}

  public Outcome validate() {
    if (!enabled) {
      return new Disabled();
    }
    String id = trim(accountId);
    if (!AccountId.isValid(id)) {
      return new Invalid(where + ": account_id must be 12 digits, got '" + printable(id) + "'");
    }
    String prefix = where + " (account " + id + "): ";
    String keyId = trim(accessKeyId);
    boolean hasKeyId = keyId != null;
    boolean hasSecret = secretAccessKey != null && !secretAccessKey.reveal().isBlank();
    if (hasKeyId != hasSecret) {
      return new Invalid(prefix + "access_key_id and secret_access_key must be set together");
    }
    Optional<CredentialSource.StaticKeys> keys =
        hasKeyId
            ? Optional.of(new CredentialSource.StaticKeys(keyId, secretAccessKey))
            : Optional.empty();
    String role = trim(roleArn);
    CredentialSource credentials;
    if (role != null) {
      if (!role.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
        return new Invalid(prefix + "role_arn is not an IAM role ARN: '" + printable(role) + "'");
      }
      Optional<Secret> ext =
          externalId == null || externalId.reveal().isBlank()
              ? Optional.empty()
              : Optional.of(externalId);
      credentials = new CredentialSource.AssumeRole(role, ext, keys);
    } else if (keys.isPresent()) {
      credentials = keys.get();
    } else {
      return new Invalid(prefix + "neither access keys nor role_arn is set");
    }
    List<Region> regionList = new ArrayList<>();
    if (regions != null) {
      for (String part : regions.split(",")) {
        String r = part.trim();
        if (r.isEmpty()) {
          continue;
        }
        if (!Region.isValid(r) || r.equals(Region.GLOBAL.name())) {
          return new Invalid(prefix + "regions holds '" + printable(r) + "', not a region name");
        }
        Region region = new Region(r);
        if (!regionList.contains(region)) {
          regionList.add(region);
        }
      }
    }
    String name = trim(accountName);
    return new Valid(
        new Account(new AccountId(id), name == null ? id : name, credentials, regionList));
  }

  /** Loads every row into accounts and skip reasons; disabled rows are dropped silently. */
  public static AccountLoad load(List<AccountRow> rows) {
    List<Account> accounts = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    java.util.Set<AccountId> seen = new java.util.HashSet<>();
    java.util.Set<AccountId> disabled = new java.util.HashSet<>();
    for (AccountRow row : rows) {
      Outcome outcome = row.validate();
      if (outcome instanceof Valid v) {
        if (seen.add(v.account().id())) {
          accounts.add(v.account());
        } else {
          skipped.add(
              row.where() + ": account " + v.account().id() + " is listed twice; first kept");
        }
      } else if (outcome instanceof Invalid i) {
        skipped.add(i.reason());
      } else if (AccountId.isValid(trim(row.accountId()))) {
        disabled.add(new AccountId(trim(row.accountId())));
      }
    }
    return new AccountLoad(accounts, skipped, null, disabled);
  }

  private static String trim(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  /** Cuts long or odd text so a message stays one short line. */
  private static String printable(String s) {
    if (s == null) {
      return "";
    }
    String clean = s.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
  }
}
