package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.quota.Region;
import java.util.Comparator;

/**
 * How one work item of a pass ended, as the self-metrics report it: an account, and where the work
 * is narrower, a region and a service. No invented region or service: region discovery reports
 * accounts, a cost scope an account, the run-rate an account in a region.
 *
 * @param account the account
 * @param region the region, or null where the work is account-wide
 * @param service the Service Quotas service code, or null where the work is not one service's
 * @param state ok, failed or degraded
 * @param failure why it failed, or null
 * @param message the failure's one line, or null
 * @param fromCache answered from fresh cache entries with no API call
 * @param problems configured quotas AWS answered without a usable value
 */
public record WorkStatus(
    Account account,
    Region region,
    String service,
    State state,
    FailureKind failure,
    String message,
    boolean fromCache,
    int problems)
    implements Comparable<WorkStatus> {
  private static final Comparator<WorkStatus> ORDER =
      Comparator.comparing((WorkStatus w) -> w.account().id())
          .thenComparing(w -> w.region() == null ? "" : w.region().name())
          .thenComparing(w -> w.service() == null ? "" : w.service());

  /** How an item ended. */
  public enum State {
    OK,
    FAILED,
    DEGRADED
  }

  /** A quota target's status. */
  public static WorkStatus of(TargetResult r) {
    Target t = r.target();
    if (r instanceof TargetResult.Collected c) {
      return new WorkStatus(
          t.account(),
          t.region(),
          t.service(),
          State.OK,
          null,
          null,
          c.fromCache(),
          c.warnings().size());
    }
    if (r instanceof TargetResult.Failed f) {
      return new WorkStatus(
          t.account(), t.region(), t.service(), State.FAILED, f.kind(), f.message(), false, 0);
    }
    return new WorkStatus(
        t.account(), t.region(), t.service(), State.DEGRADED, null, null, false, 0);
  }

  /** An item that is not a quota target: ok (from cache or not), or failed. */
  public static WorkStatus of(
      Account account, Region region, Settled<?, ?> settled, boolean fromCache) {
    return settled instanceof Settled.Failed<?, ?> f
        ? failed(account, region, f.kind(), f.message())
        : ok(account, region, fromCache);
  }

  /** An item that is not a quota target, done. */
  public static WorkStatus ok(Account account, Region region, boolean fromCache) {
    return new WorkStatus(account, region, null, State.OK, null, null, fromCache, 0);
  }

  /** An item that is not a quota target, skipped because its group used up its time budget. */
  public static WorkStatus degraded(Account account, Region region) {
    return new WorkStatus(account, region, null, State.DEGRADED, null, null, false, 0);
  }

  /** A failed item that is not a quota target. */
  public static WorkStatus failed(
      Account account, Region region, FailureKind kind, String message) {
    return new WorkStatus(account, region, null, State.FAILED, kind, message, false, 0);
  }

  /** {@code account[/region][/service]}: for messages. */
  public String describe() {
    return account.id().value()
        + (region == null ? "" : "/" + region.name())
        + (service == null ? "" : "/" + service);
  }

  @Override
  public int compareTo(WorkStatus other) {
    return ORDER.compare(this, other);
  }
}
