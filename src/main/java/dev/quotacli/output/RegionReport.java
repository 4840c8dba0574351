package dev.quotacli.output;

import dev.quotacli.collect.RegionDiscoverer.Discovery;
import dev.quotacli.quota.Region;
import java.util.ArrayList;
import java.util.List;

/** The discover-regions view: account → active regions, as a table or JSON. Pure. */
public final class RegionReport {
  private RegionReport() {}

  public static String table(List<Discovery> discoveries) {
    StringBuilder out = new StringBuilder();
    int idWidth = "ACCOUNT".length();
    int nameWidth = "NAME".length();
    for (Discovery d : discoveries) {
      nameWidth = Math.max(nameWidth, d.account().name().length());
      idWidth = Math.max(idWidth, 12);
    }
    String format = "%-" + idWidth + "s  %-" + nameWidth + "s  %s";
    out.append(String.format(format, "ACCOUNT", "NAME", "ACTIVE REGIONS").stripTrailing())
        .append('\n');
    for (Discovery d : discoveries) {
      String list =
          d.active().isEmpty()
              ? "(none)"
              : String.join(",", d.active().stream().map(Region::name).toList());
      String regions =
          d.ok()
              ? list
              : d.usedPrevious()
                  ? list
                      + " (previous list of "
                      + d.previousFetchedAt()
                      + "; FAILED: "
                      + d.failure()
                      + ")"
                  : "FAILED: " + d.failure();
      out.append(
              String.format(format, d.account().id(), d.account().name(), regions).stripTrailing())
          .append('\n');
      for (String s : d.skipped()) {
        out.append(String.format(format, "", "", "  skipped " + s).stripTrailing()).append('\n');
      }
    }
    return out.toString();
  }

  /** The discover-regions textfile: one series per active region, and the self-metrics. */
  public static String textfile(
      dev.quotacli.collect.RunSummary run, List<Discovery> discoveries, String version) {
    Families f = new Families();
    f.gauge(
        ACTIVE,
        "1 for each region quota-cli found active (enabled, holding a resource of a configured counted service) in an account.",
        "cloud",
        "account_id",
        "account_name",
        "region");
    for (Discovery d : discoveries) {
      for (Region r : d.active()) {
        f.add(ACTIVE, 1, "aws", d.account().id().value(), d.account().name(), r.name());
      }
    }
    SelfMetrics.add(f, run, version);
    return f.render();
  }

  static final String ACTIVE = "quota_cli_active_region";

  public static String json(List<Discovery> discoveries) {
    List<String> items = new ArrayList<>();
    for (Discovery d : discoveries) {
      items.add(
          new Json.Obj()
              .put("account_id", d.account().id().value())
              .put("account_name", d.account().name())
              .put("active_regions", d.active().stream().map(Region::name).toList())
              .put("skipped_regions", d.skipped())
              .put("error", d.failure())
              .put("from_cache", d.fromCache())
              .put(
                  "previous_list_from",
                  d.previousFetchedAt() == null ? null : d.previousFetchedAt().toString())
              .toString());
    }
    return items.isEmpty() ? "[]\n" : "[\n  " + String.join(",\n  ", items) + "\n]\n";
  }
}
