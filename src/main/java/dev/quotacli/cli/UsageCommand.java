package dev.quotacli.cli;

import dev.quotacli.aws.AwsQuotaSources;
import dev.quotacli.aws.CloudWatchUsageMetrics;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.collect.UsageCollector;
import dev.quotacli.output.UsageTextfile;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quota-cli usage}: how much of each quota is used, and the percent of its limit. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description =
        "Collect quota usage (Describe/List counters, else CloudWatch AWS/Usage) with percent of the limit.")
final class UsageCommand extends CollectingCommand {
  @Option(
      names = "--usage-ttl",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Usage cache TTL (default: ${DEFAULT-VALUE}); --force bypasses it (not the limit cache).")
  Duration usageTtl;

  @Override
  String name() {
    return "usage";
  }

  @Override
  Function<Target, TargetResult> collector(PassContext ctx) {
    // --force bypasses the usage cache only: limits change rarely and have their own TTL.
    var limits = ctx.limitCollector(new AwsQuotaSources(ctx.factory), false);
    var collector =
        new UsageCollector(
            limits,
            new UsageCache(passOptions.cacheDir, usageTtl, ctx.clock),
            ctx.usageCounters(),
            new CloudWatchUsageMetrics(ctx.factory, ctx.clock),
            ctx.guard,
            ctx.clock,
            passOptions.force);
    return t -> collector.collect(t, ctx.service(t.service()));
  }

  @Override
  String render(RunSummary summary) {
    return UsageTextfile.render(summary, Version.get());
  }

  @Override
  boolean withUsage() {
    return true;
  }
}
