package dev.quotacli.pass;

import dev.quotacli.account.CmdbAccountSource;
import dev.quotacli.account.Secret;
import dev.quotacli.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where accounts come from: the CMDB, an accounts file, AWS Organizations (alone or with either),
 * or else the ambient credentials.
 *
 * @param cmdbUrl CMDB JDBC URL, or null
 * @param cmdbUser CMDB user, or null
 * @param cmdbPassword the CMDB password (from its file or environment variable), or null
 * @param cmdbQuery the query, or null for the default
 * @param cmdbTimeout connect and read timeout
 * @param accountCacheMaxAge how old a cached account list may be when the CMDB is down
 * @param accountsFile YAML accounts file, or null
 * @param organizations {@code --accounts-from organizations}, or null; with the CMDB or an accounts
 *     file, Organizations gives the accounts and names and their rows override credentials and
 *     regions
 */
public record AccountSettings(
    String cmdbUrl,
    String cmdbUser,
    Secret cmdbPassword,
    String cmdbQuery,
    Duration cmdbTimeout,
    Duration accountCacheMaxAge,
    Path accountsFile,
    OrgSettings organizations) {
  /** Without Organizations. */
  public AccountSettings(
      String cmdbUrl,
      String cmdbUser,
      Secret cmdbPassword,
      String cmdbQuery,
      Duration cmdbTimeout,
      Duration accountCacheMaxAge,
      Path accountsFile) {
    this(
        cmdbUrl,
        cmdbUser,
        cmdbPassword,
        cmdbQuery,
        cmdbTimeout,
        accountCacheMaxAge,
        accountsFile,
        null);
  }

  public AccountSettings {
    if (cmdbUrl != null && accountsFile != null) {
      throw new ConfigException("--cmdb-url and --accounts-file are mutually exclusive");
    }
    if (cmdbUrl != null && !CmdbAccountSource.acceptsUrl(cmdbUrl)) {
      throw new ConfigException("--cmdb-url: " + CmdbAccountSource.urlProblem(cmdbUrl));
    }
    if (cmdbTimeout.isZero() || cmdbTimeout.isNegative()) {
      throw new ConfigException("--cmdb-timeout must be positive");
    }
    if (accountCacheMaxAge.isNegative()) {
      throw new ConfigException("--account-cache-max-age must not be negative");
    }
  }
}
