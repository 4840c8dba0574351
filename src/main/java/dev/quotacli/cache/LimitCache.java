package dev.quotacli.cache;

import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The limit cache: {@code <root>/<account>/<region>/<service>.json}, one file per target, with a
 * TTL. Global services use the region directory {@code global}. Thread-safe.
 */
public final class LimitCache {
  /**
   * One target's cached limits.
   *
   * @param complete true when every quota of the service was fetched (List calls), so discovery
   *     rules and newly configured codes can be answered from it
   * @param quotas the limits, sorted by code; in a compact entry only the account's own (those not
   *     at the AWS default)
   * @param compact true when the limits at the AWS default are not held here but in the region's
   *     shared default list ({@link DefaultQuotaCache}): a service lists some 1,700 quotas per
   *     account and region, nearly all at the default, so an entry keeps what is the account's own
   *     and a pass reads the shared list once; an entry written before compact entries has no such
   *     property and reads as whole (never null once constructed)
   * @param withheld in a compact entry, codes of the default list that are not limits for the
   *     account (its applied answer carried no value), sorted; never null once constructed
   * @param listed how many quotas the account's applied list (ListServiceQuotas) answered, which
   *     says how many pages the next fetch reads (quota-cli plan); null where not known
   */
  public record Entry(
      boolean complete,
      List<QuotaLimit> quotas,
      Boolean compact,
      List<String> withheld,
      Integer listed) {
    public Entry {
      compact = Boolean.TRUE.equals(compact);
      quotas = List.copyOf(quotas);
      withheld = withheld == null ? List.of() : List.copyOf(withheld);
    }

    /** A whole entry: every limit held here. */
    public Entry(boolean complete, List<QuotaLimit> quotas) {
      this(complete, quotas, false, List.of(), null);
    }
  }

  private final Path root;
  private final Duration ttl;
  private final JsonStore store;

  public LimitCache(Path root, Duration ttl, Clock clock) {
    this.root = root;
    this.ttl = ttl;
    this.store = new JsonStore(clock);
  }

  public Path root() {
    return root;
  }

  public Path path(String accountId, Region region, String service) {
    return root.resolve(accountId).resolve(region.name()).resolve(service + ".json");
  }

  public Lookup<Entry> read(String accountId, Region region, String service) {
    return store.read(path(accountId, region, service), Entry.class, ttl);
  }

  public void write(String accountId, Region region, String service, Entry entry, Instant fetchedAt)
      throws IOException {
    store.write(path(accountId, region, service), entry, fetchedAt);
  }
}
