package dev.quotacli.quota;

import java.util.Map;
import java.util.Set;

/**
 * Which of a target's selected quotas the textfiles carry: a listed (configured) quota always; a
 * quota that only a discovery rule found only where it says something, its limit where the
 * account's applied value is not the AWS default and its usage where it is above 0, so that
 * hundreds of per-instance-type quotas at their default and unused cost no series. Pure.
 */
public final class ExportPolicy {
  /** Every selected quota: services whose discovered quotas are all wanted, and tests. */
  public static final ExportPolicy EVERYTHING = new ExportPolicy(Map.of());

  private final Map<String, Set<String>> listedByService;

  /**
   * @param listedByService for each service whose discovered quotas are exported only where
   *     notable, its listed quota codes (always exported); a service not in the map has every
   *     selected quota exported
   */
  public ExportPolicy(Map<String, Set<String>> listedByService) {
    this.listedByService = Map.copyOf(listedByService);
  }

  /** Whether the limits file carries this limit of a target of {@code service}. */
  public boolean limit(String service, QuotaLimit limit) {
    Set<String> listed = listedByService.get(service);
    return listed == null || listed.contains(limit.code()) || limit.differsFromDefault();
  }

  /** Whether the usage file carries this usage of a target of {@code service}. */
  public boolean usage(String service, QuotaUsage usage) {
    Set<String> listed = listedByService.get(service);
    return listed == null || listed.contains(usage.code()) || usage.value() > 0;
  }
}
