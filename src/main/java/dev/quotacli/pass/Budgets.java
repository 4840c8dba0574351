package dev.quotacli.pass;

import dev.quotacli.cache.BudgetStore;
import dev.quotacli.collect.Settled;
import dev.quotacli.collect.WorkItem;
import dev.quotacli.collect.WorkRunner;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.quota.TimeBudget;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Slow-target degradation around one pass: items whose group (account and region) has no budget
 * left are skipped, the others run with their balance as an allowance of running time, and the time
 * each group's items ran (not the time they queued) is charged afterwards (under the budget file's
 * lock).
 */
final class Budgets {
  private final TimeBudget budget;
  private final BudgetStore store;
  private final boolean ignore;
  private final Instant now;
  private final Map<String, TimeBudget.State> states;

  /**
   * @param items what ran, settled, sorted
   * @param skipped items of degraded groups, with when they run again
   */
  record Run<I, R>(List<Settled<I, R>> items, List<Skipped<I>> skipped) {}

  /**
   * @param item the item not run
   * @param until when its group's balance is back at the minimum allowance and it runs
   */
  record Skipped<I>(I item, Instant until) {}

  Budgets(TimeBudget budget, BudgetStore store, boolean ignore, Instant now) {
    this.budget = budget;
    this.store = store;
    this.ignore = ignore;
    this.now = now;
    this.states = store.read();
  }

  /** Runs the items whose group has budget left; skips the others. */
  <I extends WorkItem & Comparable<? super I>, R> Run<I, R> run(
      WorkRunner runner, List<I> items, Function<I, R> work) {
    List<I> runnable = new ArrayList<>();
    List<Skipped<I>> skipped = new ArrayList<>();
    for (I item : items) {
      TimeBudget.State state = states.get(item.group());
      if (!ignore && budget.degraded(state, now)) {
        skipped.add(new Skipped<>(item, now.plus(budget.penaltyLeft(state, now))));
      } else {
        runnable.add(item);
      }
    }
    WorkRunner.Outcome<I, R> outcome =
        runner.run(
            runnable,
            work,
            group ->
                ignore
                    ? null
                    : Duration.ofMillis(
                        Math.max(
                            0, (long) (budget.refill(states.get(group), now).balance() * 1000))));
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
                                budget.refill(latest.get(group), now), elapsed.toNanos() / 1e9)));
            return latest;
          });
    } catch (IOException e) {
      Diagnostics.current()
          .warn("cannot record time budgets in " + store.path() + ": " + e.getMessage());
    }
    return new Run<>(outcome.results(), skipped);
  }
}
