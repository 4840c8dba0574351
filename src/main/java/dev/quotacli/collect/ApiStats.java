package dev.quotacli.collect;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts API attempts, retries and throttles by service and operation. Thread-safe. */
public final class ApiStats {
  /**
   * One service and operation.
   *
   * @param service e.g. {@code servicequotas}
   * @param operation e.g. {@code ListServiceQuotas}
   */
  public record Key(String service, String operation) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = service.compareTo(o.service);
      return c != 0 ? c : operation.compareTo(o.operation);
    }
  }

  /**
   * @param calls HTTP attempts made (each page and each retry counts)
   * @param retries attempts that were retries
   * @param throttles attempts AWS throttled
   */
  public record Counts(long calls, long retries, long throttles) {}

  private final Map<Key, LongAdder[]> counters = new ConcurrentHashMap<>();

  private LongAdder[] of(String service, String operation) {
    return counters.computeIfAbsent(
        new Key(service, operation),
        k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
  }

  /** Counts one attempt; public for SDK-internal calls (AssumeRole) counted by an interceptor. */
  public void call(String service, String operation) {
    of(service, operation)[0].increment();
  }

  void retry(String service, String operation) {
    of(service, operation)[1].increment();
  }

  void throttle(String service, String operation) {
    of(service, operation)[2].increment();
  }

  /** A sorted copy of the counts. */
  public Map<Key, Counts> snapshot() {
    Map<Key, Counts> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, new Counts(v[0].sum(), v[1].sum(), v[2].sum())));
    return out;
  }

  /** Calls to one service, all operations. */
  public long calls(String service) {
    return snapshot().entrySet().stream()
        .filter(e -> e.getKey().service().equals(service))
        .mapToLong(e -> e.getValue().calls())
        .sum();
  }
}
