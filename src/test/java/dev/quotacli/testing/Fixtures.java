package dev.quotacli.testing;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.account.CredentialSource;
import dev.quotacli.account.Secret;
import dev.quotacli.config.QuotaConfig;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Record builders for tests. */
public final class Fixtures {
  private Fixtures() {}

  public static Account anAccount(String id, String... regions) {
    return new Account(
        new AccountId(id),
        "acct-" + id.substring(8),
        new CredentialSource.StaticKeys("AKIATEST" + id.substring(4), new Secret("s3cr3t-" + id)),
        Arrays.stream(regions).map(Region::new).toList());
  }

  public static ApiQuota anApiQuota(String code, double value) {
    return new ApiQuota(code, "Quota " + code, value, "None", null, null);
  }

  public static QuotaLimit aLimit(String code, double value, LimitSource source) {
    return new QuotaLimit(code, "Quota " + code, value, source, "None", null);
  }

  public static ServiceConfig aService(String code, Scope scope, String... quotaCodes) {
    return new ServiceConfig(
        code,
        scope,
        Arrays.stream(quotaCodes).map(c -> new QuotaConfig(c, null)).toList(),
        List.of());
  }

  public static ServiceConfig aDiscoveringService(String code, String regex, String... quotaCodes) {
    return new ServiceConfig(
        code,
        Scope.REGIONAL,
        Arrays.stream(quotaCodes).map(c -> new QuotaConfig(c, null)).toList(),
        List.of(Pattern.compile(regex)));
  }
}
