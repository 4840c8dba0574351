package dev.quotacli.collect;

/**
 * Per-quota Get calls or paginated List calls, whichever costs fewer API calls. Pure.
 *
 * <p>List costs one call per page of ListServiceQuotas plus one per page of
 * ListAWSDefaultServiceQuotas (the applied list holds only applied values, so both are needed), at
 * least two calls; where the default list is shared by the estate (fetched once per region, see
 * {@link SharedDefaults}) a target pays only its applied pages. Get costs at least one call per
 * quota (a second where the quota has no applied value, unless the shared defaults answer it).
 * Discovery rules need the whole list.
 */
public enum FetchStrategy {
  LIST,
  GET;

  /** Page size the List calls ask for (the API's maximum). */
  public static final int PAGE_SIZE = 100;

  /**
   * @param quotaCount configured quota codes
   * @param hasDiscovery whether discovery rules need every quota of the service
   * @param knownTotal how many quotas the service had at the last List, or 0 if unknown
   */
  public static FetchStrategy choose(int quotaCount, boolean hasDiscovery, int knownTotal) {
    return choose(quotaCount, hasDiscovery, knownTotal, false);
  }

  /**
   * @param defaultsShared whether the default list is shared by the estate (a target pays only its
   *     applied pages)
   */
  public static FetchStrategy choose(
      int quotaCount, boolean hasDiscovery, int knownTotal, boolean defaultsShared) {
    if (hasDiscovery) {
      return LIST;
    }
    if (defaultsShared) {
      // A target pays only its applied pages; on a tie Get wins (it answers just those quotas).
      return quotaCount <= pages(knownTotal) ? GET : LIST;
    }
    return quotaCount < expectedListCalls(knownTotal) ? GET : LIST;
  }

  /** Pages of one list, at least one. */
  public static int pages(int knownTotal) {
    return Math.max(1, (knownTotal + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /** Two lists, each at least one page. */
  static int expectedListCalls(int knownTotal) {
    int pages = Math.max(1, (knownTotal + PAGE_SIZE - 1) / PAGE_SIZE);
    return 2 * pages;
  }
}
