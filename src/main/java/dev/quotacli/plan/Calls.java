package dev.quotacli.plan;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The calls a pass would make, by rate-limiter key (account, API region, operation): the client
 * paces each key on its own, so the busiest key bounds how short the pass can be. Not thread-safe.
 */
public final class Calls {
  /**
   * Where calls are paced.
   *
   * @param account the account id (or a placeholder where it is not known)
   * @param apiRegion the region called
   * @param op the operation
   */
  public record Key(String account, String apiRegion, Op op) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = account.compareTo(o.account);
      c = c != 0 ? c : apiRegion.compareTo(o.apiRegion);
      return c != 0 ? c : op.compareTo(o.op);
    }
  }

  private final SortedMap<Key, Range> byKey = new TreeMap<>();

  public Calls add(String account, String apiRegion, Op op, Range n) {
    if (n.max() > 0) {
      byKey.merge(new Key(account, apiRegion, op), n, Range::plus);
    }
    return this;
  }

  public Calls add(String account, String apiRegion, String service, String operation, Range n) {
    return add(account, apiRegion, new Op(service, operation), n);
  }

  public Calls addAll(Calls other) {
    other.byKey.forEach((k, v) -> byKey.merge(k, v, Range::plus));
    return this;
  }

  /** Calls by operation over every account and region. */
  public SortedMap<Op, Range> byOperation() {
    SortedMap<Op, Range> out = new TreeMap<>();
    byKey.forEach((k, v) -> out.merge(k.op(), v, Range::plus));
    return out;
  }

  public Range total() {
    return byKey.values().stream().reduce(Range.ZERO, Range::plus);
  }

  /** Calls to one service, every operation. */
  public Range of(String service) {
    return byKey.entrySet().stream()
        .filter(e -> e.getKey().op().service().equals(service))
        .map(Map.Entry::getValue)
        .reduce(Range.ZERO, Range::plus);
  }

  /** Calls of one operation. */
  public Range of(Op op) {
    return byOperation().getOrDefault(op, Range.ZERO);
  }

  /**
   * The busiest key's calls: at the client-side rate per key, the shortest a pass can be is set by
   * them (a smooth limiter lets the first call through at once).
   */
  public Range busiest() {
    long lo = 0;
    long hi = 0;
    for (Range r : byKey.values()) {
      lo = Math.max(lo, r.min());
      hi = Math.max(hi, r.max());
    }
    return new Range(lo, hi);
  }

  public Map<Key, Range> byKey() {
    return java.util.Collections.unmodifiableSortedMap(byKey);
  }
}
