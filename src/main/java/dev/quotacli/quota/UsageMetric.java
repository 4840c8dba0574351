package dev.quotacli.quota;

import java.util.Map;
import java.util.TreeMap;

/**
 * The CloudWatch metric that Service Quotas says reports a quota's usage.
 *
 * @param namespace e.g. {@code AWS/Usage}
 * @param name e.g. {@code ResourceCount}
 * @param dimensions metric dimensions, sorted by name
 * @param statisticRecommendation what AWS recommends (not always right; see usage docs)
 */
public record UsageMetric(
    String namespace, String name, Map<String, String> dimensions, String statisticRecommendation) {
  public UsageMetric {
    dimensions = dimensions == null ? Map.of() : new TreeMap<>(dimensions);
  }
}
