package dev.quotacli.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What changed between two sets of limits of one target, one line per change. Pure. */
public final class LimitChanges {
  private LimitChanges() {}

  public static List<String> between(List<QuotaLimit> before, List<QuotaLimit> after) {
    Map<String, QuotaLimit> old = new TreeMap<>();
    before.forEach(l -> old.put(l.code(), l));
    Map<String, QuotaLimit> now = new TreeMap<>();
    after.forEach(l -> now.put(l.code(), l));
    List<String> out = new ArrayList<>();
    for (String code : new TreeSet<>(union(old, now))) {
      QuotaLimit a = old.get(code);
      QuotaLimit b = now.get(code);
      if (a == null) {
        out.add(code + " new: " + number(b.value()) + " (" + source(b) + ")");
      } else if (b == null) {
        out.add(code + " no longer reported (was " + number(a.value()) + ")");
      } else if (a.value() != b.value()) {
        out.add(
            code
                + " limit "
                + number(a.value())
                + " -> "
                + number(b.value())
                + (b.value() > a.value() ? " (up)" : " (down)")
                + (a.source() != b.source() ? ", now " + source(b) : ""));
      } else if (a.source() != b.source()) {
        out.add(code + " now " + source(b) + " at " + number(b.value()));
      }
    }
    return out;
  }

  /** Regions added (+) and removed (-), e.g. {@code +eu-west-1 -us-west-2}, or empty. */
  public static String regions(List<Region> before, List<Region> after) {
    List<String> parts = new ArrayList<>();
    after.stream().filter(r -> !before.contains(r)).sorted().forEach(r -> parts.add("+" + r));
    before.stream().filter(r -> !after.contains(r)).sorted().forEach(r -> parts.add("-" + r));
    return String.join(" ", parts);
  }

  private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    java.util.Set<String> s = new TreeSet<>(a.keySet());
    s.addAll(b.keySet());
    return s;
  }

  private static String source(QuotaLimit l) {
    return l.source() == LimitSource.APPLIED ? "applied" : "default";
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
