package dev.quotacli.cli;

import dev.quotacli.cache.BudgetStore;
import dev.quotacli.collect.CollectionRunner;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.TimeBudget;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Slow-target degradation around one pass: targets whose account and region have no budget left are
 * skipped (their cached limits still exported), the others run with their balance as a wall-time
 * allowance, and each group's elapsed time is charged afterwards.
 */
final class Budgets {
  private final TimeBudget budget;
  private final BudgetStore store;
  private final boolean ignore;
  private final Instant now;
  private final Map<String, TimeBudget.State> states;

  Budgets(TimeBudget budget, BudgetStore store, boolean ignore, Instant now) {
    this.budget = budget;
    this.store = store;
    this.ignore = ignore;
    this.now = now;
    this.states = store.read();
  }

  static String key(Target t) {
    return t.accountId() + "/" + t.region().name();
  }

  /**
   * Runs the targets that have budget left and returns every target's result: the run ones, and
   * {@link TargetResult.Degraded} for the skipped.
   */
  List<TargetResult> run(
      CollectionRunner runner,
      List<Target> targets,
      Function<Target, TargetResult> work,
      Function<Target, List<QuotaLimit>> cachedLimits,
      PrintWriter err) {
    List<Target> runnable = new ArrayList<>();
    List<TargetResult> results = new ArrayList<>();
    for (Target t : targets) {
      TimeBudget.State state = states.get(key(t));
      if (!ignore && budget.degraded(state, now)) {
        results.add(new TargetResult.Degraded(t, cachedLimits.apply(t), state.windowEnd()));
      } else {
        runnable.add(t);
      }
    }
    CollectionRunner.Outcome outcome =
        runner.run(
            runnable,
            work,
            new CollectionRunner.Groups(
                Budgets::key,
                group ->
                    ignore
                        ? null
                        : Duration.ofMillis(
                            Math.max(
                                0,
                                (long) (budget.refill(states.get(group), now).balance() * 1000)))));
    results.addAll(outcome.results());
    results.sort(null);
    try {
      store.update(
          latest -> {
            outcome
                .elapsed()
                .forEach(
                    (group, elapsed) ->
                        latest.put(
                            group,
                            budget.charge(
                                budget.refill(latest.get(group), now),
                                elapsed.toMillis() / 1000.0)));
            return latest;
          });
    } catch (IOException e) {
      err.println(
          "quota-cli: warning: cannot record time budgets in "
              + store.path()
              + ": "
              + e.getMessage());
    }
    return results;
  }
}
