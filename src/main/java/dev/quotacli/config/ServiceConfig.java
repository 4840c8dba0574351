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
 */
public record ServiceConfig(
    String code, Scope scope, List<QuotaConfig> quotas, List<Pattern> discover) {
  public ServiceConfig {
    quotas = List.copyOf(quotas);
    discover = List.copyOf(discover);
  }

  /** The configured quota codes. */
  public List<String> quotaCodes() {
    return quotas.stream().map(QuotaConfig::code).toList();
  }
}
