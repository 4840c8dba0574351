package dev.quotacli.collect;

import dev.quotacli.quota.QuotaLimit;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Counts one service's resources in one account and region over Describe/List APIs. Makes only the
 * calls that the given quotas need. A failed call loses only the quotas that need it; refused
 * credentials fail the whole count (see {@link Tally}).
 */
public interface UsageCounter {
  /**
   * What a count found.
   *
   * @param usage by quota code, for the quotas counted; a quota it cannot count is absent (never 0)
   * @param failed by quota code, the failure of a call the quota needs; never a key of {@code
   *     usage}
   */
  record Counted(Map<String, Double> usage, Map<String, ApiException> failed) {
    public Counted {
      usage = Collections.unmodifiableMap(new TreeMap<>(usage));
      failed = Collections.unmodifiableMap(new TreeMap<>(failed));
      for (String code : failed.keySet()) {
        if (usage.containsKey(code)) {
          throw new IllegalArgumentException(code + " is both counted and failed");
        }
      }
    }

    /** Every call succeeded. */
    public static Counted of(Map<String, Double> usage) {
      return new Counted(usage, Map.of());
    }
  }

  /**
   * @param quotas the target's configured quotas, with the names AWS gave them (per-instance-type
   *     SageMaker quotas are recognised by name)
   * @return usage by quota code, for the quotas this counter counts, and the quotas a failed call
   *     lost, with the failure
   * @throws ApiException when the whole count fails (refused credentials, see {@link
   *     Tally#failsTheCount})
   */
  Counted countEach(List<QuotaLimit> quotas);

  /**
   * All or nothing: the usage, or the first failure thrown.
   *
   * @return usage by quota code, for the quotas this counter counts; a quota it cannot count is
   *     absent (never 0)
   */
  default Map<String, Double> count(List<QuotaLimit> quotas) {
    Counted counted = countEach(quotas);
    if (!counted.failed().isEmpty()) {
      throw counted.failed().values().iterator().next();
    }
    return counted.usage();
  }

  /**
   * Gathers a count group by group: the quotas of a group take their values from the same calls. A
   * group whose call fails loses its quotas, with the failure, and the next group is still counted.
   * Not thread-safe (one count at a time).
   */
  final class Tally {
    private final Map<String, Double> usage = new TreeMap<>();
    private final Map<String, ApiException> failed = new TreeMap<>();

    /**
     * Whether a failure ends the whole count rather than one group: refused credentials (the
     * account's other calls would be refused as well), and any failure once the thread is
     * interrupted (the pass is over).
     */
    public static boolean failsTheCount(ApiException e) {
      return e.kind() == FailureKind.INVALID_CREDENTIALS
          || e.kind() == FailureKind.NO_CREDENTIALS
          || Thread.currentThread().isInterrupted();
    }

    /**
     * Makes calls for a group of quotas.
     *
     * @param codes the group's quotas: those lost if a call fails
     * @param call the calls
     * @return what the calls returned, or empty if one failed
     * @throws ApiException if the failure {@link #failsTheCount}
     */
    public <T> Optional<T> attempt(Collection<String> codes, Supplier<T> call) {
      try {
        return Optional.of(call.get());
      } catch (ApiException e) {
        if (failsTheCount(e)) {
          throw e;
        }
        for (String code : codes) {
          if (!usage.containsKey(code)) {
            failed.putIfAbsent(code, e);
          }
        }
        return Optional.empty();
      }
    }

    /**
     * Counts a group of quotas: {@link #attempt}, keeping the values it returns (but for a quota an
     * earlier group lost: groups do not overlap, and a failure is not overwritten).
     */
    public Tally group(Collection<String> codes, Supplier<Map<String, Double>> count) {
      attempt(codes, count)
          .ifPresent(
              values ->
                  values.forEach(
                      (code, value) -> {
                        if (!failed.containsKey(code)) {
                          usage.put(code, value);
                        }
                      }));
      return this;
    }

    public Counted counted() {
      return new Counted(usage, failed);
    }
  }
}
