package dev.quotacli.collect;

import dev.quotacli.quota.QuotaLimit;
import java.util.List;
import java.util.Map;

/**
 * Counts one service's resources in one account and region over Describe/List APIs. Makes only the
 * calls that the given quotas need. Failures are thrown as {@link ApiException}.
 */
public interface UsageCounter {
  /**
   * @param quotas the target's configured quotas, with the names AWS gave them (per-instance-type
   *     SageMaker quotas are recognised by name)
   * @return usage by quota code, for the quotas this counter counts; a quota it cannot count is
   *     absent (never 0)
   */
  Map<String, Double> count(List<QuotaLimit> quotas);
}
