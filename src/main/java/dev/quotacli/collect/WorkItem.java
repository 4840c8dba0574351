package dev.quotacli.collect;

import dev.quotacli.account.Account;

/**
 * One unit of work a pass runs on the pool: a quota {@link Target}, an account to discover, a cost
 * scope, an account × region to price. The runner interleaves items across accounts and gives each
 * group (an account in a region) its time allowance.
 */
public interface WorkItem {
  Account account();

  default String accountId() {
    return account().id().value();
  }

  /** The group whose time allowance and budget the item shares, e.g. {@code account/region}. */
  String group();

  /** For messages, e.g. {@code 123456789012/eu-west-1/ec2}. */
  String describe();
}
