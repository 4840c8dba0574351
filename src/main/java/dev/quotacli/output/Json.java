package dev.quotacli.output;

import java.util.ArrayList;
import java.util.List;

/** Minimal JSON writing for the operator's view (flat objects of strings, numbers, lists). */
final class Json {
  private Json() {}

  /** An object whose keys keep their insertion order. Not thread-safe. */
  static final class Obj {
    private final List<String> parts = new ArrayList<>();

    Obj put(String key, Object value) {
      parts.add(quote(key) + ": " + value(value));
      return this;
    }

    @Override
    public String toString() {
      return "{" + String.join(", ", parts) + "}";
    }
  }

  static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return "null";
      }
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(x -> items.add(value(x)));
      return "[" + String.join(", ", items) + "]";
    }
    return quote(v.toString());
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
