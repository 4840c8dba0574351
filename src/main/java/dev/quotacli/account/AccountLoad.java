package dev.quotacli.account;

import java.util.List;

/**
 * What an account source gave: the usable accounts and the rows it skipped.
 *
 * @param accounts usable, enabled accounts sorted by id
 * @param skipped one line per malformed row, naming the row and the reason (never a secret)
 * @param staleSince when the cached list in use was read from the source, or null when the source
 *     answered
 * @param disabled the ids of the rows the source holds disabled (so that Organizations, merging the
 *     rows, leaves those accounts out too)
 */
public record AccountLoad(
    List<Account> accounts,
    List<String> skipped,
    java.time.Instant staleSince,
    java.util.Set<AccountId> disabled) {
  public AccountLoad {
    accounts = accounts.stream().sorted().toList();
    skipped = List.copyOf(skipped);
    disabled = java.util.Set.copyOf(disabled);
  }

  public AccountLoad(List<Account> accounts, List<String> skipped, java.time.Instant staleSince) {
    this(accounts, skipped, staleSince, java.util.Set.of());
  }

  /** A load straight from the source. */
  public AccountLoad(List<Account> accounts, List<String> skipped) {
    this(accounts, skipped, null);
  }

  /** Whether the accounts come from the cached list because the source was unreachable. */
  public boolean stale() {
    return staleSince != null;
  }
}
