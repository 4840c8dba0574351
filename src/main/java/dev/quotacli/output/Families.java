package dev.quotacli.output;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds gauge families and renders them in the Prometheus text format: one HELP and TYPE per
 * family, families sorted by name, samples by label values, no timestamps. A sample is never
 * dropped: {@link #add} fails on a label set the family already has (two values for one series is a
 * renderer bug), and {@link #sum} adds to it where summing is the meaning (spend of one tag value
 * over several Cost Explorer scopes). Not thread-safe; one per rendering.
 */
final class Families {
  private record Family(String help, List<String> labelNames, Map<List<String>, Double> samples) {}

  private final Map<String, Family> families = new TreeMap<>();

  /** Declares a gauge family (idempotent; the first HELP wins). */
  Families gauge(String name, String help, String... labelNames) {
    families.computeIfAbsent(
        name, n -> new Family(help, List.of(labelNames), new LinkedHashMap<>()));
    return this;
  }

  /** Marks a label a sample does not have (see {@link #addWithout}). */
  private static final String ABSENT = "\u0000";

  /**
   * Adds a sample whose null label values are left out of it: a family whose samples differ in the
   * labels they have (an account-wide item has no region).
   */
  void addWithout(String name, double value, String... labelValues) {
    String[] marked = labelValues.clone();
    for (int i = 0; i < marked.length; i++) {
      marked[i] = marked[i] == null ? ABSENT : marked[i];
    }
    add(name, value, marked);
  }

  /**
   * Adds a sample; label values in the family's label order.
   *
   * @throws IllegalStateException when the family already has a sample with these labels: the
   *     renderer would otherwise export one of two values and drop the other unseen
   */
  void add(String name, double value, String... labelValues) {
    Family f = family(name, labelValues);
    List<String> key = key(labelValues);
    Double before = f.samples().putIfAbsent(key, value);
    if (before != null) {
      throw new IllegalStateException(
          "repeated sample "
              + name
              + labels(f, key)
              + " ("
              + before
              + ", then "
              + value
              + "): a renderer bug, no sample is dropped");
    }
  }

  /**
   * Adds a sample, or adds its value to the sample with the same labels: for series that are sums
   * over the parts a pass collected apart (e.g. the tag spend of several Cost Explorer scopes).
   */
  void sum(String name, double value, String... labelValues) {
    Family f = family(name, labelValues);
    f.samples().merge(key(labelValues), value, Double::sum);
  }

  private Family family(String name, String[] labelValues) {
    Family f = families.get(name);
    if (f == null || f.labelNames().size() != labelValues.length) {
      throw new IllegalArgumentException("bad sample for " + name);
    }
    return f;
  }

  private static List<String> key(String[] labelValues) {
    List<String> key = new ArrayList<>();
    for (String v : labelValues) {
      key.add(v == null ? "" : v);
    }
    return List.copyOf(key);
  }

  private static String labels(Family f, List<String> key) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < key.size(); i++) {
      if (!ABSENT.equals(key.get(i))) {
        b.append(b.length() > 1 ? "," : "")
            .append(f.labelNames().get(i))
            .append("=\"")
            .append(key.get(i))
            .append('"');
      }
    }
    return b.append('}').toString();
  }

  String render() {
    List<MetricFamilySamples> out = new ArrayList<>();
    families.forEach(
        (name, f) -> {
          if (f.samples().isEmpty()) {
            return; // a HELP/TYPE with no sample says nothing
          }
          List<Sample> samples = new ArrayList<>();
          List<List<String>> keys = new ArrayList<>(f.samples().keySet());
          keys.sort(Families::compareLists);
          for (List<String> key : keys) {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
              if (!ABSENT.equals(key.get(i))) {
                names.add(f.labelNames().get(i));
                values.add(key.get(i));
              }
            }
            samples.add(new Sample(name, names, values, f.samples().get(key)));
          }
          out.add(new MetricFamilySamples(name, Collector.Type.GAUGE, f.help(), samples));
        });
    TextBuffer w = new TextBuffer();
    try {
      TextFormat.write004(w, Collections.enumeration(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static int compareLists(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Comparator.<Integer>naturalOrder().compare(a.size(), b.size());
  }
}
