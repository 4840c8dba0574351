package dev.quotacli.pass;

import dev.quotacli.aws.Endpoints;
import dev.quotacli.collect.Planner;
import dev.quotacli.quota.Shard;
import java.nio.file.Path;

/**
 * What every pass takes, validated before any side effect (see {@link Settings}).
 *
 * @param cacheDir the cache root
 * @param shard the shard of the estate this pass covers
 * @param accounts where accounts come from
 * @param filters accounts, regions and services to keep
 * @param pacing pool size and deadline
 * @param budget the time budget, or null where the subcommand has none
 * @param endpoints endpoint overrides
 * @param output where the text goes
 */
public record PassSettings(
    Path cacheDir,
    Shard shard,
    AccountSettings accounts,
    Planner.Filters filters,
    Pacing pacing,
    BudgetSettings budget,
    Endpoints endpoints,
    Output output) {}
