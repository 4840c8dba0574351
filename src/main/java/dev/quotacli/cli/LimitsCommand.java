package dev.quotacli.cli;

import dev.quotacli.account.AccountLoad;
import dev.quotacli.aws.AwsQuotaSources;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.collect.CollectionRunner;
import dev.quotacli.collect.LimitCollector;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.output.LimitsTextfile;
import dev.quotacli.output.Textfiles;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quota-cli limits}: every configured quota's limit, as Prometheus text. */
@Command(name = "limits", mixinStandardHelpOptions = true,
    description = "Collect service quota limits (applied, else AWS default) and write them as Prometheus text.")
final class LimitsCommand extends BaseCommand {
  static final String NAME = "limits";

  @Mixin AccountOptions accountOptions;
  @Mixin PassOptions passOptions;
  @Mixin OutputOptions outputOptions;

  @Override
  ExitCode execute() throws IOException {
    String target = outputOptions.target(NAME);
    if (target == null) {
      target = "-";
    }
    checkOutputDir(target);
    Instant started = env.clock().instant();
    long startNanos = System.nanoTime();
    try (PassContext ctx = new PassContext(passOptions, env.clock(), env.retry())) {
      AccountLoad accounts = ctx.accounts(accountOptions, env.variables(), err());
      List<Target> targets = ctx.plan(accounts.accounts());
      LimitCache cache = new LimitCache(passOptions.cacheDir, passOptions.cacheTtl, env.clock());
      LimitCollector collector = new LimitCollector(
          cache, new AwsQuotaSources(ctx.factory), ctx.guard, env.clock(), passOptions.force);
      List<TargetResult> results = new CollectionRunner(passOptions.concurrency, passOptions.deadline)
          .run(targets, t -> collector.collect(t, ctx.service(t.service())));
      Duration duration = env.fixedDuration() != null
          ? env.fixedDuration() : Duration.ofNanos(System.nanoTime() - startNanos);
      RunStateStore state = new RunStateStore(passOptions.cacheDir, env.clock());
      RunStateStore.RunState previous = state.read(NAME);
      boolean allOk = results.stream().allMatch(r -> r instanceof TargetResult.Collected);
      Instant lastSuccess = allOk ? started.plus(duration) : previous == null ? null : previous.lastSuccess();
      RunSummary summary = new RunSummary(NAME, started, duration, results,
          ctx.guard.stats().snapshot(), accounts.skipped(), lastSuccess);
      reportProblems(results);
      Textfiles.write(target, LimitsTextfile.render(summary, Version.get()), out());
      recordState(state, summary);
      return summary.allOk() ? ExitCode.OK : ExitCode.PARTIAL;
    }
  }

  private void recordState(RunStateStore state, RunSummary s) {
    try {
      state.write(NAME, new RunStateStore.RunState(
          s.startedAt(), s.duration().toMillis() / 1000.0, s.ok(), s.failed(), s.lastSuccess()));
    } catch (IOException e) {
      err().println("quota-cli: warning: cannot record run state in " + passOptions.cacheDir + ": " + e.getMessage());
    }
  }
}
