package dev.quotacli.cli;

import dev.quotacli.collect.Planner;
import dev.quotacli.pass.BudgetSettings;
import dev.quotacli.pass.Environment;
import dev.quotacli.pass.Output;
import dev.quotacli.pass.PassSettings;
import dev.quotacli.quota.Shard;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/** The options every pass takes: accounts, cache root, pacing, shard and endpoints. */
final class CommonOptions {
  @Mixin AccountOptions accountOptions;
  @Mixin CacheOptions cacheOptions;
  @Mixin PacingOptions pacingOptions;
  @Mixin ShardOptions shardOptions;
  @Mixin EndpointOptions endpointOptions;

  /**
   * The pass's settings, each part validated as it is built (before anything is touched).
   *
   * @param budget the time budget, or null where the subcommand has none
   * @param output the output for the pass's shard
   */
  PassSettings settings(
      Environment env,
      Planner.Filters filters,
      BudgetSettings budget,
      Function<Shard, Output> output) {
    Shard shard = shardOptions.shard(env.variables());
    return new PassSettings(
        cacheOptions.cacheDir,
        shard,
        accountOptions.settings(env.variables()),
        filters,
        pacingOptions.pacing(),
        budget,
        endpointOptions.endpoints(),
        output.apply(shard));
  }
}
