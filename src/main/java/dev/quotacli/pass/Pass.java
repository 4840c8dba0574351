package dev.quotacli.pass;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountLoad;
import dev.quotacli.cache.AccountListCache;
import dev.quotacli.cache.RunLock;
import dev.quotacli.cache.RunStateStore;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.WorkStatus;
import dev.quotacli.config.ConfigException;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.output.Textfiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one pass skeleton every collecting subcommand runs: lock → accounts → the job's work →
 * summary → problems → text or view → run state → exit code. Settings are valid before it starts
 * (nothing is touched before); fatal errors (exit 1, 2, 4) are thrown before anything is written.
 */
public final class Pass {
  /** How a subcommand's result is shown. */
  public enum Shows {
    /**
     * Prometheus text with --output/--textfile-dir, else the operator's view (no lock, no state).
     */
    TEXTFILE_OR_VIEW,
    /** A report on stdout; the run takes the lock and records its run state. */
    REPORT
  }

  /** Every subcommand whose runs are recorded, for {@code status}. */
  public static final List<String> RECORDED =
      List.of("limits", "usage", "discover-regions", "refresh-cache", "cost");

  private final PassSettings settings;
  private final Environment env;
  private final Diagnostics diagnostics;
  private final PrintWriter out;
  private final Function<AccountSettings, AccountLoad> cmdb;

  public Pass(PassSettings settings, Environment env, Diagnostics diagnostics, PrintWriter out) {
    this(settings, env, diagnostics, out, AccountLoader::cmdb);
  }

  Pass(
      PassSettings settings,
      Environment env,
      Diagnostics diagnostics,
      PrintWriter out,
      Function<AccountSettings, AccountLoad> cmdb) {
    this.settings = settings;
    this.env = env;
    this.diagnostics = diagnostics;
    this.out = out;
    this.cmdb = cmdb;
  }

  public <P> ExitCode run(Job<P> job, Shows shows) throws IOException {
    String stateName = job.name() + settings.shard().fileSuffix();
    boolean recorded = shows == Shows.REPORT || settings.output().textfile();
    if (!recorded) {
      // The operator's view writes no textfile: it may run beside the timer's pass (cache writes
      // are atomic per file), so it takes no lock and an incident never waits for the timer.
      return pass(job, shows, stateName, false);
    }
    try (RunLock lock = RunLock.acquire(settings.cacheDir(), stateName)) {
      return pass(job, shows, stateName, true);
    }
  }

  private <P> ExitCode pass(Job<P> job, Shows shows, String stateName, boolean recorded)
      throws IOException {
    Instant started = env.clock().instant();
    long startNanos = System.nanoTime();
    try (PassContext ctx = new PassContext(settings, env, diagnostics, started)) {
      AccountLoad accounts = accounts(ctx);
      List<Account> selected =
          accounts.accounts().stream()
              .filter(
                  a ->
                      settings.filters().accounts().isEmpty()
                          || settings.filters().accounts().contains(a.id().value()))
              .toList();
      Job.Result<P> result = job.run(ctx, accounts, selected);
      Duration duration =
          env.fixedDuration() != null
              ? env.fixedDuration()
              : Duration.ofNanos(System.nanoTime() - startNanos);
      RunStateStore states = new RunStateStore(settings.cacheDir(), env.clock());
      RunStateStore.RunState previous = states.read(stateName);
      // The run finished: its file is written below. Each item's own freshness is apart: this
      // run's end where it succeeded, else what the previous run recorded.
      Instant finished = started.plus(duration);
      Map<String, Instant> itemLastSuccess = new TreeMap<>();
      for (WorkStatus w : result.work()) {
        Instant before = previous == null ? null : previous.targets().get(w.describe());
        Instant last = w.state() == WorkStatus.State.OK ? finished : before;
        if (last != null) {
          itemLastSuccess.put(w.describe(), last);
        }
      }
      RunSummary summary =
          new RunSummary(
              job.name(),
              started,
              duration,
              result.work(),
              ctx.guards().stats().snapshot(),
              accounts.skipped(),
              finished,
              settings.shard(),
              accounts.staleSince(),
              itemLastSuccess);
      report(summary, result.warnings());
      if (shows == Shows.TEXTFILE_OR_VIEW && settings.output().textfile()) {
        Textfiles.write(settings.output().target(), job.textfile(summary, result.payload()), out);
      } else {
        out.print(job.view(result.payload(), settings.output().format()));
        out.flush();
      }
      if (recorded) {
        record(states, stateName, summary);
      }
      return summary.allOk() ? ExitCode.OK : ExitCode.PARTIAL;
    }
  }

  /** The shard's accounts; every {@code --account} must be one of them. */
  private AccountLoad accounts(PassContext ctx) {
    AccountLoad all =
        AccountLoader.load(
            settings.accounts(),
            cmdb,
            () -> ctx.aws().organizations(),
            () -> ctx.aws().ambientAccountId(),
            new AccountListCache(settings.cacheDir(), env.clock()),
            diagnostics);
    var shard = settings.shard();
    AccountLoad load =
        shard.isAll()
            ? all
            : new AccountLoad(
                all.accounts().stream().filter(a -> shard.owns(a.id().value())).toList(),
                all.skipped(),
                all.staleSince());
    for (String skipped : load.skipped()) {
      diagnostics.warn("skipping account: " + skipped);
    }
    if (load.accounts().isEmpty()) {
      diagnostics.warn("the account source holds no enabled, valid account");
    }
    for (String id : settings.filters().accounts()) {
      if (load.accounts().stream().noneMatch(a -> a.id().value().equals(id))) {
        throw new ConfigException(
            "--account "
                + id
                + ": no such enabled account in the account source"
                + (shard.isAll() ? "" : " for shard " + shard));
      }
    }
    return load;
  }

  /** One error line per failed item; warnings once per kind. */
  private void report(RunSummary summary, Diagnostics.Aggregate warnings) {
    for (WorkStatus w : summary.work()) {
      if (w.state() == WorkStatus.State.FAILED) {
        diagnostics.error(w.describe() + ": " + w.failure().label() + ": " + w.message());
      }
    }
    warnings.printTo(diagnostics);
  }

  /** Only textfile (and report) runs count as the timer's runs: a hand-run table must not. */
  private void record(RunStateStore states, String stateName, RunSummary s) {
    try {
      states.write(
          stateName,
          new RunStateStore.RunState(
              s.startedAt(),
              s.duration().toMillis() / 1000.0,
              s.ok(),
              s.failed(),
              s.degraded(),
              s.lastSuccess(),
              s.itemLastSuccess()));
    } catch (IOException e) {
      diagnostics.warn("cannot record run state in " + settings.cacheDir() + ": " + e.getMessage());
    }
  }
}
