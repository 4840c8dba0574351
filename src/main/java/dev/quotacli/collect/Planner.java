package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.config.QuotasConfig;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Turns accounts and quotas.yaml into the pass's targets, narrowed by the filters. Pure. */
public final class Planner {
  /**
   * What narrows a pass; an empty set means no narrowing.
   *
   * @param accounts account ids to keep
   * @param regions regions to keep ({@code global} keeps the global services)
   * @param services service codes to keep
   */
  public record Filters(Set<String> accounts, Set<Region> regions, Set<String> services) {
    public static final Filters NONE = new Filters(Set.of(), Set.of(), Set.of());

    public Filters {
      accounts = Set.copyOf(accounts);
      regions = Set.copyOf(regions);
      services = Set.copyOf(services);
    }
  }

  private Planner() {}

  /**
   * @param regionsOf the regions an account is collected in (CMDB, discovered, flags or default)
   */
  public static List<Target> plan(
      List<Account> accounts,
      QuotasConfig config,
      Filters filters,
      Function<Account, List<Region>> regionsOf) {
    List<Target> targets = new ArrayList<>();
    for (Account account : accounts) {
      if (!filters.accounts().isEmpty() && !filters.accounts().contains(account.id().value())) {
        continue;
      }
      List<Region> regions = null;
      for (ServiceConfig service : config.services()) {
        if (!filters.services().isEmpty() && !filters.services().contains(service.code())) {
          continue;
        }
        if (service.scope() == Scope.GLOBAL) {
          if (filters.regions().isEmpty() || filters.regions().contains(Region.GLOBAL)) {
            targets.add(new Target(account, Region.GLOBAL, service.code()));
          }
          continue;
        }
        if (regions == null) {
          regions = regionsOf.apply(account);
        }
        for (Region region : regions) {
          if (filters.regions().isEmpty() || filters.regions().contains(region)) {
            targets.add(new Target(account, region, service.code()));
          }
        }
      }
    }
    targets.sort(null);
    return targets;
  }

  /**
   * Where an account's regional services are collected: its configured regions, else its discovered
   * regions, else the {@code --region} flags, else the default.
   */
  public static List<Region> regionsFor(
      Account account, List<Region> discovered, List<Region> flagRegions, List<Region> defaults) {
    if (!account.regions().isEmpty()) {
      return account.regions();
    }
    if (!discovered.isEmpty()) {
      return discovered;
    }
    List<Region> flags = flagRegions.stream().filter(r -> !r.isGlobal()).toList();
    return flags.isEmpty() ? defaults : flags;
  }

  /**
   * The targets the account's partition can answer, and one warning per partition and service it
   * cannot (CloudFront in GovCloud): such targets are left out, not failed one by one.
   *
   * @param kept the targets to collect
   * @param warnings one line per partition and service left out, naming the accounts
   */
  public record Offered(List<Target> kept, List<String> warnings) {
    public Offered {
      kept = List.copyOf(kept);
      warnings = List.copyOf(warnings);
    }
  }

  public static Offered offeredOnly(List<Target> targets) {
    List<Target> kept = new ArrayList<>();
    Map<String, Set<String>> missing = new TreeMap<>();
    for (Target t : targets) {
      var partition = t.account().partition();
      if (partition.offers(t.service())) {
        kept.add(t);
      } else {
        missing
            .computeIfAbsent(t.service() + " is not offered in " + partition, k -> new TreeSet<>())
            .add(t.accountId());
      }
    }
    List<String> warnings = new ArrayList<>();
    missing.forEach(
        (what, accounts) ->
            warnings.add(
                what
                    + ": not collected for "
                    + accounts.size()
                    + (accounts.size() == 1 ? " account (" : " accounts (")
                    + String.join(", ", accounts)
                    + ")"));
    return new Offered(kept, warnings);
  }
}
