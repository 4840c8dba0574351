package dev.quotacli.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quota increase requests of one account and region, or why they are unknown. Pure.
 *
 * @param requests the requests worth showing ({@link #relevant}), sorted; empty when unknown
 * @param failure why the history could not be read (one line), or null when it was
 */
public record RequestHistory(List<IncreaseRequest> requests, String failure) {
  /** How long a closed request is still shown with its outcome. */
  public static final Duration CLOSED_SHOWN_FOR = Duration.ofDays(30);

  private static final Comparator<IncreaseRequest> ORDER =
      Comparator.comparing(IncreaseRequest::service)
          .thenComparing(IncreaseRequest::quotaCode)
          .thenComparing(r -> r.status().open() ? 0 : 1)
          .thenComparing(IncreaseRequest::changed, Comparator.reverseOrder())
          .thenComparing(r -> r.id() == null ? "" : r.id());

  /** Known, and no request. */
  public static final RequestHistory NONE = new RequestHistory(List.of(), null);

  public RequestHistory {
    requests = requests.stream().sorted(ORDER).toList();
  }

  /** A history that could not be read. */
  public static RequestHistory unknown(String failure) {
    return new RequestHistory(List.of(), failure);
  }

  /** Whether the history was read (a failure is unknown, not "no request"). */
  public boolean known() {
    return failure == null;
  }

  /**
   * The requests worth showing: every open one, and the closed ones whose status changed within
   * {@link #CLOSED_SHOWN_FOR} of {@code now}; of several with the same quota and status the latest
   * (one series per quota and status).
   */
  public static RequestHistory relevant(List<IncreaseRequest> all, Instant now) {
    Instant since = now.minus(CLOSED_SHOWN_FOR);
    Map<String, IncreaseRequest> latest = new LinkedHashMap<>();
    for (IncreaseRequest r : all) {
      if (!r.status().open() && r.changed().isBefore(since)) {
        continue;
      }
      latest.merge(
          r.service() + "|" + r.quotaCode() + "|" + r.status(),
          r,
          (a, b) -> b.created().isAfter(a.created()) ? b : a);
    }
    return new RequestHistory(new ArrayList<>(latest.values()), null);
  }

  /** The requests of one service (a target's share); unknown stays unknown. */
  public RequestHistory ofService(String service) {
    if (!known()) {
      return this;
    }
    return new RequestHistory(
        requests.stream().filter(r -> r.service().equals(service)).toList(), null);
  }

  /**
   * The request to show beside a quota: its open one, else its most recently closed one; null when
   * none.
   */
  public IncreaseRequest shown(String service, String quotaCode) {
    return requests.stream()
        .filter(r -> r.service().equals(service) && r.quotaCode().equals(quotaCode))
        .findFirst()
        .orElse(null);
  }
}
