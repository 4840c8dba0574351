package dev.quotacli.collect;

/**
 * Per-quota Get calls or paginated List calls, whichever costs fewer API calls. Pure.
 *
 * <p>List costs one call per page of ListServiceQuotas plus one per page of
 * ListAWSDefaultServiceQuotas (the applied list holds only applied values, so both are needed), at
 * least two calls. Get costs at least one call per quota (a second where the quota has no applied
 * value). Discovery rules need the whole list.
 */
public enum FetchStrategy {
  LIST,
  GET;

  /** Page size the List calls ask for (the API's maximum). */
  static final int PAGE_SIZE = 100;

  /**
   * @param quotaCount configured quota codes
   * @param hasDiscovery whether discovery rules need every quota of the service
   * @param knownTotal how many quotas the service had at the last List, or 0 if unknown
   */
  public static FetchStrategy choose(int quotaCount, boolean hasDiscovery, int knownTotal) {
    if (hasDiscovery) {
      return LIST;
    }
    return quotaCount < expectedListCalls(knownTotal) ? GET : LIST;
  }

  /** Two lists, each at least one page. */
  static int expectedListCalls(int knownTotal) {
    int pages = Math.max(1, (knownTotal + PAGE_SIZE - 1) / PAGE_SIZE);
    return 2 * pages;
  }
}
