package dev.quotacli.account;

import java.util.List;

/**
 * What an account source gave: the usable accounts and the rows it skipped.
 *
 * @param accounts usable, enabled accounts sorted by id
 * @param skipped one line per malformed row, naming the row and the reason (never a secret)
 */
public record AccountLoad(List<Account> accounts, List<String> skipped) {
  public AccountLoad {
    accounts = accounts.stream().sorted().toList();
    skipped = List.copyOf(skipped);
  }
}
