package dev.quotacli.cache;

import java.time.Instant;
import java.util.Optional;

/** What a cache read found. */
public sealed interface Lookup<T>
    permits Lookup.Fresh, Lookup.Stale, Lookup.Missing, Lookup.Corrupt {

  /**
   * @param data the cached data @param fetchedAt when it was fetched
   */
  record Fresh<T>(T data, Instant fetchedAt) implements Lookup<T> {}

  /** Older than the TTL. @param data the cached data @param fetchedAt when it was fetched */
  record Stale<T>(T data, Instant fetchedAt) implements Lookup<T> {}

  /** No entry. */
  record Missing<T>() implements Lookup<T> {}

  /** Unreadable. @param reason one line: file and what is wrong */
  record Corrupt<T>(String reason) implements Lookup<T> {}

  /** The cached data whatever its age (fresh or stale); empty when missing or unreadable. */
  default Optional<T> anyAge() {
    if (this instanceof Fresh<T> f) {
      return Optional.of(f.data());
    }
    if (this instanceof Stale<T> s) {
      return Optional.of(s.data());
    }
    return Optional.empty();
  }
}
