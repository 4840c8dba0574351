package dev.quotacli.collect;

import dev.quotacli.cost.RequestBudget;
import java.util.function.Supplier;

/**
 * A {@link CallGuard} that spends one request of a {@link RequestBudget} per call (each page is a
 * call, and a billed Cost Explorer request) before handing it to the delegate; once the budget is
 * spent the call is not sent and fails with a non-retryable {@link FailureKind#OTHER}. Retries the
 * delegate makes inside one call are not charged: Cost Explorer bills successful requests only.
 * Thread-safe when the delegate is.
 */
public final class BudgetedCallGuard implements CallGuard {
  private final CallGuard delegate;
  private final RequestBudget budget;

  public BudgetedCallGuard(CallGuard delegate, RequestBudget budget) {
    this.delegate = delegate;
    this.budget = budget;
  }

  @Override
  public <T> T call(String service, String operation, Supplier<T> call) {
    if (!budget.tryAcquire()) {
      throw new ApiException(
          FailureKind.OTHER,
          false,
          false,
          "Cost Explorer request budget of "
              + budget.limit()
              + " reached: "
              + operation
              + " not sent");
    }
    return delegate.call(service, operation, call);
  }

  public RequestBudget budget() {
    return budget;
  }
}
