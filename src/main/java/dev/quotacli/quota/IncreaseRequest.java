package dev.quotacli.quota;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One quota increase request as Service Quotas' request history answers it.
 *
 * @param id the request id
 * @param service the service code, e.g. {@code ec2}
 * @param quotaCode the quota code
 * @param quotaName the quota name
 * @param desiredValue the value asked for
 * @param status where the request stands
 * @param created when it was made
 * @param lastUpdated when its status last changed, or null
 */
public record IncreaseRequest(
    String id,
    String service,
    String quotaCode,
    String quotaName,
    double desiredValue,
    Status status,
    Instant created,
    Instant lastUpdated) {

  /** The request statuses of the API (RequestStatus). */
  public enum Status {
    PENDING(true),
    CASE_OPENED(true),
    APPROVED(false),
    DENIED(false),
    CASE_CLOSED(false),
    NOT_APPROVED(false),
    INVALID_REQUEST(false);

    private final boolean open;

    Status(boolean open) {
      this.open = open;
    }

    /** Still waiting for an answer. */
    public boolean open() {
      return open;
    }

    /** The label value: {@code pending}, {@code case_opened}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status of an API string, or empty for one this version does not know. */
    public static Optional<Status> parse(String apiValue) {
      if (apiValue == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(valueOf(apiValue.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  public IncreaseRequest {
    if (service == null || quotaCode == null || status == null || created == null) {
      throw new IllegalArgumentException("a request needs service, quota code, status and time");
    }
  }

  /** When it was last known to change: its last update, else its creation. */
  public Instant changed() {
    return lastUpdated == null ? created : lastUpdated;
  }
}
