package dev.quotacli.cli;

import dev.quotacli.account.AccountLoad;
import dev.quotacli.aws.AwsQuotaSources;
import dev.quotacli.cache.BudgetStore;
import dev.quotacli.cache.RunLock;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.collect.CollectionRunner;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.output.Reports;
import dev.quotacli.output.Textfiles;
import dev.quotacli.quota.Shard;
import dev.quotacli.quota.TimeBudget;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * One collection pass (limits, usage): accounts → targets → pool → summary, then either the
 * Prometheus textfile (with {@code --output}/{@code --textfile-dir}) or the operator's table/JSON
 * on stdout, which touches no file.
 */
abstract class CollectingCommand extends BaseCommand {
  @Mixin AccountOptions accountOptions;
  @Mixin PassOptions passOptions;
  @Mixin OutputOptions outputOptions;

  /** The subcommand name, used in file names and the {@code subcommand} label. */
  abstract String name();

  /** What collects one target, built once per pass. */
  abstract Function<Target, TargetResult> collector(PassContext ctx);

  /** The Prometheus text of a pass. */
  abstract String render(RunSummary summary);

  /** Whether the operator's view has usage columns. */
  abstract boolean withUsage();

  @Override
  final ExitCode execute() throws IOException {
    Shard shard = PassContext.shard(passOptions, env.variables());
    String target = outputOptions.target(name(), shard);
    checkOutputDir(target);
    if (target == null) {
      // The operator's view writes no textfile: it may run beside the timer's pass (cache writes
      // are atomic per file), so it takes no lock and an incident never waits for the timer.
      return pass(shard, null);
    }
    try (RunLock lock = RunLock.acquire(passOptions.cacheDir, name() + shard.fileSuffix())) {
      return pass(shard, target);
    }
  }

  private ExitCode pass(Shard shard, String target) throws IOException {
    Instant started = env.clock().instant();
    long startNanos = System.nanoTime();
    try (PassContext ctx =
        new PassContext(passOptions, env.variables(), env.clock(), env.retry())) {
      AccountLoad accounts = ctx.accounts(accountOptions, env.variables(), err());
      List<Target> targets = ctx.plan(accounts.accounts(), err());
      var cachedLimits = ctx.limitCollector(new AwsQuotaSources(ctx.factory));
      Budgets budgets =
          new Budgets(
              new TimeBudget(passOptions.budgetSeconds, passOptions.budgetWindow),
              new BudgetStore(passOptions.cacheDir, env.clock()),
              passOptions.ignoreDegradation,
              started);
      List<TargetResult> results =
          budgets.run(
              new CollectionRunner(passOptions.concurrency, passOptions.deadline),
              targets,
              collector(ctx),
              t -> cachedLimits.cached(t, ctx.service(t.service())),
              err());
      Duration duration =
          env.fixedDuration() != null
              ? env.fixedDuration()
              : Duration.ofNanos(System.nanoTime() - startNanos);
      RunStateStore state = new RunStateStore(passOptions.cacheDir, env.clock());
      String stateName = name() + shard.fileSuffix();
      RunStateStore.RunState previous = state.read(stateName);
      boolean allOk = results.stream().noneMatch(r -> r instanceof TargetResult.Failed);
      Instant lastSuccess =
          allOk ? started.plus(duration) : previous == null ? null : previous.lastSuccess();
      RunSummary summary =
          new RunSummary(
              name(),
              started,
              duration,
              results,
              ctx.guard.stats().snapshot(),
              accounts.skipped(),
              lastSuccess,
              shard,
              accounts.staleSince());
      reportProblems(results);
      if (target == null) {
        var rows = Reports.rows(summary, withUsage());
        out()
            .print(
                outputOptions.format == OutputOptions.Format.JSON
                    ? Reports.json(rows, withUsage())
                    : Reports.table(rows, withUsage()));
        out().flush();
      } else {
        Textfiles.write(target, render(summary), out());
        recordState(state, stateName, summary);
      }
      return summary.allOk() ? ExitCode.OK : ExitCode.PARTIAL;
    }
  }

  /** Only textfile runs count as the timer's runs: a hand-run table must not move last-success. */
  private void recordState(RunStateStore state, String stateName, RunSummary s) {
    try {
      state.write(
          stateName,
          new RunStateStore.RunState(
              s.startedAt(),
              s.duration().toMillis() / 1000.0,
              s.ok(),
              s.failed(),
              s.degraded(),
              s.lastSuccess()));
    } catch (IOException e) {
      err()
          .println(
              "quota-cli: warning: cannot record run state in "
                  + passOptions.cacheDir
                  + ": "
                  + e.getMessage());
    }
  }
}
