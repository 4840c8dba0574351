package dev.quotacli.plan;

import dev.quotacli.quota.QuotaLimit;
import java.util.List;
import java.util.Map;

/** What the configuration, the account source and the caches say, read without an AWS call. */
public final class Facts {
  private Facts() {}

  /**
   * One target's limits as its cache entry and the shared defaults leave them.
   *
   * @param answered a fresh entry answers the target (and the pass is not forced): no call
   * @param knownTotal the service's quota count from a complete entry (fresh or stale), as the
   *     collector counts it; 0 when unknown
   * @param appliedPages the pages of the account's applied list (ListServiceQuotas) if it is listed
   * @param defaultsByGet GetAWSDefaultServiceQuota calls if quotas are fetched one by one and the
   *     shared defaults are not at hand: the configured quotas with no applied value
   */
  public record Limits(boolean answered, int knownTotal, Range appliedPages, Range defaultsByGet) {}

  /**
   * One target's usage as its cache leaves it.
   *
   * @param answered a fresh usage entry answers the target (and the pass is not forced)
   * @param limits the quotas the counter will be given: the cached limits' selection, else the
   *     configured codes (names and metrics unknown)
   * @param limitsKnown whether {@code limits} come from a cache entry (else discovery rules may add
   *     quotas, and which have usage metrics is unknown)
   * @param lastUsage the last cached usage by code, any age, for page counts
   */
  public record Usage(
      boolean answered,
      List<QuotaLimit> limits,
      boolean limitsKnown,
      Map<String, Double> lastUsage) {
    public Usage {
      limits = List.copyOf(limits);
      lastUsage = Map.copyOf(lastUsage);
    }
  }

  /**
   * One account × region × service.
   *
   * @param account the account id
   * @param region the target's region ({@code global} for global services)
   * @param apiRegion the region called
   * @param service the Service Quotas code
   * @param configured configured quota codes
   * @param discovery whether discovery rules need the whole list
   * @param degraded skipped: its account and region used up their time budget
   * @param limits its limit cache
   * @param usage its usage cache, or null for {@code limits}
   */
  public record Target(
      String account,
      String region,
      String apiRegion,
      String service,
      int configured,
      boolean discovery,
      boolean degraded,
      Limits limits,
      Usage usage) {}

  /**
   * AWS's default list of a service in a region, shared by the estate.
   *
   * @param fresh a fresh cache entry answers (and the pass is not forced)
   * @param knownSize its quota count from a cache entry of any age, 0 when unknown
   */
  public record Defaults(boolean fresh, int knownSize) {}

  /**
   * An account's region discovery, due because its region cache is missing or expired (or always,
   * for discover-regions and refresh-cache).
   *
   * @param account the account id
   * @param knownActive its active regions at the last discovery, or -1 if never discovered
   * @param probeKinds the resource kinds probed for, in order
   */
  public record Discovery(String account, int knownActive, List<String> probeKinds) {}

  /**
   * One account and region's increase-request history (ListRequestedServiceQuotaChangeHistory, one
   * paged call for every service), asked beside its targets' limits.
   *
   * @param account the account id
   * @param apiRegion the region called
   * @param answered a fresh cache entry answers it (and limits are not forced)
   * @param listed how many requests the last fetch listed (its pages), or null when unknown
   */
  public record Requests(String account, String apiRegion, boolean answered, Integer listed) {}
}
