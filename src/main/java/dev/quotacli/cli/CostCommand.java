package dev.quotacli.cli;

import dev.quotacli.cost.CostMetric;
import dev.quotacli.pass.CostJob;
import dev.quotacli.pass.ExitCode;
import dev.quotacli.pass.Pass;
import dev.quotacli.pass.Settings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quota-cli cost}: spend by account and service (month to date, last complete day), the
 * month-end forecast, spend by tag, rightsizing savings, and an hourly run-rate of what runs now.
 */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description =
        "Spend by account, service and tag, month-end forecast, rightsizing savings and a live"
            + " run-rate, as aws_cost.prom.")
class CostCommand extends BaseCommand {
  @Mixin CommonOptions common;
  @Mixin AccountFilterOption accountFilter;
  @Mixin RegionFilterOption regionFilter;
  @Mixin TextOutputOptions outputOptions;

  // The run-rate's account × region work is under the time budget, like every other pass.
  @Mixin BudgetOptions budgetOptions;

  @Option(
      names = "--cost-metric",
      paramLabel = "METRIC",
      defaultValue = "UNBLENDED",
      description =
          "Cost basis: UNBLENDED, AMORTIZED, NET_UNBLENDED or BLENDED (default: ${DEFAULT-VALUE}).")
  CostMetric metric;

  @Option(
      names = "--payer",
      paramLabel = "ID|ambient",
      description =
          "The management (payer) account: one Cost Explorer scope covers every linked account."
              + " 'ambient' (or its id) is the account of the ambient credentials (STS"
              + " GetCallerIdentity), listed in the account source or not; another id must be an"
              + " enabled account of the account source. Without it, each account is asked on its"
              + " own.")
  String payer;

  @Option(
      names = "--tag-key",
      paramLabel = "KEY",
      split = ",",
      description = "Tag keys to break spend down by (e.g. Team,Project).")
  List<String> tagKeys = new ArrayList<>();

  @Option(
      names = "--tag-top",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "Values kept per tag key; the rest sum into 'other' (default: ${DEFAULT-VALUE}).")
  int tagTop;

  @Option(
      names = "--forecast-interval",
      description = "Add the forecast's 80%% prediction-interval bounds.")
  boolean interval;

  @Option(
      names = "--forecast-top",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "With --payer: forecast the N linked accounts with the most month-to-date spend one by"
              + " one (one request each; the organization's forecast is always asked; default:"
              + " ${DEFAULT-VALUE}). Without --payer every account's forecast is its own scope's.")
  int forecastTop;

  @Option(
      names = "--no-rightsizing",
      negatable = false,
      description = "Do not ask for rightsizing recommendations.")
  boolean noRightsizing;

  @Option(
      names = "--no-run-rate",
      negatable = false,
      description = "Do not price the running resources.")
  boolean noRunRate;

  @Option(
      names = "--cost-ttl",
      paramLabel = "DURATION",
      defaultValue = "6h",
      converter = DurationConverter.class,
      description = "Cost Explorer cache TTL (default: ${DEFAULT-VALUE}).")
  Duration costTtl;

  @Option(
      names = "--price-ttl",
      paramLabel = "DURATION",
      defaultValue = "4h",
      converter = DurationConverter.class,
      description = "Price cache TTL (default: ${DEFAULT-VALUE}).")
  Duration priceTtl;

  @Option(
      names = "--max-ce-requests",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Cost Explorer requests ($0.01 each, every page) one run may send (default:"
              + " ${DEFAULT-VALUE}): planned before any is sent, spend first, then forecasts by"
              + " spend, then tags and rightsizing, the oldest answers first; what is bought is"
              + " cached and exported, what is not is reported (exit 3) and asked by the next runs.")
  int maxCeRequests;

  @Option(
      names = "--force",
      description =
          "Ask Cost Explorer again even where its cache is fresh (--cost-ttl); prices keep their"
              + " cache (--price-ttl).")
  boolean force;

  @Override
  ExitCode execute() throws IOException {
    var job =
        new CostJob(
            new CostJob.Settings(
                metric,
                payer,
                tagKeys,
                tagTop,
                interval,
                !noRightsizing,
                !noRunRate,
                Settings.ttl("--cost-ttl", costTtl),
                Settings.ttl("--price-ttl", priceTtl),
                maxCeRequests,
                force,
                forecastTop));
    var settings =
        common.settings(
            env,
            Settings.filters(accountFilter.accounts, regionFilter.regions, List.of(), null),
            budgetOptions.settings(),
            shard -> outputOptions.output("aws_" + CostJob.NAME, shard));
    return run(settings, job, Pass.Shows.TEXTFILE_OR_VIEW);
  }
}
