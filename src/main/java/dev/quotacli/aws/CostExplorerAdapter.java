package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.cost.CostAnswers;
import dev.quotacli.cost.CostLine;
import dev.quotacli.cost.CostMetric;
import dev.quotacli.cost.CostPeriods;
import dev.quotacli.cost.Forecast;
import dev.quotacli.cost.Period;
import dev.quotacli.cost.RightsizingResult;
import dev.quotacli.cost.TagCostLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.Dimension;
import software.amazon.awssdk.services.costexplorer.model.DimensionValues;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.ForecastResult;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetCostForecastResponse;
import software.amazon.awssdk.services.costexplorer.model.GetRightsizingRecommendationResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.costexplorer.model.RightsizingRecommendation;
import software.amazon.awssdk.services.costexplorer.model.TargetInstance;

/**
 * Cost Explorer for one (payer) account: cost by linked account and service, cost by tag value and
 * service, the month-end forecast, and EC2 rightsizing savings. Every page is one billed request
 * ($0.01) and goes through the {@link CallGuard} on its own (service {@value #SERVICE}); wrap the
 * guard in a {@code BudgetedCallGuard} to cap them. Copies answers into plain strings and leaves
 * the arithmetic to {@link CostAnswers}. Thread-safe.
 */
public final class CostExplorerAdapter implements dev.quotacli.collect.CostExplorerSource {
  static final String SERVICE = "ce";
  static final String GET_COST_AND_USAGE = "GetCostAndUsage";
  static final String GET_COST_FORECAST = "GetCostForecast";
  static final String GET_RIGHTSIZING = "GetRightsizingRecommendation";

  /** The prediction interval asked for when bounds are wanted. */
  static final int PREDICTION_INTERVAL = 80;

  private final AwsClientFactory factory;
  private final Account account;

  public CostExplorerAdapter(AwsClientFactory factory, Account account) {
    this.factory = factory;
    this.account = account;
  }

  /**
   * Cost per linked account and service over the period: one GetCostAndUsage (all pages) grouped by
   * SERVICE and LINKED_ACCOUNT, summed over the periods of the answer. A one-day period is asked at
   * DAILY granularity, anything longer at MONTHLY (one result per calendar month touched).
   *
   * @return sorted by account, then service; empty when there was no spend
   */
  public List<CostLine> costByAccountAndService(Period period, CostMetric metric, CallGuard guard) {
    List<CostAnswers.Group> groups =
        costAndUsage(
            period,
            metric,
            guard,
            List.of(dimension(Dimension.SERVICE), dimension(Dimension.LINKED_ACCOUNT)));
    return translated(() -> CostAnswers.byAccountAndService(groups));
  }

  /**
   * Cost per value of one tag and service over the period: GetCostAndUsage grouped by TAG tagKey
   * and SERVICE. Untagged spend has the empty value (see {@code TagCosts.topN} for the label).
   *
   * @return sorted by value, then service
   */
  public List<TagCostLine> costByTagAndService(
      Period period, CostMetric metric, String tagKey, CallGuard guard) {
    List<CostAnswers.Group> groups =
        costAndUsage(
            period,
            metric,
            guard,
            List.of(
                GroupDefinition.builder().type(GroupDefinitionType.TAG).key(tagKey).build(),
                dimension(Dimension.SERVICE)));
    return translated(() -> CostAnswers.byTagAndService(tagKey, groups));
  }

  /**
   * The forecast over the period (normally {@code CostPeriods.restOfMonth(today)}; its start must
   * not be before today) at MONTHLY granularity.
   *
   * @param interval whether to ask for the {@value #PREDICTION_INTERVAL}% prediction interval
   * @param linkedAccountOrNull a linked account to filter on, or null for everything the payer sees
   * @throws ApiException {@link FailureKind#NOT_FOUND} when Cost Explorer has no forecast
   *     (DataUnavailableException, e.g. too little history): treat it as "no forecast"
   */
  public Forecast forecast(
      Period period,
      CostMetric metric,
      boolean interval,
      String linkedAccountOrNull,
      CallGuard guard) {
    GetCostForecastResponse response =
        GuardedPages.one(
            guard,
            SERVICE,
            GET_COST_FORECAST,
            () -> {
              try {
                return client()
                    .getCostForecast(
                        r -> {
                          r.timePeriod(interval(period))
                              .metric(metric.forecastName())
                              .granularity(Granularity.MONTHLY);
                          if (interval) {
                            r.predictionIntervalLevel(PREDICTION_INTERVAL);
                          }
                          if (linkedAccountOrNull != null) {
                            r.filter(
                                Expression.builder()
                                    .dimensions(
                                        DimensionValues.builder()
                                            .key(Dimension.LINKED_ACCOUNT)
                                            .values(linkedAccountOrNull)
                                            .build())
                                    .build());
                          }
                        });
              } catch (DataUnavailableException e) {
                throw new ApiException(
                    FailureKind.NOT_FOUND,
                    false,
                    false,
                    GET_COST_FORECAST
                        + ": DataUnavailableException: "
                        + AwsErrors.oneLine(
                            e.awsErrorDetails() == null
                                ? e.getMessage()
                                : e.awsErrorDetails().errorMessage()));
              }
            });
    String accountId = linkedAccountOrNull != null ? linkedAccountOrNull : account.id().value();
    List<ForecastResult> results = response.forecastResultsByTime();
    return translated(
        () -> {
          double mean;
          if (response.total() != null && response.total().amount() != null) {
            mean = CostAnswers.amount(response.total().amount());
          } else {
            Double sum =
                CostAnswers.sumOrNull(results.stream().map(ForecastResult::meanValue).toList());
            if (sum == null) {
              throw new IllegalArgumentException("no Total and no MeanValue in the answer");
            }
            mean = sum;
          }
          Double lower =
              interval
                  ? CostAnswers.sumOrNull(
                      results.stream().map(ForecastResult::predictionIntervalLowerBound).toList())
                  : null;
          Double upper =
              interval
                  ? CostAnswers.sumOrNull(
                      results.stream().map(ForecastResult::predictionIntervalUpperBound).toList())
                  : null;
          return new Forecast(accountId, mean, lower, upper);
        },
        GET_COST_FORECAST);
  }

  /**
   * EC2 rightsizing savings (GetRightsizingRecommendation, Service AmazonEC2, all pages) per
   * account and type. The feature is opt-in per payer; while it is off AWS answers
   * AccessDeniedException "... is an opt-in only feature ...", returned as {@link
   * RightsizingResult#disabled}. Any other failure (e.g. a missing {@code
   * ce:GetRightsizingRecommendation} permission) is thrown.
   */
  public RightsizingResult rightsizing(CallGuard guard) {
    List<CostAnswers.Recommendation> recommendations;
    try {
      recommendations =
          GuardedPages.all(
              guard,
              SERVICE,
              GET_RIGHTSIZING,
              token -> {
                GetRightsizingRecommendationResponse page =
                    client()
                        .getRightsizingRecommendation(
                            r -> r.service("AmazonEC2").nextPageToken(token));
                List<CostAnswers.Recommendation> items = new ArrayList<>();
                for (RightsizingRecommendation rec : page.rightsizingRecommendations()) {
                  items.add(
                      new CostAnswers.Recommendation(
                          rec.accountId(), rec.rightsizingTypeAsString(), savings(rec)));
                }
                return new GuardedPages.Page<>(items, page.nextPageToken());
              });
    } catch (ApiException e) {
      if (isOptIn(e)) {
        return RightsizingResult.disabled(e.getMessage());
      }
      throw e;
    }
    return translated(
        () -> RightsizingResult.enabled(CostAnswers.rightsizing(recommendations)), GET_RIGHTSIZING);
  }

  private static boolean isOptIn(ApiException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return (e.kind() == FailureKind.ACCESS_DENIED || e.kind() == FailureKind.OTHER)
        && m.contains("opt-in");
  }

  private static String savings(RightsizingRecommendation rec) {
    if (rec.modifyRecommendationDetail() != null) {
      List<TargetInstance> targets = rec.modifyRecommendationDetail().targetInstances();
      return targets.isEmpty() ? null : targets.get(0).estimatedMonthlySavings();
    }
    if (rec.terminateRecommendationDetail() != null) {
      return rec.terminateRecommendationDetail().estimatedMonthlySavings();
    }
    return null;
  }

  private List<CostAnswers.Group> costAndUsage(
      Period period, CostMetric metric, CallGuard guard, List<GroupDefinition> groupBy) {
    Granularity granularity =
        CostPeriods.isOneDay(period) ? Granularity.DAILY : Granularity.MONTHLY;
    String name = metric.usageName();
    return GuardedPages.all(
        guard,
        SERVICE,
        GET_COST_AND_USAGE,
        token -> {
          GetCostAndUsageResponse page =
              client()
                  .getCostAndUsage(
                      r ->
                          r.timePeriod(interval(period))
                              .granularity(granularity)
                              .metrics(name)
                              .groupBy(groupBy)
                              .nextPageToken(token));
          List<CostAnswers.Group> items = new ArrayList<>();
          for (ResultByTime result : page.resultsByTime()) {
            boolean estimated = Boolean.TRUE.equals(result.estimated());
            for (var group : result.groups()) {
              MetricValue value = group.metrics().get(name);
              if (value == null || value.amount() == null) {
                throw new ApiException(
                    FailureKind.OTHER,
                    false,
                    false,
                    GET_COST_AND_USAGE + ": no " + name + " in the group " + group.keys());
              }
              items.add(
                  new CostAnswers.Group(group.keys(), value.amount(), value.unit(), estimated));
            }
          }
          return new GuardedPages.Page<>(items, page.nextPageToken());
        });
  }

  private static GroupDefinition dimension(Dimension dimension) {
    return GroupDefinition.builder()
        .type(GroupDefinitionType.DIMENSION)
        .key(dimension.toString())
        .build();
  }

  private static DateInterval interval(Period period) {
    return DateInterval.builder()
        .start(period.start().toString())
        .end(period.end().toString())
        .build();
  }

  private CostExplorerClient client() {
    return factory.costExplorer(account);
  }

  private static <T> T translated(java.util.function.Supplier<T> parse) {
    return translated(parse, GET_COST_AND_USAGE);
  }

  /** A malformed answer (not a number, wrong keys) fails the call as a value, not as a crash. */
  private static <T> T translated(java.util.function.Supplier<T> parse, String operation) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          FailureKind.OTHER, false, false, operation + ": unexpected answer: " + e.getMessage());
    }
  }
}
