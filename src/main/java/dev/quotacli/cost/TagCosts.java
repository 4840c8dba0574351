package dev.quotacli.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bounds the cardinality of cost-by-tag series. Pure.
 *
 * <p>Per tag key, the {@code n} tag values with the largest total (over all services) keep their
 * own value; the spend of every other tagged value is summed, per service, into {@value #OTHER}.
 * Untagged spend (Cost Explorer's empty value, {@code key$}) is always kept apart as {@value
 * #UNTAGGED} and takes no top-N slot. Ties in the ranking go to the smaller value (by string
 * order), so the same input always gives the same output.
 *
 * <p>A real tag value spelled {@value #OTHER} or {@value #UNTAGGED} shares the series of the bucket
 * of that name (amounts are summed, never two lines with the same labels).
 */
public final class TagCosts {
  /** The value the spend beyond the top N is summed into. */
  public static final String OTHER = "other";

  /** The value untagged spend is reported under. */
  public static final String UNTAGGED = "untagged";

  private TagCosts() {}

  /**
   * @param lines cost by tag value and service, possibly of several tag keys; a line's empty value
   *     is untagged spend
   * @param n how many tagged values each key keeps, at least 0
   * @return at most n + 2 values per key and service, sorted by key, value and service; amounts of
   *     lines that end with the same key, value and service are summed and their estimated flags
   *     OR-ed
   */
  public static List<TagCostLine> topN(List<TagCostLine> lines, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0: " + n);
    }
    Map<String, Map<String, Double>> totals = new HashMap<>();
    for (TagCostLine line : lines) {
      if (!line.tagValue().isEmpty()) {
        totals
            .computeIfAbsent(line.tagKey(), k -> new HashMap<>())
            .merge(line.tagValue(), line.amount(), Double::sum);
      }
    }
    Map<String, Set<String>> kept = new HashMap<>();
    totals.forEach(
        (key, byValue) -> {
          Set<String> top = new HashSet<>();
          byValue.entrySet().stream()
              .sorted(
                  Map.Entry.<String, Double>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .limit(n)
              .forEach(e -> top.add(e.getKey()));
          kept.put(key, top);
        });

    record Labels(String key, String value, String service) {}
    Comparator<Labels> order =
        Comparator.comparing(Labels::key)
            .thenComparing(Labels::value)
            .thenComparing(Labels::service);
    Map<Labels, TagCostLine> out = new TreeMap<>(order);
    for (TagCostLine line : lines) {
      String value;
      if (line.tagValue().isEmpty()) {
        value = UNTAGGED;
      } else if (kept.getOrDefault(line.tagKey(), Set.of()).contains(line.tagValue())) {
        value = line.tagValue();
      } else {
        value = OTHER;
      }
      Labels labels = new Labels(line.tagKey(), value, line.service());
      out.merge(
          labels,
          new TagCostLine(line.tagKey(), value, line.service(), line.amount(), line.estimated()),
          (a, b) ->
              new TagCostLine(
                  a.tagKey(),
                  a.tagValue(),
                  a.service(),
                  a.amount() + b.amount(),
                  a.estimated() || b.estimated()));
    }
    return new ArrayList<>(out.values());
  }

  /** Total per tag value of one key (after {@link #topN} or not), sorted by value. */
  public static Map<String, Double> totalByValue(List<TagCostLine> lines, String tagKey) {
    Map<String, Double> totals = new TreeMap<>();
    for (TagCostLine line : lines) {
      if (line.tagKey().equals(tagKey)) {
        totals.merge(line.tagValue(), line.amount(), Double::sum);
      }
    }
    return new LinkedHashMap<>(totals);
  }
}
