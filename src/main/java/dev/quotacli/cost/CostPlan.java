package dev.quotacli.cost;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Cost Explorer requests of a run, chosen before any is sent: the parts that are due (never
 * fetched, older than the TTL, or asked differently), in the order they matter, bought while the
 * request budget lasts. Pure.
 *
 * <p>Order: by {@link CostPart.Kind#tier()} (the spend first, then forecasts, then tags and
 * rightsizing); within a tier the oldest answer first (one never fetched before any), so that runs
 * whose budget cannot cover every scope go round the whole fleet; then the larger spend first; then
 * scope, kind and detail. A part is bought when its estimated pages (each page is a billed request)
 * fit in what is left; one that does not fit is skipped and a later, smaller one may still be
 * bought.
 */
public final class CostPlan {
  /** Cost Explorer's price: $0.01 per request, every page counted. */
  public static final double USD_PER_REQUEST = 0.01;

  /**
   * A due part.
   *
   * @param part the part
   * @param fetchedAt when it was last fetched (whatever was asked then), or null if never
   * @param spend the month-to-date spend it is about (the scope's, or the linked account's), for
   *     the order; 0 if unknown
   * @param pages the requests it is expected to take: its pages the last time, else 1
   */
  public record Candidate(CostPart part, Instant fetchedAt, double spend, int pages) {
    public Candidate {
      if (pages < 1) {
        throw new IllegalArgumentException("a part takes at least one request: " + pages);
      }
    }
  }

  /** The order a budget is spent in. */
  public static final Comparator<Candidate> ORDER =
      Comparator.comparingInt((Candidate c) -> c.part().kind().tier())
          .thenComparing(
              Candidate::fetchedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(Comparator.comparingDouble(Candidate::spend).reversed())
          .thenComparing(c -> c.part().scope())
          .thenComparing(c -> c.part().kind())
          .thenComparing(c -> c.part().detail() == null ? "" : c.part().detail());

  private final List<Candidate> bought;
  private final List<Candidate> skipped;
  private final int budget;

  private CostPlan(List<Candidate> bought, List<Candidate> skipped, int budget) {
    this.bought = List.copyOf(bought);
    this.skipped = List.copyOf(skipped);
    this.budget = budget;
  }

  /**
   * @param due the parts to fetch
   * @param budget the requests left to spend, at least 0
   */
  public static CostPlan of(Collection<Candidate> due, int budget) {
    if (budget < 0) {
      throw new IllegalArgumentException("budget must be >= 0: " + budget);
    }
    List<Candidate> sorted = new ArrayList<>(due);
    sorted.sort(ORDER);
    List<Candidate> bought = new ArrayList<>();
    List<Candidate> skipped = new ArrayList<>();
    int left = budget;
    for (Candidate c : sorted) {
      if (c.pages() <= left) {
        bought.add(c);
        left -= c.pages();
      } else {
        skipped.add(c);
      }
    }
    return new CostPlan(bought, skipped, budget);
  }

  /** The parts to fetch, in order. */
  public List<Candidate> bought() {
    return bought;
  }

  /** The due parts the budget does not cover, in order. */
  public List<Candidate> skipped() {
    return skipped;
  }

  /** The requests the bought parts are expected to take. */
  public int requests() {
    return bought.stream().mapToInt(Candidate::pages).sum();
  }

  /** The requests every due part is expected to take. */
  public int requestsDue() {
    return requests() + skipped.stream().mapToInt(Candidate::pages).sum();
  }

  /**
   * The plan for {@code -v}: a summary line, each bought part with its estimate and age, and the
   * skipped parts counted by kind.
   *
   * @param title what the plan covers, e.g. {@code spend}
   * @param now for the ages
   */
  public List<String> describe(String title, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Cost Explorer plan (%s): %d parts due, ~%d requests (~$%.2f); %d requests left:"
                + " buying %d parts, ~%d requests (~$%.2f), skipping %d",
            title,
            bought.size() + skipped.size(),
            requestsDue(),
            requestsDue() * USD_PER_REQUEST,
            budget,
            bought.size(),
            requests(),
            requests() * USD_PER_REQUEST,
            skipped.size()));
    for (Candidate c : bought) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  buy  %-40s ~%d request%s, %s",
              c.part().describe(),
              c.pages(),
              c.pages() == 1 ? "" : "s",
              c.fetchedAt() == null
                  ? "never fetched"
                  : "fetched " + age(Duration.between(c.fetchedAt(), now)) + " ago"));
    }
    Map<String, Integer> byKind = new TreeMap<>();
    skipped.forEach(c -> byKind.merge(c.part().kind().label(), 1, Integer::sum));
    byKind.forEach((kind, n) -> lines.add("  skip " + n + " " + kind + " (budget)"));
    return lines;
  }

  private static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" : s + "s";
  }
}
