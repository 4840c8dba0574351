package dev.quotacli.pass;

import dev.quotacli.account.AccountLoad;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.diagnostics.Diagnostics;
import java.util.List;

/**
 * What one subcommand adds to the {@link Pass} template: the work over the selected accounts, and
 * how its outcome is shown.
 *
 * @param <P> what the work produced, for rendering
 */
public interface Job<P> {
  /** The subcommand: file names, the lock, the run state and the {@code subcommand} label. */
  String name();

  /**
   * Does the work.
   *
   * @param accounts every account of the source (this shard's)
   * @param selected those the {@code --account} filter keeps
   */
  Result<P> run(PassContext ctx, AccountLoad accounts, List<dev.quotacli.account.Account> selected);

  /** The Prometheus text of a pass. */
  String textfile(RunSummary run, P payload);

  /** The operator's view (no textfile), or the report of a pass that writes none. */
  String view(P payload, Output.Format format);

  /**
   * What the work produced.
   *
   * @param payload for the renderers
   * @param work each item's status, for the self-metrics, the run state and the exit code
   * @param warnings warnings gathered by kind, printed once per kind
   */
  record Result<P>(P payload, List<WorkStatus> work, Diagnostics.Aggregate warnings) {
    public Result(P payload, List<WorkStatus> work) {
      this(payload, work, new Diagnostics.Aggregate());
    }
  }
}
