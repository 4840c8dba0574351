package dev.quotacli.aws;

import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Token (or marker) loops for the usage counters' List/Describe calls: each page goes through the
 * {@link CallGuard} on its own, so a throttled page is retried alone. Stateless.
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
    Set<String> seen = new HashSet<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String current = token;
      Page<T> p =
          guard.call(
              service,
              operation,
              () -> AwsErrors.translating(operation, () -> fetch.apply(current)));
      all.addAll(p.items());
      token = p.next();
      if (token == null || token.isEmpty()) {
        return all;
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
