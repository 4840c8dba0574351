package dev.quotacli.collect;

import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.RequestHistory;
import java.util.List;

/** The outcome of one target: collected limits, or a failure. */
public sealed interface TargetResult extends Comparable<TargetResult>
    permits TargetResult.Collected, TargetResult.Failed, TargetResult.Degraded {

  Target target();

  @Override
  default int compareTo(TargetResult other) {
    return target().compareTo(other.target());
  }

  /** A settled quota target as a result: its value, or the failure. */
  static TargetResult of(Settled<Target, TargetResult> settled) {
    if (settled instanceof Settled.Failed<Target, TargetResult> f) {
      return new Failed(f.item(), f.kind(), f.message());
    }
    return ((Settled.Done<Target, TargetResult>) settled).value();
  }

  /**
   * @param target the target
   * @param limits the selected limits, sorted by code
   * @param fromCache true when answered from fresh cache entries (no API call)
   * @param warnings per-quota problems (ErrorReason, configured code unknown to AWS), one line each
   * @param usage usage of the quotas whose usage is known, sorted by code (usage passes only)
   * @param unknownUsage one line per quota whose usage could not be determined, with the reason
   * @param requests the quota increase requests of the target's service (open, or closed lately),
   *     or unknown; none where they were not asked
   */
  record Collected(
      Target target,
      List<QuotaLimit> limits,
      boolean fromCache,
      List<String> warnings,
      List<QuotaUsage> usage,
      List<String> unknownUsage,
      RequestHistory requests)
      implements TargetResult {
    public Collected {
      limits = List.copyOf(limits);
      warnings = List.copyOf(warnings);
      usage = usage.stream().sorted(java.util.Comparator.comparing(QuotaUsage::code)).toList();
      unknownUsage = List.copyOf(unknownUsage);
      requests = requests == null ? RequestHistory.NONE : requests;
    }

    /** A result without requests. */
    public Collected(
        Target target,
        List<QuotaLimit> limits,
        boolean fromCache,
        List<String> warnings,
        List<QuotaUsage> usage,
        List<String> unknownUsage) {
      this(target, limits, fromCache, warnings, usage, unknownUsage, RequestHistory.NONE);
    }

    /** A limits-only result. */
    public Collected(
        Target target, List<QuotaLimit> limits, boolean fromCache, List<String> warnings) {
      this(target, limits, fromCache, warnings, List.of(), List.of());
    }

    /** The same limits with usage added. */
    public Collected withUsage(
        List<QuotaUsage> usage, List<String> unknown, boolean usageFromCache) {
      return new Collected(
          target, limits, fromCache && usageFromCache, warnings, usage, unknown, requests);
    }

    /** The same result with its service's increase requests. */
    public Collected withRequests(RequestHistory history) {
      return new Collected(target, limits, fromCache, warnings, usage, unknownUsage, history);
    }
  }

  /**
   * Skipped because its account and region used up their time budget; the last cached limits are
   * still exported.
   *
   * @param target the target
   * @param cachedLimits the selected limits from the limit cache, fresh or not (may be empty)
   * @param until when the target's window ends and it runs again
   */
  record Degraded(Target target, List<QuotaLimit> cachedLimits, java.time.Instant until)
      implements TargetResult {
    public Degraded {
      cachedLimits = List.copyOf(cachedLimits);
    }
  }

  /**
   * @param target the target
   * @param kind why
   * @param message one line, never a secret
   */
  record Failed(Target target, FailureKind kind, String message) implements TargetResult {}
}
