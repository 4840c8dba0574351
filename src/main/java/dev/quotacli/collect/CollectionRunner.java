package dev.quotacli.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one pass: every target on one bounded pool, each task returning a {@link TargetResult} and
 * never throwing, results sorted by target. Targets can be grouped (account × region) with a
 * wall-time allowance per group: once a group has used it, its running tasks are abandoned and its
 * waiting ones skipped, so a hanging endpoint costs at most its allowance. Only the calling thread
 * collects results.
 */
public final class CollectionRunner {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final int concurrency;
  private final Duration deadline;

  /**
   * How targets are grouped for time allowances.
   *
   * @param groupOf the group of a target (e.g. {@code account/region})
   * @param allowance a group's wall-time allowance from its first task's start, or null for none
   */
  public record Groups(Function<Target, String> groupOf, Function<String, Duration> allowance) {
    public static final Groups NONE = new Groups(t -> "", g -> null);
  }

  /**
   * @param results one per target, sorted
   * @param elapsed wall time of each group, from its first task's start to its last task's end
   */
  public record Outcome(List<TargetResult> results, Map<String, Duration> elapsed) {}

  /**
   * @param concurrency pool size
   * @param deadline bound on the whole pass; targets still running then fail with TIMEOUT
   */
  public CollectionRunner(int concurrency, Duration deadline) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.concurrency = concurrency;
    this.deadline = deadline;
  }

  public List<TargetResult> run(List<Target> targets, Function<Target, TargetResult> work) {
    return run(targets, work, Groups.NONE).results();
  }

  public Outcome run(List<Target> targets, Function<Target, TargetResult> work, Groups groups) {
    if (targets.isEmpty()) {
      return new Outcome(List.of(), Map.of());
    }
    targets = interleaved(targets);
    Map<String, Long> started = new ConcurrentHashMap<>();
    Map<String, Long> ended = new ConcurrentHashMap<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(concurrency, targets.size()), daemonThreads());
    try {
      List<Future<TargetResult>> futures = new ArrayList<>();
      for (Target target : targets) {
        String group = groups.groupOf().apply(target);
        futures.add(
            pool.submit(
                () -> {
                  long now = System.nanoTime();
                  started.putIfAbsent(group, now);
                  if (exhausted(groups, group, started, now)) {
                    return new TargetResult.Failed(
                        target,
                        FailureKind.TIMEOUT,
                        "time budget used up by this account and region");
                  }
                  try {
                    return safely(target, work);
                  } finally {
                    ended.merge(group, System.nanoTime(), Math::max);
                  }
                }));
      }
      TargetResult[] results = awaitAll(targets, futures, groups, started, ended);
      List<TargetResult> sorted = new ArrayList<>(List.of(results));
      sorted.sort(null);
      Map<String, Duration> elapsed = new HashMap<>();
      started.forEach(
          (g, s) -> elapsed.put(g, Duration.ofNanos(Math.max(0, ended.getOrDefault(g, s) - s))));
      return new Outcome(sorted, elapsed);
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The targets reordered round-robin across accounts: one account's targets share its client-side
   * rate limits, so submitting them back to back would queue the pool on a few limiter keys while
   * other accounts wait (the benchmark measured ~1.7x). Stable and pure.
   */
  static List<Target> interleaved(List<Target> targets) {
    Map<String, List<Target>> byAccount = new java.util.LinkedHashMap<>();
    for (Target t : targets) {
      byAccount.computeIfAbsent(t.accountId(), k -> new ArrayList<>()).add(t);
    }
    List<Target> out = new ArrayList<>(targets.size());
    for (int i = 0; out.size() < targets.size(); i++) {
      for (List<Target> group : byAccount.values()) {
        if (i < group.size()) {
          out.add(group.get(i));
        }
      }
    }
    return out;
  }

  /**
   * Polls every future until all are done, abandoning those past the deadline or their allowance.
   */
  private TargetResult[] awaitAll(
      List<Target> targets,
      List<Future<TargetResult>> futures,
      Groups groups,
      Map<String, Long> started,
      Map<String, Long> ended) {
    TargetResult[] results = new TargetResult[targets.size()];
    long end = System.nanoTime() + deadline.toNanos();
    int pending = targets.size();
    while (pending > 0) {
      long now = System.nanoTime();
      for (int i = 0; i < results.length; i++) {
        if (results[i] != null) {
          continue;
        }
        Future<TargetResult> f = futures.get(i);
        String group = groups.groupOf().apply(targets.get(i));
        if (f.isDone()) {
          results[i] = get(targets.get(i), f);
        } else if (now >= end) {
          f.cancel(true);
          results[i] =
              new TargetResult.Failed(targets.get(i), FailureKind.TIMEOUT, "pass deadline reached");
        } else if (exhausted(groups, group, started, now)) {
          f.cancel(true);
          ended.merge(group, now, Math::max);
          results[i] =
              new TargetResult.Failed(
                  targets.get(i),
                  FailureKind.TIMEOUT,
                  "time budget used up by this account and region");
        } else {
          continue;
        }
        pending--;
      }
      if (pending > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
              futures.get(i).cancel(true);
              results[i] =
                  new TargetResult.Failed(targets.get(i), FailureKind.TIMEOUT, "interrupted");
            }
          }
          return results;
        }
      }
    }
    return results;
  }

  private static boolean exhausted(
      Groups groups, String group, Map<String, Long> started, long now) {
    Duration allowance = groups.allowance().apply(group);
    Long start = started.get(group);
    return allowance != null && start != null && now - start >= allowance.toNanos();
  }

  private static TargetResult get(Target target, Future<TargetResult> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      return new TargetResult.Failed(
          target, FailureKind.OTHER, firstLine(String.valueOf(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TargetResult.Failed(target, FailureKind.TIMEOUT, "interrupted");
    } catch (java.util.concurrent.CancellationException e) {
      return new TargetResult.Failed(target, FailureKind.TIMEOUT, "cancelled");
    }
  }

  static TargetResult safely(Target target, Function<Target, TargetResult> work) {
    try {
      return work.apply(target);
    } catch (ApiException e) {
      return new TargetResult.Failed(target, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      return new TargetResult.Failed(
          target,
          FailureKind.OTHER,
          e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "collect-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
