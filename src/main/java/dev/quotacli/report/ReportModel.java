package dev.quotacli.report;

import java.util.List;

/**
 * The report's view: every value already formatted for display (the template only places and
 * escapes them); an unknown number is the text {@code unknown}, never 0.
 *
 * @param generatedAt when the report was made (UTC)
 * @param cacheDir the cache directory it was read from
 * @param fleet the fleet summary
 * @param topN how many quotas {@code top} may hold
 * @param top the quotas closest to their limit across the fleet, highest percent first
 * @param accounts one section per account, by id
 * @param increaseRequests whether any row has increase-request data (the column is shown then)
 * @param cost the cost section
 * @param problems stale or missing data, each named
 */
public record ReportModel(
    String generatedAt,
    String cacheDir,
    Fleet fleet,
    int topN,
    List<QuotaRow> top,
    List<AccountSection> accounts,
    boolean increaseRequests,
    CostView cost,
    List<Problem> problems) {
  public ReportModel {
    top = List.copyOf(top);
    accounts = List.copyOf(accounts);
    problems = List.copyOf(problems);
  }

  /** Whether the top list is empty (no quota has a known percent). */
  public boolean noTop() {
    return top.isEmpty();
  }

  public boolean noProblems() {
    return problems.isEmpty();
  }

  /**
   * @param accounts accounts known (cache directories and the cached account list)
   * @param targets account × region × service targets with cached limits
   * @param quotas quota rows
   * @param quotasWithPercent rows whose percent is known
   * @param failed targets the last run of each subcommand did not refresh (by its run state)
   * @param failedCount how many
   * @param degraded targets skipped now for their time budget
   * @param limitsAge oldest and newest limit entry, e.g. {@code 3h ago … 12m ago}
   * @param usageAge the same for usage
   * @param accountListAge how old the cached account list is
   * @param runs the last run of each subcommand (and shard)
   * @param neverRun subcommands with no recorded run
   * @param costRuns the last cost run's Cost Explorer report lines
   */
  public record Fleet(
      int accounts,
      int targets,
      int quotas,
      int quotasWithPercent,
      List<FailedTarget> failed,
      int failedCount,
      List<DegradedTarget> degraded,
      String limitsAge,
      String usageAge,
      String accountListAge,
      List<Run> runs,
      List<String> neverRun,
      List<String> costRuns) {
    public Fleet {
      failed = List.copyOf(failed);
      degraded = List.copyOf(degraded);
      runs = List.copyOf(runs);
      neverRun = List.copyOf(neverRun);
      costRuns = List.copyOf(costRuns);
    }

    public int degradedCount() {
      return degraded.size();
    }

    public boolean hasDegraded() {
      return !degraded.isEmpty();
    }

    public boolean hasFailed() {
      return !failed.isEmpty();
    }

    public boolean hasCostRuns() {
      return !costRuns.isEmpty();
    }
  }

  /**
   * @param subcommand the subcommand (and shard) whose last run did not refresh it
   * @param target {@code account[/region][/service]}
   * @param lastSuccess when it last succeeded, e.g. {@code 2d ago}
   */
  public record FailedTarget(String subcommand, String target, String lastSuccess) {}

  /**
   * @param target {@code account/region}
   * @param left how long it is still skipped
   * @param until when it runs again
   */
  public record DegradedTarget(String target, String left, String until) {}

  /**
   * @param name subcommand (or subcommand.shard-I-of-N)
   * @param at when it started (UTC)
   * @param ago how long ago
   * @param duration how long it took
   * @param ok targets collected
   * @param failed targets failed
   * @param degraded targets skipped as degraded
   * @param lastSuccess when a run last fully succeeded, or {@code never}
   * @param healthy no failed target in the last run
   */
  public record Run(
      String name,
      String at,
      String ago,
      String duration,
      long ok,
      long failed,
      long degraded,
      String lastSuccess,
      boolean healthy) {}

  /**
   * One quota of one target.
   *
   * @param accountId the account
   * @param accountName its name from the CMDB, or empty
   * @param region the region
   * @param service the service code
   * @param code the quota code
   * @param name the quota name
   * @param usage the usage, or {@code unknown}
   * @param limit the limit
   * @param percent usage / limit, e.g. {@code 87.5 %}, or {@code unknown}
   * @param percentKnown whether the percent is known
   * @param bar the bar's width in percent of its track (0–100)
   * @param level {@code ok}, {@code warn} (≥ 75 %), {@code crit} (≥ 90 %) or {@code unknown}
   * @param source {@code applied}, {@code applied (= default)} or {@code default}
   * @param increaseRequest the open increase request, or null (see {@link IncreaseRequests})
   */
  public record QuotaRow(
      String accountId,
      String accountName,
      String region,
      String service,
      String code,
      String name,
      String usage,
      String limit,
      String percent,
      boolean percentKnown,
      String bar,
      String level,
      String source,
      String increaseRequest) {}

  /**
   * @param accountId the account
   * @param name its name, or empty
   * @param rows its quotas by service, region and code
   * @param highest its highest percent, or {@code unknown}
   * @param limitsAge how old its limit entries are
   * @param usageAge how old its usage entries are
   * @param cost its month-to-date spend by service, highest first (empty when not cached)
   */
  public record AccountSection(
      String accountId,
      String name,
      List<QuotaRow> rows,
      String highest,
      String limitsAge,
      String usageAge,
      List<Amount> cost) {
    public AccountSection {
      rows = List.copyOf(rows);
      cost = List.copyOf(cost);
    }

    public boolean hasRows() {
      return !rows.isEmpty();
    }

    public boolean hasCost() {
      return !cost.isEmpty();
    }
  }

  /**
   * A labelled amount with its bar.
   *
   * @param label what it is (service, account, tag value)
   * @param amount e.g. {@code 1,234.56 USD}
   * @param bar width in percent of the largest in its list
   */
  public record Amount(String label, String amount, String bar) {}

  /**
   * @param what the data (limits, usage, cost, run state, account list)
   * @param detail what is stale or missing, and where
   */
  public record Problem(String what, String detail) {}
}
