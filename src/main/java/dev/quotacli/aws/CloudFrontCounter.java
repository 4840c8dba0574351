package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.quota.QuotaLimit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * Counts CloudFront distributions account-wide (CloudFront is global: the client is in us-east-1).
 * Origin access identities (L-08884E5C) are not counted: moto 5.2.1 lacks
 * ListCloudFrontOriginAccessIdentities, so it could not be tested over HTTP. Thread-safe if its
 * CallGuard is.
 */
final class CloudFrontCounter implements UsageCounter {
  static final String SERVICE = "cloudfront";

  /** Web distributions per AWS account: every distribution, enabled or not. */
  static final String DISTRIBUTIONS = "L-24B04930";

  /** Page size; the API's default. */
  static final String PAGE_SIZE = "100";

  private final CloudFrontClient client;
  private final CallGuard guard;

  CloudFrontCounter(CloudFrontClient client, CallGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  @Override
  public Counted countEach(List<QuotaLimit> quotas) {
    Tally tally = new Tally();
    if (quotas.stream().anyMatch(q -> q.code().equals(DISTRIBUTIONS))) {
      tally.group(Set.of(DISTRIBUTIONS), () -> Map.of(DISTRIBUTIONS, (double) distributions()));
    }
    return tally.counted();
  }

  private int distributions() {
    return GuardedPages.all(
            guard,
            SERVICE,
            "ListDistributions",
            marker -> {
              var list =
                  client
                      .listDistributions(b -> b.maxItems(PAGE_SIZE).marker(marker))
                      .distributionList();
              // NextMarker counts only while IsTruncated (AWS sends it on truncated pages).
              String next = Boolean.TRUE.equals(list.isTruncated()) ? list.nextMarker() : null;
              return new GuardedPages.Page<>(list.items(), next);
            })
        .size();
  }
}
