package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.AccountRow;
import dev.quotacli.account.AccountSourceException;
import dev.quotacli.account.CmdbAccountSource;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.OrganizationAccounts;
import dev.quotacli.account.OrganizationSource;
import dev.quotacli.account.Secret;
import dev.quotacli.cache.AccountListCache;
import dev.quotacli.config.AccountsFileParser;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Picks the account source the settings name: Organizations (with the CMDB's or the accounts file's
 * rows as overrides), the CMDB, the accounts file, or the ambient account.
 */
final class AccountLoader {
  private AccountLoader() {}

  /**
   * @param cmdb opens the CMDB source (a seam for tests; the pass uses {@link #cmdb})
   * @param ambient the ambient account, asked only when no source is configured; named by its IAM
   *     account alias, else by its id
   */
  static AccountLoad load(
      AccountSettings s,
      Function<AccountSettings, AccountLoad> cmdb,
      Supplier<AwsRoot.AmbientAccount> ambient,
      AccountListCache cache,
      Diagnostics diagnostics) {
    return load(
        s,
        cmdb,
        () -> {
          throw new IllegalStateException("no Organizations source");
        },
        ambient,
        cache,
        diagnostics);
  }

  /**
   * @param organizations opens AWS Organizations on the ambient credentials, asked only with {@code
   *     --accounts-from organizations}
   */
  static AccountLoad load(
      AccountSettings s,
      Function<AccountSettings, AccountLoad> cmdb,
      Supplier<OrganizationSource> organizations,
      Supplier<AwsRoot.AmbientAccount> ambient,
      AccountListCache cache,
      Diagnostics diagnostics) {
    if (s.organizations() != null) {
      return organizations(s, cmdb, organizations, cache, diagnostics);
    }
    if (s.cmdbUrl() != null) {
      AccountLoad load;
      try {
        load = cmdb.apply(s);
      } catch (AccountSourceException e) {
        return fromCache(e, s, cache, diagnostics);
      }
      remember(load, cache, diagnostics);
      return load;
    }
    if (s.accountsFile() != null) {
      return AccountRow.load(AccountsFileParser.load(s.accountsFile()));
    }
    AwsRoot.AmbientAccount a = ambient.get();
    return new AccountLoad(
        List.of(new Account(a.id(), a.name(), new CredentialSource.Ambient(), List.of())),
        List.of());
  }

  /**
   * The organization's ACTIVE accounts (the inactive ones named in one warning), merged with the
   * CMDB's or the accounts file's rows. The merged list is cached like the CMDB's and used, stale,
   * when Organizations or the CMDB cannot be read. A malformed accounts file stays fatal.
   */
  private static AccountLoad organizations(
      AccountSettings s,
      Function<AccountSettings, AccountLoad> cmdb,
      Supplier<OrganizationSource> organizations,
      AccountListCache cache,
      Diagnostics d) {
    OrgSettings org = s.organizations();
    AccountLoad fileRows =
        s.accountsFile() == null
            ? null
            : AccountRow.load(AccountsFileParser.load(s.accountsFile()));
    AccountLoad load;
    try {
      AccountLoad rows = s.cmdbUrl() != null ? cmdb.apply(s) : fileRows;
      OrganizationAccounts.Listing listing =
          OrganizationAccounts.list(organizations.get(), org.units());
      String inactive = listing.inactiveWarning();
      if (inactive != null) {
        d.warn(inactive);
      }
      String rowsSource = s.cmdbUrl() != null ? "the CMDB" : String.valueOf(s.accountsFile());
      load = OrganizationAccounts.accounts(listing, org.role(), rows, rowsSource);
    } catch (AccountSourceException e) {
      return fromCache(e, s, cache, d);
    }
    remember(load, cache, d);
    return load;
  }

  /** Reads the CMDB the settings name. */
  static AccountLoad cmdb(AccountSettings s) {
    return new CmdbAccountSource(
            s.cmdbUrl(), s.cmdbUser(), s.cmdbPassword(), s.cmdbQuery(), s.cmdbTimeout())
        .load();
  }

  /** Every successful CMDB read refreshes the cached list: ids, names, roles, regions, no keys. */
  private static void remember(AccountLoad load, AccountListCache cache, Diagnostics d) {
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
      d.warn("cannot write the account list cache " + cache.path() + ": " + e.getMessage());
    }
  }

  /**
   * The CMDB (or Organizations) is down: role accounts from the cached list (AssumeRole from the
   * ambient chain, as the row's keys are never cached), static-key accounts failing with a clear
   * reason.
   */
  private static AccountLoad fromCache(
      AccountSourceException e, AccountSettings s, AccountListCache cache, Diagnostics d) {
    var cached = cache.read(s.accountCacheMaxAge());
    if (cached.isEmpty()) {
      throw new AccountSourceException(
          e.getMessage()
              + " (and no cached account list younger than "
              + human(s.accountCacheMaxAge())
              + ")",
          null);
    }
    d.warn(e.getMessage() + "; using the account list cached at " + cached.get().fetchedAt());
    List<Account> accounts = new ArrayList<>();
    String source = s.organizations() != null ? "the account source" : "the CMDB";
    for (AccountListCache.CachedAccount c : cached.get().entry().accounts()) {
      try {
        accounts.add(fromCache(c, source));
      } catch (IllegalArgumentException bad) {
        throw new AccountSourceException(
            e.getMessage()
                + " (and the cached account list "
                + cache.path()
                + " is unusable: "
                + bad.getMessage()
                + ")",
            null);
      }
    }
    return new AccountLoad(accounts, List.of(), cached.get().fetchedAt());
  }

  private static Account fromCache(AccountListCache.CachedAccount c, String source) {
    CredentialSource credentials =
        c.roleArn() == null
            ? new CredentialSource.Unavailable(
                source + " is unreachable and static keys are never cached")
            : new CredentialSource.AssumeRole(
                c.roleArn(),
                Optional.ofNullable(c.externalId()).map(Secret::new),
                Optional.empty());
    return new Account(
        new AccountId(c.accountId()),
        c.accountName(),
        credentials,
        c.regions().stream().map(Region::new).toList());
  }

  /** A duration as the flags take it: {@code 7d}, {@code 36h}, {@code 90m}, {@code 45s}. */
  static String human(Duration d) {
    long s = d.getSeconds();
    if (s > 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s > 0 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s > 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
