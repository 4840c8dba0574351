package dev.quotacli.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small reader of Prometheus text for assertions: samples with their labels and values. */
public final class PromText {
  /**
   * @param name metric name
   * @param labels labels in file order
   * @param value the value
   */
  public record Sample(String name, Map<String, String> labels, double value) {
    public String label(String key) {
      return labels.get(key);
    }
  }

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  private PromText() {}

  public static List<Sample> parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(
              l.group(1),
              l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
        }
      }
      out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return out;
  }

  /** Samples of one metric whose labels include every given key=value pair. */
  public static List<Sample> select(List<Sample> samples, String name, String... keyValues) {
    List<Sample> out = new ArrayList<>();
    outer:
    for (Sample s : samples) {
      if (!s.name().equals(name)) {
        continue;
      }
      for (int i = 0; i < keyValues.length; i += 2) {
        if (!keyValues[i + 1].equals(s.labels().get(keyValues[i]))) {
          continue outer;
        }
      }
      out.add(s);
    }
    return out;
  }

  /** The one value of a metric with the given labels; fails when there is not exactly one. */
  public static double value(List<Sample> samples, String name, String... keyValues) {
    List<Sample> found = select(samples, name, keyValues);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + name + " " + List.of(keyValues) + ", found " + found.size());
    }
    return found.get(0).value();
  }
}
