package dev.quotacli.collect;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.quota.Region;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WorkRunnerTest {
  /** The runner's settled targets as quota results. */
  private static List<TargetResult> run(
      WorkRunner runner, List<Target> targets, Function<Target, TargetResult> work) {
    return runner.run(targets, work).stream().map(TargetResult::of).toList();
  }

  private static List<Target> targets(String... ids) {
    List<Target> out = new ArrayList<>();
    for (String id : ids) {
      out.add(new Target(anAccount(id), new Region("eu-west-1"), "ec2"));
    }
    return out;
  }

  @Test
  void oneFailingTargetDoesNotStopTheOthersAndResultsAreSorted() {
    var results =
        run(
            new WorkRunner(4, Duration.ofSeconds(10)),
            targets("333333333333", "111111111111", "222222222222"),
            t -> {
              if (t.accountId().equals("222222222222")) {
                throw new ApiException(FailureKind.INVALID_CREDENTIALS, false, false, "bad key");
              }
              if (t.accountId().equals("333333333333")) {
                throw new IllegalStateException("bug\nsecond line");
              }
              return new TargetResult.Collected(t, List.of(), false, List.of());
            });

    assertThat(results)
        .extracting(r -> r.target().accountId())
        .containsExactly("111111111111", "222222222222", "333333333333");
    assertThat(results.get(0)).isInstanceOf(TargetResult.Collected.class);
    assertThat(results.get(1))
        .isEqualTo(
            new TargetResult.Failed(
                results.get(1).target(), FailureKind.INVALID_CREDENTIALS, "bad key"));
    assertThat(((TargetResult.Failed) results.get(2)).message())
        .isEqualTo("IllegalStateException: bug");
  }

  @Test
  void targetsStillRunningAtTheDeadlineFailWithTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    var results =
        run(
            new WorkRunner(2, Duration.ofMillis(200)),
            targets("111111111111", "222222222222"),
            t -> {
              if (t.accountId().equals("222222222222")) {
                try {
                  never.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return new TargetResult.Collected(t, List.of(), false, List.of());
            });

    assertThat(results.get(0)).isInstanceOf(TargetResult.Collected.class);
    assertThat(results.get(1))
        .isInstanceOfSatisfying(
            TargetResult.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
  }

  @Test
  void poolRunsTargetsConcurrently() throws Exception {
    // With 3 threads, 3 targets that each wait for all three to start finish; serially they would
    // time out.
    CountDownLatch allStarted = new CountDownLatch(3);
    var results =
        run(
            new WorkRunner(3, Duration.ofSeconds(10)),
            targets("111111111111", "222222222222", "333333333333"),
            t -> {
              allStarted.countDown();
              try {
                if (!allStarted.await(5, TimeUnit.SECONDS)) {
                  return new TargetResult.Failed(t, FailureKind.TIMEOUT, "not concurrent");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new TargetResult.Collected(t, List.of(), false, List.of());
            });

    assertThat(results).allMatch(r -> r instanceof TargetResult.Collected);
  }

  @Test
  void aGroupPastItsAllowanceIsAbandonedWithoutSlowingTheOthers() {
    CountDownLatch never = new CountDownLatch(1);
    var slow = new Target(anAccount("111111111111"), new Region("eu-west-1"), "ec2");
    var slowToo = new Target(anAccount("111111111111"), new Region("eu-west-1"), "ebs");
    var fast = new Target(anAccount("222222222222"), new Region("eu-west-1"), "ec2");
    Function<String, Duration> allowance =
        g -> g.equals("111111111111/eu-west-1") ? Duration.ofMillis(300) : null;

    long start = System.nanoTime();
    var outcome =
        new WorkRunner(2, Duration.ofSeconds(30))
            .<Target, TargetResult>run(
                List.of(slow, slowToo, fast),
                t -> {
                  if (t.accountId().equals("111111111111")) {
                    try {
                      never.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  return new TargetResult.Collected(t, List.of(), false, List.of());
                },
                allowance);
    var results = outcome.results().stream().map(TargetResult::of).toList();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isLessThan(5000);
    assertThat(results)
        .filteredOn(r -> r.target().accountId().equals("111111111111"))
        .allSatisfy(
            r ->
                assertThat(r)
                    .isInstanceOfSatisfying(
                        TargetResult.Failed.class,
                        f ->
                            assertThat(f.message())
                                .isEqualTo("time budget used up by this account and region")));
    assertThat(results)
        .filteredOn(r -> r.target().equals(fast))
        .singleElement()
        .isInstanceOf(TargetResult.Collected.class);
    assertThat(outcome.elapsed().get("111111111111/eu-west-1"))
        .isBetween(Duration.ofMillis(250), Duration.ofMillis(2000));
  }

  @Test
  void targetsAreSubmittedRoundRobinAcrossAccounts() {
    var a1 = new Target(anAccount("111111111111"), new Region("eu-west-1"), "ec2");
    var a2 = new Target(anAccount("111111111111"), new Region("eu-west-1"), "ebs");
    var a3 = new Target(anAccount("111111111111"), new Region("us-east-1"), "ec2");
    var b1 = new Target(anAccount("222222222222"), new Region("eu-west-1"), "ec2");
    var c1 = new Target(anAccount("333333333333"), new Region("eu-west-1"), "ec2");
    var c2 = new Target(anAccount("333333333333"), new Region("eu-west-1"), "ebs");

    assertThat(WorkRunner.interleaved(List.of(a1, a2, a3, b1, c1, c2), 16))
        .containsExactly(a1, b1, c1, a2, c2, a3);
    // Two accounts at a time: the first two take turns and are done before the third starts.
    assertThat(WorkRunner.interleaved(List.of(a1, a2, a3, b1, c1, c2), 2))
        .containsExactly(a1, b1, a2, a3, c1, c2);
  }

  @Test
  void eachAccountIsReportedDoneOnceWhenItsLastItemHasSettled() {
    List<Target> items = new ArrayList<>(targets("111111111111", "222222222222"));
    items.add(new Target(anAccount("111111111111"), new Region("us-east-1"), "ebs"));
    List<String> done = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.Map<String, Integer> settledBefore = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger settled =
        new java.util.concurrent.atomic.AtomicInteger();

    var results =
        new WorkRunner(2, Duration.ofSeconds(10))
            .onAccountDone(
                id -> {
                  done.add(id);
                  settledBefore.put(id, settled.get());
                })
            .run(
                items,
                t -> {
                  if (t.accountId().equals("111111111111")) {
                    settled.incrementAndGet();
                  }
                  if (t.service().equals("ebs")) {
                    throw new IllegalStateException("boom"); // a failed item settles too
                  }
                  return t.describe();
                });

    assertThat(results).hasSize(3);
    assertThat(done).containsExactlyInAnyOrder("111111111111", "222222222222");
    assertThat(settledBefore.get("111111111111")).isEqualTo(2);
  }

  @Test
  void aGroupIsChargedTheTimeItsItemsRanNotTheTimeTheyQueued() {
    // One worker: account 1's two items wait behind account 2's three slow ones.
    var a1 = new Target(anAccount("111111111111"), new Region("eu-west-1"), "ec2");
    var a2 = new Target(anAccount("111111111111"), new Region("eu-west-1"), "ebs");
    List<Target> items = new ArrayList<>(List.of(a1, a2));
    for (String service : List.of("ec2", "ebs", "elb")) {
      items.add(new Target(anAccount("222222222222"), new Region("eu-west-1"), service));
    }
    var outcome =
        new WorkRunner(1, Duration.ofSeconds(30))
            .<Target, TargetResult>run(
                items,
                t -> {
                  sleep(t.accountId().equals("111111111111") ? 20 : 200);
                  return new TargetResult.Collected(t, List.of(), false, List.of());
                },
                g -> null);

    // Account 1's span covers account 2's 400 ms between its items; its charge does not.
    assertThat(outcome.elapsed().get("111111111111/eu-west-1"))
        .isBetween(Duration.ofMillis(40), Duration.ofMillis(300));
    assertThat(outcome.elapsed().get("222222222222/eu-west-1"))
        .isGreaterThanOrEqualTo(Duration.ofMillis(600));
  }

  @Test
  void anItemCutByTheDeadlineIsChargedTheTimeItRan() {
    var hanging = new Target(anAccount("111111111111"), new Region("eu-west-1"), "ec2");
    var outcome =
        new WorkRunner(1, Duration.ofMillis(300))
            .<Target, TargetResult>run(
                List.of(hanging),
                t -> {
                  sleep(5_000);
                  return new TargetResult.Collected(t, List.of(), false, List.of());
                },
                g -> null);

    assertThat(TargetResult.of(outcome.results().get(0)))
        .isInstanceOfSatisfying(
            TargetResult.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
    assertThat(outcome.elapsed().get("111111111111/eu-west-1"))
        .isBetween(Duration.ofMillis(250), Duration.ofMillis(2_000));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
