package dev.quotacli.quota;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Picks the configured quotas out of a service's limits: the listed codes plus every quota whose
 * name matches a discovery pattern. Pure.
 */
public final class QuotaSelection {
  private QuotaSelection() {}

  /**
   * @param limits the selected limits, sorted by code
   * @param missingCodes configured codes the answer did not hold, sorted
   */
  public record Selected(List<QuotaLimit> limits, List<String> missingCodes) {
    public Selected {
      limits = List.copyOf(limits);
      missingCodes = List.copyOf(missingCodes);
    }
  }

  public static Selected select(
      Collection<QuotaLimit> limits, Collection<String> codes, List<Pattern> namePatterns) {
    Set<String> wanted = new TreeSet<>(codes);
    List<QuotaLimit> picked = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (QuotaLimit limit : limits) {
      boolean listed = wanted.contains(limit.code());
      boolean discovered =
          namePatterns.stream()
              .anyMatch(p -> limit.name() != null && p.matcher(limit.name()).find());
      if ((listed || discovered) && seen.add(limit.code())) {
        picked.add(limit);
      }
    }
    picked.sort(java.util.Comparator.comparing(QuotaLimit::code));
    List<String> missing = new ArrayList<>();
    for (String code : wanted) {
      if (!seen.contains(code)) {
        missing.add(code);
      }
    }
    return new Selected(picked, missing);
  }

  /**
   * {@link #select} of a merge given in its compact form ({@link LimitMerger#expand}), from the
   * selection of the default limits, which a pass makes once per region and service: only the
   * account's own limits are matched here, so a target costs what it holds, not the catalogue.
   * Equal to {@code select(LimitMerger.expand(defaults, overrides, withheld), codes, patterns)}
   * when {@code selectedDefaults} is {@code select(defaults, codes, patterns).limits()}.
   */
  public static Selected selectCompact(
      List<QuotaLimit> selectedDefaults,
      List<QuotaLimit> overrides,
      Collection<String> withheld,
      Collection<String> codes,
      List<Pattern> namePatterns) {
    java.util.Map<String, QuotaLimit> byCode = new java.util.TreeMap<>();
    for (QuotaLimit d : selectedDefaults) {
      byCode.put(d.code(), d);
    }
    withheld.forEach(byCode::remove);
    for (QuotaLimit o : overrides) {
      byCode.remove(o.code());
    }
    for (QuotaLimit o : select(overrides, codes, namePatterns).limits()) {
      byCode.put(o.code(), o);
    }
    List<String> missing = new ArrayList<>();
    for (String code : new TreeSet<>(codes)) {
      if (!byCode.containsKey(code)) {
        missing.add(code);
      }
    }
    return new Selected(new ArrayList<>(byCode.values()), missing);
  }
}
