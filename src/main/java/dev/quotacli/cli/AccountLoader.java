package dev.quotacli.cli;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.account.AccountRow;
import dev.quotacli.account.CmdbAccountSource;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.config.AccountsFileParser;
import dev.quotacli.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Picks the account source the options name: CMDB, accounts file, or the ambient account. */
final class AccountLoader {
  static final String PASSWORD_ENV = "QUOTA_CLI_CMDB_PASSWORD";

  private AccountLoader() {}

  static AccountLoad load(AccountOptions o, Map<String, String> env, Supplier<AccountId> ambientId) {
    if (o.cmdbUrl != null && o.accountsFile != null) {
      throw new ConfigException("--cmdb-url and --accounts-file are mutually exclusive");
    }
    if (o.cmdbUrl != null) {
      if (!o.cmdbUrl.startsWith("jdbc:mysql:")) {
        throw new ConfigException("--cmdb-url must be a jdbc:mysql:// URL");
      }
      return new CmdbAccountSource(o.cmdbUrl, o.cmdbUser, password(o, env), o.cmdbQuery, o.cmdbTimeout).load();
    }
    if (o.accountsFile != null) {
      return AccountRow.load(AccountsFileParser.load(o.accountsFile));
    }
    AccountId id = ambientId.get();
    return new AccountLoad(
        List.of(new Account(id, id.value(), new CredentialSource.Ambient(), List.of())), List.of());
  }

  private static Secret password(AccountOptions o, Map<String, String> env) {
    if (o.cmdbPasswordFile != null) {
      try {
        String first = Files.readAllLines(o.cmdbPasswordFile, StandardCharsets.UTF_8).stream()
            .findFirst().orElse("");
        return new Secret(first.strip());
      } catch (IOException e) {
        throw new ConfigException("--cmdb-password-file: cannot read " + o.cmdbPasswordFile);
      }
    }
    String fromEnv = env.get(PASSWORD_ENV);
    return fromEnv == null ? null : new Secret(fromEnv);
  }
}
