package dev.quotacli.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one pass: every target on one bounded pool, each task returning a {@link TargetResult}
 * and never throwing, results sorted by target. Only the calling thread collects results.
 */
public final class CollectionRunner {
  private final int concurrency;
  private final Duration deadline;

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
    if (targets.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, targets.size()), daemonThreads());
    try {
      List<Future<TargetResult>> futures = new ArrayList<>();
      for (Target target : targets) {
        futures.add(pool.submit(() -> safely(target, work)));
      }
      long end = System.nanoTime() + deadline.toNanos();
      List<TargetResult> results = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        results.add(await(targets.get(i), futures.get(i), end));
      }
      results.sort(null);
      return results;
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static TargetResult safely(Target target, Function<Target, TargetResult> work) {
    try {
      return work.apply(target);
    } catch (ApiException e) {
      return new TargetResult.Failed(target, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      return new TargetResult.Failed(
          target, FailureKind.OTHER, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }
  }

  private static TargetResult await(Target target, Future<TargetResult> future, long endNanos) {
    try {
      return future.get(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new TargetResult.Failed(target, FailureKind.TIMEOUT, "pass deadline reached");
    } catch (ExecutionException e) {
      return new TargetResult.Failed(target, FailureKind.OTHER, firstLine(String.valueOf(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TargetResult.Failed(target, FailureKind.TIMEOUT, "interrupted");
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
