package dev.quotacli.cost;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cap on billed requests (Cost Explorer charges $0.01 per request, each page being one): a
 * counter that hands out at most {@code limit} permits. Thread-safe; pure (no clock, no I/O).
 */
public final class RequestBudget {
  private final int limit;
  private final AtomicInteger used = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  /**
   * @param limit the number of requests allowed, at least 0
   */
  public RequestBudget(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
    this.limit = limit;
  }

  /** Takes one request from the budget; false (and nothing taken) when it is spent. */
  public boolean tryAcquire() {
    while (true) {
      int now = used.get();
      if (now >= limit) {
        refused.incrementAndGet();
        return false;
      }
      if (used.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  public int limit() {
    return limit;
  }

  /** Requests taken so far. */
  public int used() {
    return used.get();
  }

  /** Requests refused so far (asked for once the budget was spent). */
  public int refused() {
    return refused.get();
  }

  public int remaining() {
    return limit - used.get();
  }
}
