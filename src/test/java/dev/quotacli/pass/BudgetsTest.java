package dev.quotacli.pass;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quotacli.account.Account;
import dev.quotacli.cache.BudgetStore;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.Settled;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.WorkRunner;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.TimeBudget;
import dev.quotacli.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetsTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final TimeBudget BUDGET = new TimeBudget(60, Duration.ofHours(1));
  private static final Region EU = new Region("eu-west-1");
  private static final Account SLOW = anAccount("111111111111", "eu-west-1");
  private static final Account FAST = anAccount("222222222222", "eu-west-1");
  private static final String SLOW_GROUP = "111111111111/eu-west-1";
  private static final String FAST_GROUP = "222222222222/eu-west-1";

  /** Each item of a run sleeps this long: its group's elapsed time is at least that. */
  private static final long SLEEP_MILLIS = 150;

  @TempDir Path root;
  private BudgetStore store;
  private final Set<String> ran = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void setUp() {
    store = new BudgetStore(root, new MutableClock(T0));
  }

  private void seed(Map<String, TimeBudget.State> states) throws Exception {
    store.update(
        latest -> {
          latest.putAll(states);
          return latest;
        });
  }

  /** Records the item and sleeps a known while (interruptibly, as an abandoned call would be). */
  private Function<Target, String> sleeping(long millis) {
    return t -> {
      ran.add(t.describe());
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "done " + t.describe();
    };
  }

  private static WorkRunner runner() {
    return new WorkRunner(2, Duration.ofSeconds(30));
  }

  @Test
  void itemsOfADegradedGroupAreSkippedUntilTheyHavePaidOffAndTheOthersRun() throws Exception {
    seed(Map.of(SLOW_GROUP, new TimeBudget.State(-5, T0)));
    // 60 s per hour refills the 5 s deficit and the 0.6 s minimum allowance in 336 s.
    Instant until = T0.plus(BUDGET.penaltyLeft(new TimeBudget.State(-5, T0), T0));
    assertThat(until).isBetween(T0.plusSeconds(336), T0.plusSeconds(337));
    var slowEc2 = new Target(SLOW, EU, "ec2");
    var slowEbs = new Target(SLOW, EU, "ebs");
    var fastEc2 = new Target(FAST, EU, "ec2");

    var run =
        new Budgets(BUDGET, store, false, T0)
            .run(runner(), List.of(slowEc2, fastEc2, slowEbs), sleeping(SLEEP_MILLIS));

    assertThat(run.skipped())
        .containsExactlyInAnyOrder(
            new Budgets.Skipped<>(slowEc2, until), new Budgets.Skipped<>(slowEbs, until));
    assertThat(run.items())
        .singleElement()
        .isEqualTo(new Settled.Done<>(fastEc2, "done 222222222222/eu-west-1/ec2"));
    assertThat(ran).containsExactly("222222222222/eu-west-1/ec2");
    assertThat(store.read())
        .as("a skipped group is not charged: its state stays as it was")
        .containsEntry(SLOW_GROUP, new TimeBudget.State(-5, T0));
  }

  @Test
  void aGroupThatHasPaidOffItsDeficitRunsAgain() throws Exception {
    seed(Map.of(SLOW_GROUP, new TimeBudget.State(-5, T0.minusSeconds(3600))));
    var slowEc2 = new Target(SLOW, EU, "ec2");

    var run =
        new Budgets(BUDGET, store, false, T0)
            .run(runner(), List.of(slowEc2), sleeping(SLEEP_MILLIS));

    assertThat(run.skipped()).isEmpty();
    assertThat(run.items()).singleElement().isInstanceOf(Settled.Done.class);
    var after = store.read().get(SLOW_GROUP);
    assertThat(after.asOf()).isEqualTo(T0);
    assertThat(after.balance()).as("charged from -5 + 60 refilled").isBetween(53.0, 54.85);
  }

  @Test
  void eachGroupIsChargedItsElapsedTimeInBudgetsJson() throws Exception {
    seed(Map.of(FAST_GROUP, new TimeBudget.State(30, T0)));
    var slowEc2 = new Target(SLOW, EU, "ec2");
    var fastEc2 = new Target(FAST, EU, "ec2");
    var fastUs = new Target(FAST, Region.US_EAST_1, "ec2");

    var run =
        new Budgets(BUDGET, store, false, T0)
            .run(runner(), List.of(slowEc2, fastEc2, fastUs), sleeping(SLEEP_MILLIS));

    assertThat(run.skipped()).isEmpty();
    assertThat(run.items()).hasSize(3).allMatch(s -> s instanceof Settled.Done);
    // Read back from the file, through a store of its own.
    Map<String, TimeBudget.State> after = new BudgetStore(root, new MutableClock(T0)).read();
    assertThat(after).containsOnlyKeys(SLOW_GROUP, FAST_GROUP, "222222222222/us-east-1");
    // A new group starts from a full bucket; each is charged about 150 ms (at least the sleep, at
    // most a slow machine's 2 s).
    assertThat(after.get(SLOW_GROUP).balance()).isBetween(58.0, 60 - 0.15);
    assertThat(after.get(SLOW_GROUP).asOf()).isEqualTo(T0);
    assertThat(after.get("222222222222/us-east-1").balance()).isBetween(58.0, 60 - 0.15);
    // A known group is charged from its own balance.
    assertThat(after.get(FAST_GROUP).balance()).isBetween(28.0, 30 - 0.15);
  }

  @Test
  void theChargeAddsUpOverPasses() throws Exception {
    var slowEc2 = new Target(SLOW, EU, "ec2");

    new Budgets(BUDGET, store, false, T0).run(runner(), List.of(slowEc2), sleeping(SLEEP_MILLIS));
    double first = store.read().get(SLOW_GROUP).balance();
    new Budgets(BUDGET, store, false, T0.plusSeconds(6))
        .run(runner(), List.of(slowEc2), sleeping(SLEEP_MILLIS));
    double second = store.read().get(SLOW_GROUP).balance();

    assertThat(first).isBetween(58.0, 60 - 0.15);
    // 6 s refill 0.1 s of budget; the rest is the second pass's charge.
    assertThat(first + 0.1 - second).as("the second pass's charge").isBetween(0.149, 2.0);
  }

  @Test
  void ignoreRunsDegradedGroupsTooAndStillChargesThem() throws Exception {
    seed(Map.of(SLOW_GROUP, new TimeBudget.State(-5, T0)));
    var slowEc2 = new Target(SLOW, EU, "ec2");
    var fastEc2 = new Target(FAST, EU, "ec2");

    var run =
        new Budgets(BUDGET, store, true, T0)
            .run(runner(), List.of(slowEc2, fastEc2), sleeping(SLEEP_MILLIS));

    assertThat(run.skipped()).isEmpty();
    assertThat(run.items())
        .containsExactly(
            new Settled.Done<>(slowEc2, "done 111111111111/eu-west-1/ec2"),
            new Settled.Done<>(fastEc2, "done 222222222222/eu-west-1/ec2"));
    assertThat(ran).containsExactlyInAnyOrder(slowEc2.describe(), fastEc2.describe());
    var after = store.read().get(SLOW_GROUP);
    assertThat(after.balance()).isBetween(-7.0, -5.149);
    // The new deficit lengthens the penalty by window / tokens × deficit: 60 s per second overrun.
    assertThat(BUDGET.penaltyLeft(after, T0))
        .isBetween(Duration.ofSeconds(300 + 9), Duration.ofSeconds(300 + 120));
  }

  @Test
  void aGroupWithATinyBalanceIsCutWhenItsAllowanceIsUsedUp() throws Exception {
    // Just above the least allowance a group runs with (a hundredth of 60 s).
    seed(Map.of(SLOW_GROUP, new TimeBudget.State(0.7, T0)));
    var slowEc2 = new Target(SLOW, EU, "ec2");
    var slowEbs = new Target(SLOW, EU, "ebs");
    var fastEc2 = new Target(FAST, EU, "ec2");
    Function<Target, String> work =
        t -> sleeping(t.account().equals(SLOW) ? 20_000 : SLEEP_MILLIS).apply(t);

    long start = System.nanoTime();
    var run =
        new Budgets(BUDGET, store, false, T0)
            .run(
                new WorkRunner(3, Duration.ofSeconds(30)),
                List.of(slowEc2, slowEbs, fastEc2),
                work);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).as("the hanging group costs its allowance, not 20 s").isLessThan(5_000);
    assertThat(run.skipped()).isEmpty();
    assertThat(run.items())
        .filteredOn(s -> s.item().account().equals(SLOW))
        .hasSize(2)
        .allSatisfy(
            s ->
                assertThat(s)
                    .isInstanceOfSatisfying(
                        Settled.Failed.class,
                        f -> {
                          assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
                          assertThat(f.message())
                              .isEqualTo("time budget used up by this account and region");
                        }));
    assertThat(run.items())
        .filteredOn(s -> s.item().equals(fastEc2))
        .singleElement()
        .isInstanceOf(Settled.Done.class);
    // Charged at least its allowance: the balance is now negative, so the next pass skips it.
    var after = store.read().get(SLOW_GROUP);
    assertThat(after.balance()).isNegative().isGreaterThan(-2.0);
    Instant later = T0;
    var next =
        new Budgets(BUDGET, store, false, later)
            .run(runner(), List.of(slowEc2, fastEc2), sleeping(10));
    assertThat(next.skipped())
        .singleElement()
        .isEqualTo(new Budgets.Skipped<>(slowEc2, later.plus(BUDGET.penaltyLeft(after, later))));
  }

  @Test
  void theAllowanceIsTheGroupsBalance() throws Exception {
    // 0.7 s left: items of 250 ms; the third still starts (at 0.5 s), the fourth is past it.
    seed(Map.of(SLOW_GROUP, new TimeBudget.State(0.7, T0)));
    var items =
        List.of(
            new Target(SLOW, EU, "a"),
            new Target(SLOW, EU, "b"),
            new Target(SLOW, EU, "c"),
            new Target(SLOW, EU, "d"));

    var run =
        new Budgets(BUDGET, store, false, T0)
            .run(new WorkRunner(1, Duration.ofSeconds(30)), items, sleeping(250));

    assertThat(run.items().get(0)).isInstanceOf(Settled.Done.class);
    assertThat(run.items().get(3))
        .as("the fourth item would start past 0.7 s")
        .isInstanceOfSatisfying(
            Settled.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
    assertThat(store.read().get(SLOW_GROUP).balance()).isCloseTo(0.0, within(1.0));
  }
}
