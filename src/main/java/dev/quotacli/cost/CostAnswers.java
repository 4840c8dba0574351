package dev.quotacli.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Cost Explorer answers, already copied out of the SDK's types into plain strings, into the
 * cost records: sums over the periods of a GetCostAndUsage answer, tag keys, rightsizing savings.
 * Pure; the {@code aws} adapter does only the copying.
 */
public final class CostAnswers {
  private CostAnswers() {}

  /**
   * One group of one ResultByTime.
   *
   * @param keys the group's Keys, in GroupBy order
   * @param amount the metric's Amount as sent (a decimal string)
   * @param unit the metric's Unit, e.g. USD
   * @param estimated the ResultByTime's Estimated flag
   */
  public record Group(List<String> keys, String amount, String unit, boolean estimated) {
    public Group {
      keys = List.copyOf(keys);
    }
  }

  /**
   * One rightsizing recommendation.
   *
   * @param accountId its AccountId
   * @param type its RightsizingType ({@code Modify} or {@code Terminate}, any case)
   * @param monthlySavings the EstimatedMonthlySavings of the recommendation (for Modify: of the
   *     first target instance), or null when AWS sent none
   */
  public record Recommendation(String accountId, String type, String monthlySavings) {}

  /**
   * Cost per linked account and service, from groups keyed [SERVICE, LINKED_ACCOUNT], summed over
   * every ResultByTime (and page); a line is estimated when any of its periods is.
   *
   * @return sorted by account, then service
   */
  public static List<CostLine> byAccountAndService(List<Group> groups) {
    record Key(String account, String service) {}
    Map<Key, CostLine> sums =
        new TreeMap<>(Comparator.comparing(Key::account).thenComparing(Key::service));
    for (Group g : groups) {
      requireKeys(g, 2);
      String service = g.keys().get(0);
      String account = g.keys().get(1);
      CostLine line =
          new CostLine(account, service, amount(g.amount()), unit(g.unit()), g.estimated());
      sums.merge(new Key(account, service), line, CostAnswers::add);
    }
    return new ArrayList<>(sums.values());
  }

  /**
   * Cost per tag value and service, from groups keyed [{@code tagKey$value}, SERVICE].
   *
   * @return sorted by value, then service; untagged spend has the empty value
   */
  public static List<TagCostLine> byTagAndService(String tagKey, List<Group> groups) {
    record Key(String value, String service) {}
    Map<Key, TagCostLine> sums =
        new TreeMap<>(Comparator.comparing(Key::value).thenComparing(Key::service));
    for (Group g : groups) {
      requireKeys(g, 2);
      String value = tagValue(tagKey, g.keys().get(0));
      String service = g.keys().get(1);
      TagCostLine line = new TagCostLine(tagKey, value, service, amount(g.amount()), g.estimated());
      sums.merge(
          new Key(value, service),
          line,
          (a, b) ->
              new TagCostLine(
                  tagKey, value, service, a.amount() + b.amount(), a.estimated() || b.estimated()));
    }
    return new ArrayList<>(sums.values());
  }

  /**
   * The value of a TAG group key: Cost Explorer answers {@code tagKey$value}, and {@code tagKey$}
   * for spend without the tag. Tag keys cannot contain {@code $}, so the value is what follows the
   * first one (a value may contain {@code $}). A key without {@code $} is taken as the value.
   */
  public static String tagValue(String tagKey, String groupKey) {
    String prefix = tagKey + "$";
    if (groupKey.startsWith(prefix)) {
      return groupKey.substring(prefix.length());
    }
    int dollar = groupKey.indexOf('$');
    return dollar < 0 ? groupKey : groupKey.substring(dollar + 1);
  }

  /**
   * Savings per account and type ({@code MODIFY}/{@code TERMINATE}), summed, with the number of
   * recommendations; a recommendation without savings counts with 0.
   *
   * @return sorted by account, then type
   */
  public static List<RightsizingSaving> rightsizing(List<Recommendation> recommendations) {
    record Key(String account, String type) {}
    Map<Key, RightsizingSaving> sums =
        new TreeMap<>(Comparator.comparing(Key::account).thenComparing(Key::type));
    for (Recommendation r : recommendations) {
      String type = r.type() == null ? "UNKNOWN" : r.type().toUpperCase(Locale.ROOT);
      double savings =
          r.monthlySavings() == null || r.monthlySavings().isBlank()
              ? 0
              : amount(r.monthlySavings());
      sums.merge(
          new Key(r.accountId(), type),
          new RightsizingSaving(r.accountId(), type, savings, 1),
          (a, b) ->
              new RightsizingSaving(
                  a.accountId(),
                  a.type(),
                  a.monthlySavings() + b.monthlySavings(),
                  a.recommendations() + b.recommendations()));
    }
    return new ArrayList<>(sums.values());
  }

  /** Sum of the ForecastResultsByTime bounds, or null when any is missing. */
  public static Double sumOrNull(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (String v : values) {
      if (v == null || v.isBlank()) {
        return null;
      }
      sum += amount(v);
    }
    return sum;
  }

  /** An Amount string as a number; Cost Explorer sends decimals such as {@code 0.0101516483}. */
  public static double amount(String amount) {
    try {
      return Double.parseDouble(amount);
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("not an amount: " + amount, e);
    }
  }

  private static String unit(String unit) {
    return unit == null || unit.isBlank() ? "USD" : unit;
  }

  private static CostLine add(CostLine a, CostLine b) {
    return new CostLine(
        a.accountId(),
        a.service(),
        a.amount() + b.amount(),
        a.unit(),
        a.estimated() || b.estimated());
  }

  private static void requireKeys(Group g, int n) {
    if (g.keys().size() != n) {
      throw new IllegalArgumentException("expected " + n + " group keys, got " + g.keys());
    }
  }
}
