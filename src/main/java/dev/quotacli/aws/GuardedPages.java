package dev.quotacli.aws;

import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Token (or marker) loops for the usage counters' and the region probe's List/Describe calls: each
 * page goes through the {@link CallGuard} on its own, so a throttled page is retried alone.
 * Stateless.
 */
final class GuardedPages {
  /** Guards against an API that keeps handing out tokens. */
  static final int MAX_PAGES = 1000;

  private GuardedPages() {}

  /**
   * One page.
   *
   * @param items the page's items
   * @param next the token or marker of the next page; null or empty on the last page
   */
  record Page<T>(List<T> items, String next) {}

  /**
   * Every item of every page.
   *
   * @param fetch calls the API for the page of a token (null for the first page)
   */
  static <T> List<T> all(
      CallGuard guard, String service, String operation, Function<String, Page<T>> fetch) {
    List<T> all = new ArrayList<>();
    walk(
        guard,
        service,
        operation,
        fetch,
        items -> {
          all.addAll(items);
          return false;
        });
    return all;
  }

  /**
   * Whether an item of some page matches: reads pages until one holds a match, so a page with no
   * match (an API may answer an empty page and a token when it filters) never ends the search.
   *
   * @param fetch calls the API for the page of a token (null for the first page)
   */
  static <T> boolean any(
      CallGuard guard,
      String service,
      String operation,
      Function<String, Page<T>> fetch,
      Predicate<? super T> match) {
    return walk(guard, service, operation, fetch, items -> items.stream().anyMatch(match));
  }

  /**
   * The token loop: each page through the guard, until {@code stop} says so or the last page.
   *
   * @return whether {@code stop} ended the loop
   */
  private static <T> boolean walk(
      CallGuard guard,
      String service,
      String operation,
      Function<String, Page<T>> fetch,
      Predicate<List<T>> stop) {
    Set<String> seen = new HashSet<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String current = token;
      Page<T> p =
          guard.call(
              service,
              operation,
              () -> AwsErrors.translating(operation, () -> fetch.apply(current)));
      if (stop.test(p.items())) {
        return true;
      }
      token = p.next();
      if (token == null || token.isEmpty()) {
        return false;
      }
      if (!seen.add(token)) {
        // A partial listing would undercount: fail the target rather than report a wrong number.
        throw new ApiException(
            FailureKind.OTHER, false, false, operation + ": the same page token came back twice");
      }
    }
    throw new ApiException(
        FailureKind.OTHER, false, false, operation + ": more than " + MAX_PAGES + " pages");
  }

  /** One call that is not paginated, guarded and translated. */
  static <T> T one(CallGuard guard, String service, String operation, Supplier<T> call) {
    return guard.call(service, operation, () -> AwsErrors.translating(operation, call));
  }
}
