package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RegionDiscoverer.Discovery;
import dev.quotacli.collect.RegionProbe.ResourceKind;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.output.RegionReport;
import java.util.ArrayList;
import java.util.List;

/** {@code discover-regions}: each selected account's active regions, discovered now and cached. */
public final class DiscoverRegionsJob implements Job<List<Discovery>> {
  public static final String NAME = "discover-regions";

  private final List<ResourceKind> kinds;

  /**
   * @param kinds what a region must hold to be active, in probe order ({@link PassContext#probes})
   */
  public DiscoverRegionsJob(List<ResourceKind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /** What a region must hold to be active, in probe order (read by {@code plan}). */
  List<ResourceKind> kinds() {
    return kinds;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result<List<Discovery>> run(
      PassContext ctx, AccountLoad accounts, List<Account> selected) {
    List<Discovery> found = ctx.discoverer(kinds).discover(selected);
    List<WorkStatus> work = new ArrayList<>();
    for (Discovery d : found) {
      if (d.ok()) {
        work.add(WorkStatus.ok(d.account(), null, false));
      } else {
        FailureKind kind = d.failureKind() == null ? FailureKind.OTHER : d.failureKind();
        work.add(
            WorkStatus.failed(
                d.account(),
                null,
                kind,
                "region discovery failed: "
                    + d.failure()
                    + (d.usedPrevious()
                        ? "; the previous list of " + d.previousFetchedAt() + " stands in"
                        : "")));
      }
      d.skipped().forEach(s -> ctx.diagnostics().warn(d.account().id() + ": skipped region " + s));
    }
    return new Result<>(found, work);
  }

  @Override
  public String textfile(RunSummary run, List<Discovery> found) {
    return RegionReport.textfile(run, found, BuildInfo.version());
  }

  @Override
  public String view(List<Discovery> found, Output.Format format) {
    return format == Output.Format.JSON ? RegionReport.json(found) : RegionReport.table(found);
  }
}
