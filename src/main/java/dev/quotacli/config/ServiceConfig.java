package dev.quotacli.config;

import dev.quotacli.quota.Scope;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One service to collect.
 *
 * @param code the Service Quotas service code, e.g. {@code ec2}
 * @param scope regional, or global (read once per account in us-east-1)
 * @param quotas the quotas to collect by code
 * @param discover patterns: every quota of the service whose name matches one is collected too
 * @param export which discovered quotas the textfiles carry (listed quotas are always exported)
 */
public record ServiceConfig(
    String code, Scope scope, List<QuotaConfig> quotas, List<Pattern> discover, Export export) {

  /** Which discovered quotas (found by a discover rule, not listed) the textfiles carry. */
  public enum Export {
    /**
     * The default: a discovered quota's limit only where the account's applied value is not the AWS
     * default, its usage only where it is above 0.
     */
    NOTABLE,
    /** Every discovered quota's limit and usage. */
    ALL
  }

  public ServiceConfig {
    quotas = List.copyOf(quotas);
    discover = List.copyOf(discover);
    export = export == null ? Export.NOTABLE : export;
  }

  /** A service whose discovered quotas are exported where notable. */
  public ServiceConfig(String code, Scope scope, List<QuotaConfig> quotas, List<Pattern> discover) {
    this(code, scope, quotas, discover, Export.NOTABLE);
  }

  /** The configured quota codes. */
  public List<String> quotaCodes() {
    return quotas.stream().map(QuotaConfig::code).toList();
  }
}
