package dev.quotacli.testing;

import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.CallGuards;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * {@link CallGuards} for unit tests: no retry, no rate limit, no sleep. Every call runs the
 * supplier directly and is counted in an {@link ApiStats} by service and operation (also when it
 * throws). Remembers which account and API region each guard was made for. Thread-safe.
 */
public final class DirectCallGuards implements CallGuards {
  /**
   * One {@link #forTarget} request.
   *
   * @param accountId the account
   * @param apiRegion the API region
   */
  public record Made(String accountId, String apiRegion) {}

  private final ApiStats stats = new ApiStats();
  private final List<Made> made = new CopyOnWriteArrayList<>();

  @Override
  public CallGuard forTarget(String accountId, String apiRegion) {
    made.add(new Made(accountId, apiRegion));
    return new CallGuard() {
      @Override
      public <T> T call(String service, String operation, Supplier<T> call) {
        stats.call(service, operation);
        return call.get();
      }
    };
  }

  @Override
  public ApiStats stats() {
    return stats;
  }

  /** Calls of one service and operation so far. */
  public long calls(String service, String operation) {
    var counts = stats.snapshot().get(new ApiStats.Key(service, operation));
    return counts == null ? 0 : counts.calls();
  }

  /** Calls of every service and operation so far. */
  public long totalCalls() {
    return stats.snapshot().values().stream().mapToLong(ApiStats.Counts::calls).sum();
  }

  /** The guards made so far, oldest first. */
  public List<Made> made() {
    return List.copyOf(made);
  }
}
