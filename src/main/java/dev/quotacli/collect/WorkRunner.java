package dev.quotacli.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the items of one pass, of any type: every item on one bounded pool, each settling as a value
 * or a failure and never throwing, results sorted by item. Items are submitted round-robin across
 * accounts. A group (an account in a region) can have a time allowance, spent only by its own items
 * while they run (time queued in the pool behind other accounts' work is not the group's): once the
 * group has used it, its running items are abandoned and its waiting ones skipped, so a hanging
 * endpoint costs at most its allowance. A pass deadline bounds everything. Only the calling thread
 * collects results.
 */
public final class WorkRunner {
  static final String ALLOWANCE_USED = "time budget used up by this account and region";
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final int concurrency;
  private final Duration deadline;
  private final Consumer<String> accountDone;

  /**
   * @param results one per item, sorted by item
   * @param elapsed time each group was busy: while any of its items ran (queueing not counted)
   */
  public record Outcome<I, R>(List<Settled<I, R>> results, Map<String, Duration> elapsed) {}

  /**
   * @param concurrency pool size
   * @param deadline bound on the whole pass; items still running then fail with TIMEOUT
   */
  public WorkRunner(int concurrency, Duration deadline) {
    this(concurrency, deadline, id -> {});
  }

  private WorkRunner(int concurrency, Duration deadline, Consumer<String> accountDone) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.concurrency = concurrency;
    this.deadline = deadline;
    this.accountDone = accountDone;
  }

  /**
   * This runner, telling {@code done} (on a pool thread) the id of each account once every item of
   * it has settled, so that what only its items use (its SDK clients) can be let go mid-pass.
   */
  public WorkRunner onAccountDone(Consumer<String> done) {
    return new WorkRunner(concurrency, deadline, done);
  }

  /** How many accounts take turns at a time: enough to spread the pool over many limiter keys. */
  int window() {
    return Math.max(16, 4 * concurrency);
  }

  /** Runs every item with no group allowance. */
  public <I extends WorkItem & Comparable<? super I>, R> List<Settled<I, R>> run(
      List<I> items, Function<I, R> work) {
    return run(items, work, group -> null).results();
  }

  /**
   * @param allowance a group's wall-time allowance from its first item's start, or null for none
   */
  public <I extends WorkItem & Comparable<? super I>, R> Outcome<I, R> run(
      List<I> items, Function<I, R> work, Function<String, Duration> allowance) {
    if (items.isEmpty()) {
      return new Outcome<>(List.of(), Map.of());
    }
    List<I> ordered = interleaved(items, window());
    Map<String, GroupTime> groups = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    for (I item : ordered) {
      groups.computeIfAbsent(item.group(), g -> new GroupTime());
      pending.computeIfAbsent(item.accountId(), a -> new AtomicInteger()).incrementAndGet();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(concurrency, ordered.size()), daemonThreads());
    try {
      List<Future<Settled<I, R>>> futures = new ArrayList<>();
      GroupTime[] times = new GroupTime[ordered.size()];
      Duration[] limits = new Duration[ordered.size()];
      for (int i = 0; i < ordered.size(); i++) {
        I item = ordered.get(i);
        GroupTime time = groups.get(item.group());
        Duration limit = allowance.apply(item.group());
        times[i] = time;
        limits[i] = limit;
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  try {
                    if (!time.start(index, System.nanoTime(), limit)) {
                      return new Settled.Failed<I, R>(item, FailureKind.TIMEOUT, ALLOWANCE_USED);
                    }
                    try {
                      return safely(item, work);
                    } finally {
                      time.end(index, System.nanoTime());
                    }
                  } finally {
                    if (pending.get(item.accountId()).decrementAndGet() == 0) {
                      accountDone.accept(item.accountId());
                    }
                  }
                }));
      }
      List<Settled<I, R>> sorted = new ArrayList<>(awaitAll(ordered, futures, times, limits));
      sorted.sort((a, b) -> a.item().compareTo(b.item()));
      Map<String, Duration> elapsed = new HashMap<>();
      long now = System.nanoTime();
      groups.forEach(
          (g, t) -> {
            if (t.ran()) {
              elapsed.put(g, Duration.ofNanos(t.used(now)));
            }
          });
      return new Outcome<>(sorted, elapsed);
    } finally {
      // Abandoned calls may sit in a socket read that interruption does not end: their threads are
      // daemons, so the pass waits for them only briefly.
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The items reordered round-robin across accounts, {@code window} accounts at a time: one
   * account's items share its client-side rate limits, so submitting them back to back would queue
   * the pool on a few limiter keys while other accounts wait (the benchmark measured ~1.7x); taking
   * turns among a window of accounts (not all of them) lets the first accounts finish early, so
   * what they hold (SDK clients) is let go while the pass goes on. Stable and pure.
   */
  static <I extends WorkItem> List<I> interleaved(List<I> items, int window) {
    Map<String, List<I>> byAccount = new LinkedHashMap<>();
    for (I t : items) {
      byAccount.computeIfAbsent(t.accountId(), k -> new ArrayList<>()).add(t);
    }
    List<List<I>> accounts = new ArrayList<>(byAccount.values());
    List<I> out = new ArrayList<>(items.size());
    for (int from = 0; from < accounts.size(); from += window) {
      List<List<I>> turn = accounts.subList(from, Math.min(accounts.size(), from + window));
      int size = turn.stream().mapToInt(List::size).sum();
      int start = out.size();
      for (int i = 0; out.size() - start < size; i++) {
        for (List<I> group : turn) {
          if (i < group.size()) {
            out.add(group.get(i));
          }
        }
      }
    }
    return out;
  }

  /**
   * Polls every future until all are done, abandoning those past the deadline or allowance. Each
   * item's group time and allowance are looked up once (a poll of thousands of items every 50 ms is
   * otherwise a pass's own busy work), and only the items still pending are polled.
   */
  private <I extends WorkItem, R> List<Settled<I, R>> awaitAll(
      List<I> items, List<Future<Settled<I, R>>> futures, GroupTime[] times, Duration[] limits) {
    List<Settled<I, R>> results =
        new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
    long end = System.nanoTime() + deadline.toNanos();
    int[] open = new int[items.size()];
    for (int i = 0; i < open.length; i++) {
      open[i] = i;
    }
    int pending = items.size();
    while (pending > 0) {
      long now = System.nanoTime();
      int still = 0;
      for (int k = 0; k < pending; k++) {
        int i = open[k];
        Future<Settled<I, R>> f = futures.get(i);
        I item = items.get(i);
        GroupTime time = times[i];
        if (f.isDone()) {
          results.set(i, get(item, f));
        } else if (now >= end) {
          f.cancel(true);
          time.end(i, now); // the time it ran is the group's, cut or not
          results.set(i, new Settled.Failed<>(item, FailureKind.TIMEOUT, "pass deadline reached"));
        } else if (time.exhausted(now, limits[i])) {
          f.cancel(true);
          time.end(i, now);
          results.set(i, new Settled.Failed<>(item, FailureKind.TIMEOUT, ALLOWANCE_USED));
        } else {
          open[still++] = i;
        }
      }
      pending = still;
      if (pending > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          for (int i = 0; i < items.size(); i++) {
            if (results.get(i) == null) {
              futures.get(i).cancel(true);
              results.set(
                  i, new Settled.Failed<>(items.get(i), FailureKind.TIMEOUT, "interrupted"));
            }
          }
          return results;
        }
      }
    }
    return results;
  }

  /**
   * The time one group was busy: while at least one of its items ran (overlapping items count once;
   * time its items queued in the pool does not count). Thread-safe.
   */
  static final class GroupTime {
    private long completed;
    private final java.util.Set<Integer> running = new java.util.HashSet<>();
    private long busySince;
    private boolean ran;

    /** An item starts, unless the group has used its allowance (then false). */
    synchronized boolean start(int item, long now, Duration allowance) {
      if (exhausted(now, allowance)) {
        return false;
      }
      if (running.isEmpty()) {
        busySince = now;
      }
      running.add(item);
      ran = true;
      return true;
    }

    /** An item ended, or was abandoned at {@code now}; counted once. */
    synchronized void end(int item, long now) {
      if (running.remove(item) && running.isEmpty()) {
        completed += Math.max(0, now - busySince);
      }
    }

    synchronized long used(long now) {
      return completed + (running.isEmpty() ? 0 : Math.max(0, now - busySince));
    }

    synchronized boolean exhausted(long now, Duration allowance) {
      return allowance != null && used(now) >= allowance.toNanos();
    }

    synchronized boolean ran() {
      return ran;
    }
  }

  private static <I, R> Settled<I, R> get(I item, Future<Settled<I, R>> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      return new Settled.Failed<>(item, FailureKind.OTHER, firstLine(String.valueOf(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Settled.Failed<>(item, FailureKind.TIMEOUT, "interrupted");
    } catch (CancellationException e) {
      return new Settled.Failed<>(item, FailureKind.TIMEOUT, "cancelled");
    }
  }

  static <I, R> Settled<I, R> safely(I item, Function<I, R> work) {
    try {
      return new Settled.Done<>(item, work.apply(item));
    } catch (ApiException e) {
      return new Settled.Failed<>(item, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      return new Settled.Failed<>(
          item, FailureKind.OTHER, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "work-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
