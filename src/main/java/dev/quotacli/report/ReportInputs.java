package dev.quotacli.report;

import dev.quotacli.cache.CostCache;
import dev.quotacli.output.StatusReport;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the report is made of, as read from the cache directory: no AWS, no CMDB.
 *
 * @param status the status view (run states, budgets, cache ages, last cost run)
 * @param subcommands the subcommands that record a run state, to name those that never ran
 * @param limits every cached limit entry
 * @param usage every cached usage entry
 * @param usageCorrupt one line per unreadable usage entry
 * @param names account names by id, from the cached account list (the CMDB's names)
 * @param namesFetchedAt when that list was read from its source, or null when there is none
 * @param cost each Cost Explorer scope's cached parts, sorted by scope
 */
public record ReportInputs(
    StatusReport status,
    List<String> subcommands,
    CachedLimits.Result limits,
    List<UsageTarget> usage,
    List<String> usageCorrupt,
    Map<String, String> names,
    Instant namesFetchedAt,
    List<CostScope> cost) {
  public ReportInputs {
    subcommands = List.copyOf(subcommands);
    usage = List.copyOf(usage);
    usageCorrupt = List.copyOf(usageCorrupt);
    names = new TreeMap<>(names);
    cost = List.copyOf(cost);
  }

  /**
   * One target's cached usage.
   *
   * @param accountId the account
   * @param region the region
   * @param service the service
   * @param fetchedAt when it was counted
   * @param stale older than the usage TTL
   * @param usage the known usage by code
   * @param unknown one line per quota whose usage is unknown
   */
  public record UsageTarget(
      String accountId,
      Region region,
      String service,
      Instant fetchedAt,
      boolean stale,
      List<QuotaUsage> usage,
      List<String> unknown) {
    public UsageTarget {
      usage = List.copyOf(usage);
      unknown = List.copyOf(unknown);
    }
  }

  /**
   * @param scopeAccountId the account whose credentials asked Cost Explorer
   * @param entry its cached parts
   */
  public record CostScope(String scopeAccountId, CostCache.Entry entry) {}
}
