package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.plan.UsageCalls;
import org.junit.jupiter.api.Test;

/** {@code plan} counts the counters' calls from their quota codes: they must stay the same. */
class UsageCallsMirrorTest {
  @Test
  void thePlansQuotaCodesAreTheCountersOwn() {
    assertThat(UsageCalls.ROUTE53_LIMIT_CODES).isEqualTo(Route53Counter.LIMIT_TYPES.keySet());
    assertThat(UsageCalls.CACHE_NODES).isEqualTo(ElastiCacheCounter.NODES);
    assertThat(UsageCalls.CACHE_SUBNET_GROUPS).isEqualTo(ElastiCacheCounter.SUBNET_GROUPS);
    assertThat(UsageCalls.DISTRIBUTIONS).isEqualTo(CloudFrontCounter.DISTRIBUTIONS);
  }
}
