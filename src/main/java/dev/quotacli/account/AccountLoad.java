package dev.quotacli.account;

import java.util.List;

/**
 * What an account source gave: the usable accounts and the rows it skipped.
 *
 * @param accounts usable, enabled accounts sorted by id
 * @param skipped one line per malformed row, naming the row and the reason (never a secret)
 * @param staleSince when the cached list in use was read from the source, or null when the source
 *     answered
 */
public record AccountLoad(
    List<Account> accounts, List<String> skipped, java.time.Instant staleSince) {
  public AccountLoad {
    accounts = accounts.stream().sorted().toList();
    skipped = List.copyOf(skipped);
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
