package dev.quotacli.cli;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.AccountRow;
import dev.quotacli.account.AccountSourceException;
import dev.quotacli.account.CmdbAccountSource;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.cache.AccountListCache;
import dev.quotacli.config.AccountsFileParser;
import dev.quotacli.config.ConfigException;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Picks the account source the options name: CMDB, accounts file, or the ambient account. */
final class AccountLoader {
  static final String PASSWORD_ENV = "QUOTA_CLI_CMDB_PASSWORD";

  private AccountLoader() {}

  static AccountLoad load(
      AccountOptions o,
      Map<String, String> env,
      Supplier<AccountId> ambientId,
      AccountListCache cache,
      PrintWriter err) {
    if (o.cmdbUrl != null && o.accountsFile != null) {
      throw new ConfigException("--cmdb-url and --accounts-file are mutually exclusive");
    }
    if (o.cmdbUrl != null) {
      if (!CmdbAccountSource.acceptsUrl(o.cmdbUrl)) {
        throw new ConfigException("--cmdb-url: " + CmdbAccountSource.urlProblem(o.cmdbUrl));
      }
      AccountLoad load;
      try {
        load =
            new CmdbAccountSource(
                    o.cmdbUrl, o.cmdbUser, password(o, env), o.cmdbQuery, o.cmdbTimeout)
                .load();
      } catch (AccountSourceException e) {
        return fromCache(e, o, cache, err);
      }
      remember(load, cache, err);
      return load;
    }
    if (o.accountsFile != null) {
      return AccountRow.load(AccountsFileParser.load(o.accountsFile));
    }
    AccountId id = ambientId.get();
    return new AccountLoad(
        List.of(new Account(id, id.value(), new CredentialSource.Ambient(), List.of())), List.of());
  }

  /** Every successful CMDB read refreshes the cached list: ids, names, roles, regions, no keys. */
  private static void remember(AccountLoad load, AccountListCache cache, PrintWriter err) {
    List<AccountListCache.CachedAccount> cached = new ArrayList<>();
    for (Account a : load.accounts()) {
      String role = null;
      String externalId = null;
      if (a.credentials() instanceof CredentialSource.AssumeRole r) {
        role = r.roleArn();
        externalId = r.externalId().map(Secret::reveal).orElse(null);
      }
      cached.add(
          new AccountListCache.CachedAccount(
              a.id().value(),
              a.name(),
              role,
              externalId,
              a.regions().stream().map(Region::name).toList()));
    }
    try {
      cache.write(new AccountListCache.Entry(cached));
    } catch (IOException e) {
      err.println(
          "quota-cli: warning: cannot write the account list cache "
              + cache.path()
              + ": "
              + e.getMessage());
    }
  }

  /**
   * The CMDB is down: role accounts from the cached list (AssumeRole from the ambient chain, as the
   * row's keys are never cached), static-key accounts failing with a clear reason.
   */
  private static AccountLoad fromCache(
      AccountSourceException e, AccountOptions o, AccountListCache cache, PrintWriter err) {
    var cached = cache.read(o.accountCacheMaxAge);
    if (cached.isEmpty()) {
      throw new AccountSourceException(
          e.getMessage()
              + " (and no cached account list younger than "
              + o.accountCacheMaxAge.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
              + ")",
          null);
    }
    err.println(
        "quota-cli: warning: "
            + e.getMessage()
            + "; using the account list cached at "
            + cached.get().fetchedAt());
    List<Account> accounts = new ArrayList<>();
    for (AccountListCache.CachedAccount c : cached.get().entry().accounts()) {
      CredentialSource credentials =
          c.roleArn() == null
              ? new CredentialSource.Unavailable(
                  "the CMDB is unreachable and static keys are never cached")
              : new CredentialSource.AssumeRole(
                  c.roleArn(),
                  Optional.ofNullable(c.externalId()).map(Secret::new),
                  Optional.empty());
      accounts.add(
          new Account(
              new AccountId(c.accountId()),
              c.accountName(),
              credentials,
              c.regions().stream().map(Region::new).toList()));
    }
    return new AccountLoad(accounts, List.of(), cached.get().fetchedAt());
  }

  private static Secret password(AccountOptions o, Map<String, String> env) {
    if (o.cmdbPasswordFile != null) {
      try {
        String first =
            Files.readAllLines(o.cmdbPasswordFile, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("");
        return new Secret(first.strip());
      } catch (IOException e) {
        throw new ConfigException("--cmdb-password-file: cannot read " + o.cmdbPasswordFile);
      }
    }
    String fromEnv = env.get(PASSWORD_ENV);
    return fromEnv == null ? null : new Secret(fromEnv);
  }
}
