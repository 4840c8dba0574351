package dev.quotacli.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The last account list the CMDB gave ({@code <root>/accounts.json}): ids, names, role ARNs,
 * external ids and regions, never keys or passwords. Used when the CMDB is unreachable.
 */
public final class AccountListCache {
  /**
   * One account as cached.
   *
   * @param accountId the id
   * @param accountName the name
   * @param roleArn the role to assume, or null for a static-key account
   * @param externalId the ExternalId (AWS: not a secret), or null
   * @param regions configured regions
   */
  public record CachedAccount(
      String accountId,
      String accountName,
      String roleArn,
      String externalId,
      List<String> regions) {
    public CachedAccount {
      regions = regions == null ? List.of() : List.copyOf(regions);
    }
  }

  /**
   * @param accounts every usable account of the last successful read
   */
  public record Entry(List<CachedAccount> accounts) {
    public Entry {
      accounts = List.copyOf(accounts);
    }
  }

  /**
   * @param entry the list
   * @param fetchedAt when it was read from the CMDB
   */
  public record Cached(Entry entry, Instant fetchedAt) {}

  private final Path root;
  private final JsonStore store;

  public AccountListCache(Path root, Clock clock) {
    this.root = root;
    this.store = new JsonStore(clock);
  }

  public Path path() {
    return root.resolve("accounts.json");
  }

  /** The cached list if it is no older than {@code maxAge}. */
  public Optional<Cached> read(Duration maxAge) {
    Lookup<Entry> l = store.read(path(), Entry.class, maxAge);
    return l instanceof Lookup.Fresh<Entry> f
        ? Optional.of(new Cached(f.data(), f.fetchedAt()))
        : Optional.empty();
  }

  public void write(Entry entry) throws IOException {
    store.write(path(), entry, store.clock().instant());
  }
}
