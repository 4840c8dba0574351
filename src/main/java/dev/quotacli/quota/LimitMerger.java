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
   * @param withheld codes of the default list left out because their applied answer carried no
   *     usable value, sorted
   */
  public record Merged(List<QuotaLimit> limits, List<String> problems, List<String> withheld) {
    public Merged {
      limits = List.copyOf(limits);
      problems = List.copyOf(problems);
      withheld = List.copyOf(withheld);
    }

    /**
     * What an account has of its own: the limits that are not the AWS default (raised, lowered, or
     * with no default to compare with). With {@link #withheld} and the default list it gives back
     * {@link #limits} ({@link #expand}).
     */
    public List<QuotaLimit> overrides() {
      return limits.stream().filter(QuotaLimit::differsFromDefault).toList();
    }
  }

  /**
   * Merges the applied list (ListServiceQuotas, only quotas with an applied value) over the default
   * list (ListAWSDefaultServiceQuotas). An applied value equal to its default is the default (AWS
   * answers many quotas nobody raised as applied), so that only a raised or lowered quota reads as
   * applied, and an account's own limits are exactly {@link Merged#overrides}. A quota whose
   * applied answer carries an ErrorReason is not a limit: it is reported and left out rather than
   * replaced by the default, which might be lower than what the account really has. A raised or
   * lowered applied value carries its default ({@link QuotaLimit#defaultValue}) where the default
   * list has the quota.
   */
  public static Merged merge(List<ApiQuota> applied, List<ApiQuota> defaults) {
    Map<String, QuotaLimit> byCode = new TreeMap<>();
    Map<String, String> problems = new TreeMap<>();
    java.util.Set<String> withheld = new java.util.TreeSet<>();
    for (ApiQuota quota : defaults) {
      usable(quota, LimitSource.DEFAULT, problems).ifPresent(l -> byCode.put(l.code(), l));
    }
    for (ApiQuota quota : applied) {
      var limit = usable(quota, LimitSource.APPLIED, problems);
      if (limit.isPresent()) {
        QuotaLimit byDefault = byCode.get(quota.code());
        if (byDefault == null) {
          byCode.put(quota.code(), limit.get());
        } else if (byDefault.value() != limit.get().value()) {
          byCode.put(quota.code(), limit.get().withDefault(byDefault.value()));
        }
        problems.remove(quota.code());
      } else if (byCode.remove(quota.code()) != null) {
        withheld.add(quota.code());
      }
    }
    return new Merged(
        new ArrayList<>(byCode.values()),
        new ArrayList<>(problems.values()),
        new ArrayList<>(withheld));
  }

  /**
   * The usable limits of a default list, as {@link #merge} would take them: sorted by code, the
   * answers without a value left out.
   */
  public static List<QuotaLimit> defaultLimits(List<ApiQuota> defaults) {
    Map<String, QuotaLimit> byCode = new TreeMap<>();
    Map<String, String> ignored = new TreeMap<>();
    for (ApiQuota quota : defaults) {
      usable(quota, LimitSource.DEFAULT, ignored).ifPresent(l -> byCode.put(l.code(), l));
    }
    return List.copyOf(byCode.values());
  }

  /**
   * A merge rebuilt from its compact form: the default limits ({@link #defaultLimits}) without the
   * withheld codes, with the account's overrides in their place. Equal to {@link Merged#limits} for
   * the default list it was merged with.
   */
  public static List<QuotaLimit> expand(
      List<QuotaLimit> defaultLimits,
      List<QuotaLimit> overrides,
      java.util.Collection<String> withheld) {
    Map<String, QuotaLimit> byCode = new TreeMap<>();
    for (QuotaLimit d : defaultLimits) {
      byCode.put(d.code(), d);
    }
    withheld.forEach(byCode::remove);
    for (QuotaLimit o : overrides) {
      byCode.put(o.code(), o);
    }
    return new ArrayList<>(byCode.values());
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
