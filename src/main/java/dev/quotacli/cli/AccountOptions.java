package dev.quotacli.cli;

import dev.quotacli.account.Secret;
import dev.quotacli.config.ConfigException;
import dev.quotacli.pass.AccountSettings;
import dev.quotacli.pass.OrgSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where accounts come from: the CMDB, an accounts file, AWS Organizations, or else the ambient
 * credentials.
 */
final class AccountOptions {
  @Option(
      names = "--cmdb-url",
      paramLabel = "JDBC_URL",
      description =
          "CMDB JDBC URL (jdbc:mysql://host:3306/db). Password from QUOTA_CLI_CMDB_PASSWORD or --cmdb-password-file.")
  String cmdbUrl;

  @Option(names = "--cmdb-user", paramLabel = "USER", description = "CMDB user.")
  String cmdbUser;

  @Option(
      names = "--cmdb-password-file",
      paramLabel = "FILE",
      description = "File holding the CMDB password (first line). Never pass a password as a flag.")
  Path cmdbPasswordFile;

  @Option(
      names = "--cmdb-query",
      paramLabel = "SQL",
      description =
          "Query returning account_id, account_name, access_key_id, secret_access_key, role_arn, external_id, regions, enabled.")
  String cmdbQuery;

  @Option(
      names = "--cmdb-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Connect and read timeout for the CMDB (default: ${DEFAULT-VALUE}).")
  Duration cmdbTimeout;

  @Option(
      names = "--account-cache-max-age",
      paramLabel = "DURATION",
      defaultValue = "7d",
      converter = DurationConverter.class,
      description =
          "When the CMDB or Organizations is unreachable, use the account list cached at its last read if no older than this (default: ${DEFAULT-VALUE}); role accounts only.")
  Duration accountCacheMaxAge;

  @Option(
      names = "--accounts-file",
      paramLabel = "FILE",
      description = "YAML accounts file, for setups without a CMDB.")
  Path accountsFile;

  @Option(
      names = "--accounts-from",
      paramLabel = "SOURCE",
      description =
          "organizations: collect the ACTIVE accounts of the AWS organization the ambient credentials manage (management account or delegated administrator). With --cmdb-url or --accounts-file, their rows override role, keys and regions of the same account id; rows for other accounts are skipped.")
  String accountsFrom;

  @Option(
      names = "--org-role-name",
      paramLabel = "NAME",
      description =
          "With --accounts-from organizations: the role assumed in each member, arn:<partition>:iam::<id>:role/NAME.")
  String orgRoleName;

  @Option(
      names = "--org-unit",
      paramLabel = "OU",
      split = ",",
      description =
          "With --accounts-from organizations: only the accounts under these OUs (ou-xxxx-xxxxxxxx), recursively.")
  List<String> orgUnits = new ArrayList<>();

  @Option(
      names = "--org-external-id-file",
      paramLabel = "FILE",
      description =
          "With --accounts-from organizations: file holding the ExternalId of --org-role-name (first line).")
  Path orgExternalIdFile;

  static final String PASSWORD_ENV = "QUOTA_CLI_CMDB_PASSWORD";

  AccountSettings settings(Map<String, String> env) {
    return new AccountSettings(
        cmdbUrl,
        cmdbUser,
        cmdbUrl == null ? null : password(env),
        cmdbQuery,
        cmdbTimeout,
        accountCacheMaxAge,
        accountsFile,
        OrgSettings.of(accountsFrom, orgRoleName, orgUnits, orgExternalIdFile));
  }

  private Secret password(Map<String, String> env) {
    if (cmdbPasswordFile != null) {
      try {
        String first =
            Files.readAllLines(cmdbPasswordFile, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("");
        return new Secret(first.strip());
      } catch (IOException e) {
        throw new ConfigException("--cmdb-password-file: cannot read " + cmdbPasswordFile);
      }
    }
    String fromEnv = env.get(PASSWORD_ENV);
    return fromEnv == null ? null : new Secret(fromEnv);
  }
}
