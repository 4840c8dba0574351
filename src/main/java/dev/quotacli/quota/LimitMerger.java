package dev.quotacli.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Service Quotas answers into effective limits: the applied value where there is one, else
 * the AWS default. Pure and stateless.
 */
public final class LimitMerger {
  private LimitMerger() {}

  /**
   * The merge of one service's applied and default quota lists.
   *
   * @param limits the usable limits, sorted by quota code
   * @param problems one line per quota whose value could not be used (an {@code ErrorReason} or no
   *     value), sorted
   */
  public record Merged(List<QuotaLimit> limits, List<String> problems) {
    public Merged {
      limits = List.copyOf(limits);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Merges the applied list (ListServiceQuotas, only quotas with an applied value) over the default
   * list (ListAWSDefaultServiceQuotas), marking an applied value equal to its default ({@link
   * QuotaLimit#atDefault}), so that a quota AWS answers as applied but nobody raised can be told
   * from a raised one. A quota whose applied answer carries an ErrorReason is not a limit: it is
   * reported and left out rather than replaced by the default, which might be lower than what the
   * account really has.
   */
  public static Merged merge(List<ApiQuota> applied, List<ApiQuota> defaults) {
    Map<String, QuotaLimit> byCode = new TreeMap<>();
    Map<String, String> problems = new TreeMap<>();
    for (ApiQuota quota : defaults) {
      usable(quota, LimitSource.DEFAULT, problems).ifPresent(l -> byCode.put(l.code(), l));
    }
    for (ApiQuota quota : applied) {
      var limit = usable(quota, LimitSource.APPLIED, problems);
      if (limit.isPresent()) {
        QuotaLimit byDefault = byCode.get(quota.code());
        byCode.put(
            quota.code(),
            byDefault == null || byDefault.value() != limit.get().value()
                ? limit.get()
                : atDefault(limit.get()));
        problems.remove(quota.code());
      } else {
        byCode.remove(quota.code());
      }
    }
    return new Merged(new ArrayList<>(byCode.values()), new ArrayList<>(problems.values()));
  }

  private static QuotaLimit atDefault(QuotaLimit applied) {
    return new QuotaLimit(
        applied.code(),
        applied.name(),
        applied.value(),
        applied.source(),
        applied.unit(),
        applied.usageMetric(),
        true);
  }

  /** The limit an answer gives, or empty (with the reason recorded) when it gives none. */
  static java.util.Optional<QuotaLimit> usable(
      ApiQuota quota, LimitSource source, Map<String, String> problems) {
    if (quota.errorReason() != null) {
      problems.put(quota.code(), quota.code() + " (" + quota.name() + "): " + quota.errorReason());
      return java.util.Optional.empty();
    }
    if (quota.value() == null || quota.value().isNaN() || quota.value() < 0) {
      problems.put(quota.code(), quota.code() + " (" + quota.name() + "): no value in the answer");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new QuotaLimit(
            quota.code(), quota.name(), quota.value(), source, quota.unit(), quota.usageMetric()));
  }
}
