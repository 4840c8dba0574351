package dev.quotacli.report;

import java.util.List;

/**
 * The cost section's view, from the cost cache alone; what the cache does not hold is said, never
 * shown as 0.
 *
 * @param present whether any scope has cached cost data
 * @param accounts spend by account: month to date, last day, forecast, month end
 * @param total month to date over every account, e.g. {@code 1,234.56 USD}
 * @param estimated whether AWS still marks some of the spend as estimated
 * @param byService month to date by service over the fleet, highest first
 * @param accountChart month to date and the forecast of the rest of the month, per account (the
 *     highest month ends)
 * @param serviceChart month to date by service (the highest)
 * @param organizations organization-wide forecasts of payer scopes
 * @param tags top values per tag key
 * @param savings rightsizing savings by account and type
 * @param savingsTotal their monthly sum
 * @param rightsizingDisabled AWS's reasons where rightsizing is not enabled
 * @param runRate why the run-rate is not shown
 */
public record CostView(
    boolean present,
    List<CostAccount> accounts,
    String total,
    boolean estimated,
    List<ReportModel.Amount> byService,
    Chart accountChart,
    Chart serviceChart,
    List<Organization> organizations,
    List<TagKey> tags,
    List<Saving> savings,
    String savingsTotal,
    List<String> rightsizingDisabled,
    String runRate) {
  public CostView {
    accounts = List.copyOf(accounts);
    byService = List.copyOf(byService);
    organizations = List.copyOf(organizations);
    tags = List.copyOf(tags);
    savings = List.copyOf(savings);
    rightsizingDisabled = List.copyOf(rightsizingDisabled);
  }

  public boolean hasTags() {
    return !tags.isEmpty();
  }

  public boolean hasSavings() {
    return !savings.isEmpty();
  }

  public boolean hasOrganizations() {
    return !organizations.isEmpty();
  }

  /**
   * @param accountId the account
   * @param name its name, or empty
   * @param monthToDate spend this month so far, or {@code unknown}
   * @param lastDay spend on the last complete day, or {@code unknown}
   * @param forecast the forecast of the rest of the month, or {@code unknown}
   * @param monthEnd month to date + forecast, or {@code unknown}
   * @param interval the forecast's prediction interval, or empty
   * @param asOf how old the month-to-date answer is
   */
  public record CostAccount(
      String accountId,
      String name,
      String monthToDate,
      String lastDay,
      String forecast,
      String monthEnd,
      String interval,
      String asOf) {}

  /**
   * @param payer the payer account
   * @param name its name, or empty
   * @param monthToDate the organization's month to date
   * @param forecast the forecast of the rest of the month
   * @param monthEnd their sum
   */
  public record Organization(
      String payer, String name, String monthToDate, String forecast, String monthEnd) {}

  /**
   * @param key the tag key
   * @param values its top values by month-to-date spend ({@code (untagged)} for no value), then
   *     {@code (other values)}
   */
  public record TagKey(String key, List<ReportModel.Amount> values) {
    public TagKey {
      values = List.copyOf(values);
    }
  }

  /**
   * @param accountId the account
   * @param name its name, or empty
   * @param type MODIFY or TERMINATE
   * @param monthly estimated monthly savings
   * @param recommendations how many recommendations
   */
  public record Saving(
      String accountId, String name, String type, String monthly, int recommendations) {}

  /**
   * A horizontal bar chart drawn as inline SVG; every coordinate precomputed.
   *
   * @param width the viewBox width
   * @param height the viewBox height
   * @param bars the bars, top to bottom
   * @param legendA what the first segment is
   * @param legendB what the second segment is, or empty for one-segment charts
   */
  public record Chart(int width, int height, List<Bar> bars, String legendA, String legendB) {
    public Chart {
      bars = List.copyOf(bars);
    }

    public boolean hasBars() {
      return !bars.isEmpty();
    }

    public boolean twoSegments() {
      return !legendB.isEmpty();
    }
  }

  /**
   * @param label the row's label (left)
   * @param y the bar's top
   * @param textY the text baseline
   * @param x the bars' left edge
   * @param widthA the first segment's width
   * @param xB the second segment's left edge
   * @param widthB the second segment's width (0 for none)
   * @param value the value text
   * @param valueX where the value text starts
   */
  public record Bar(
      String label,
      int y,
      int textY,
      int x,
      String widthA,
      String xB,
      String widthB,
      String value,
      String valueX) {}
}
