package dev.quotacli.pass;

import dev.quotacli.account.AccountId;
import dev.quotacli.aws.Endpoints;
import dev.quotacli.collect.Planner;
import dev.quotacli.config.ConfigException;
import dev.quotacli.config.QuotasConfig;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns raw flag values into validated settings: the one place that says what a flag may hold.
 * Every check throws {@link ConfigException} naming the flag, before any side effect.
 */
public final class Settings {
  private Settings() {}

  /**
   * The pass's filters.
   *
   * @param config the quotas configuration, or null where no {@code --service} is taken
   */
  public static Planner.Filters filters(
      List<String> accounts, List<String> regions, List<String> services, QuotasConfig config) {
    Set<String> ids = new LinkedHashSet<>();
    for (String a : accounts) {
      if (!AccountId.isValid(a.trim())) {
        throw new ConfigException("--account '" + a + "' is not a 12-digit account id");
      }
      ids.add(a.trim());
    }
    Set<Region> rs = new LinkedHashSet<>();
    for (String r : regions) {
      if (!Region.isValid(r.trim())) {
        throw new ConfigException("--region '" + r + "' is not a region name");
      }
      rs.add(new Region(r.trim()));
    }
    Set<String> codes = new LinkedHashSet<>();
    for (String s : services) {
      if (config == null || config.service(s.trim()).isEmpty()) {
        throw new ConfigException(
            "--service '"
                + s
                + "' is not in "
                + (config == null ? "quotas.yaml" : config.source()));
      }
      codes.add(s.trim());
    }
    return new Planner.Filters(ids, rs, codes);
  }

  /** {@code --shard I/N}, or {@code --shard-count N} with the index from JOB_COMPLETION_INDEX. */
  public static Shard shard(String shard, Integer shardCount, Map<String, String> env) {
    if (shard != null && shardCount != null) {
      throw new ConfigException("--shard and --shard-count are mutually exclusive");
    }
    try {
      if (shard != null) {
        return Shard.parse(shard);
      }
      if (shardCount != null) {
        String index = env.get("JOB_COMPLETION_INDEX");
        if (index == null || !index.trim().matches("\\d+")) {
          throw new ConfigException(
              "--shard-count needs JOB_COMPLETION_INDEX (0-based shard index) in the environment");
        }
        return new Shard(Integer.parseInt(index.trim()), shardCount);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException((shard != null ? "--shard: " : "--shard-count: ") + e.getMessage());
    }
    return Shard.ALL;
  }

  /** {@code --endpoint-url} and {@code --service-endpoint SERVICE=URL}. */
  public static Endpoints endpoints(URI endpointUrl, Map<String, URI> serviceEndpoints) {
    Map<String, URI> per = new TreeMap<>();
    serviceEndpoints.forEach((k, v) -> per.put(k.trim().toLowerCase(Locale.ROOT), v));
    for (var uri : per.values()) {
      checkEndpoint("--service-endpoint", uri);
    }
    if (endpointUrl != null) {
      checkEndpoint("--endpoint-url", endpointUrl);
    }
    return new Endpoints(endpointUrl, per);
  }

  private static void checkEndpoint(String flag, URI uri) {
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new ConfigException(flag + " '" + uri + "' is not an http(s) URL");
    }
  }

  /** A cache TTL flag. */
  public static java.time.Duration ttl(String flag, java.time.Duration ttl) {
    if (ttl.isNegative()) {
      throw new ConfigException(flag + " must not be negative");
    }
    return ttl;
  }
}
