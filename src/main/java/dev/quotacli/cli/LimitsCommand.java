package dev.quotacli.cli;

import dev.quotacli.aws.AwsQuotaSources;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.output.LimitsTextfile;
import java.util.function.Function;
import picocli.CommandLine.Command;

/** {@code quota-cli limits}: every configured quota's limit. */
@Command(
    name = "limits",
    mixinStandardHelpOptions = true,
    description =
        "Collect service quota limits (applied, else AWS default): a table, JSON, or Prometheus text.")
final class LimitsCommand extends CollectingCommand {
  @Override
  String name() {
    return "limits";
  }

  @Override
  Function<Target, TargetResult> collector(PassContext ctx) {
    var collector = ctx.limitCollector(new AwsQuotaSources(ctx.factory));
    return t -> collector.collect(t, ctx.service(t.service()));
  }

  @Override
  String render(RunSummary summary) {
    return LimitsTextfile.render(summary, Version.get());
  }

  @Override
  boolean withUsage() {
    return false;
  }
}
