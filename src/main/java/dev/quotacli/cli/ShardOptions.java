package dev.quotacli.cli;

import dev.quotacli.pass.Settings;
import dev.quotacli.quota.Shard;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which shard of the estate a pass covers. */
final class ShardOptions {
  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Only the accounts rendezvous hashing gives to shard I of N (0-based).")
  String shard;

  @Option(
      names = "--shard-count",
      paramLabel = "N",
      description =
          "Shard count; the index comes from JOB_COMPLETION_INDEX (Kubernetes Indexed Job).")
  Integer shardCount;

  Shard shard(Map<String, String> env) {
    return Settings.shard(shard, shardCount, env);
  }
}
