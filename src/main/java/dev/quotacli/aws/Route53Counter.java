package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.quota.QuotaLimit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Reads Route 53's account-wide usage from its own limit API, GetAccountLimit, whose Count is the
 * usage (one call per wanted quota; a failed call loses its quota only). Route 53 is global: the
 * client is in us-east-1. Thread-safe if its CallGuard is.
 */
final class Route53Counter implements UsageCounter {
  static final String SERVICE = "route53";

  /** Quota code → GetAccountLimit Type. */
  static final Map<String, String> LIMIT_TYPES =
      Map.of(
          "L-4EA4796A", "MAX_HOSTED_ZONES_BY_OWNER",
          "L-ACB674F3", "MAX_HEALTH_CHECKS_BY_OWNER",
          "L-A72C7724", "MAX_REUSABLE_DELEGATION_SETS_BY_OWNER",
          "L-FC688E7C", "MAX_TRAFFIC_POLICIES_BY_OWNER",
          "L-628D5A56", "MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER");

  private final Route53Client client;
  private final CallGuard guard;

  Route53Counter(Route53Client client, CallGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  @Override
  public Counted countEach(List<QuotaLimit> quotas) {
    Tally tally = new Tally();
    limitTypes(quotas)
        .forEach(
            (code, type) ->
                tally.group(
                    Set.of(code),
                    () -> {
                      Long count =
                          GuardedPages.one(
                              guard,
                              SERVICE,
                              "GetAccountLimit",
                              () -> client.getAccountLimit(b -> b.type(type)).count());
                      return count == null ? Map.of() : Map.of(code, count.doubleValue());
                    }));
    return tally.counted();
  }

  /** The GetAccountLimit types the quotas need, by quota code (sorted, so calls come in order). */
  static Map<String, String> limitTypes(List<QuotaLimit> quotas) {
    Map<String, String> types = new TreeMap<>();
    for (QuotaLimit q : quotas) {
      String type = LIMIT_TYPES.get(q.code());
      if (type != null) {
        types.put(q.code(), type);
      }
    }
    return types;
  }
}
