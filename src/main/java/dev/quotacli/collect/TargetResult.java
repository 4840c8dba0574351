package dev.quotacli.collect;

import dev.quotacli.quota.QuotaLimit;
import java.util.List;

/** The outcome of one target: collected limits, or a failure. */
public sealed interface TargetResult extends Comparable<TargetResult>
    permits TargetResult.Collected, TargetResult.Failed {

  Target target();

  @Override
  default int compareTo(TargetResult other) {
    return target().compareTo(other.target());
  }

  /**
   * @param target the target
   * @param limits the selected limits, sorted by code
   * @param fromCache true when answered from a fresh cache entry (no API call)
   * @param warnings per-quota problems (ErrorReason, configured code unknown to AWS), one line each
   */
  record Collected(Target target, List<QuotaLimit> limits, boolean fromCache, List<String> warnings)
      implements TargetResult {
    public Collected {
      limits = List.copyOf(limits);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * @param target the target
   * @param kind why
   * @param message one line, never a secret
   */
  record Failed(Target target, FailureKind kind, String message) implements TargetResult {}
}
