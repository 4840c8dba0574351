package dev.quotacli.quota;

import java.util.regex.Pattern;

/**
 * An AWS region name, or {@link #GLOBAL} for account-wide services (route53, cloudfront).
 *
 * @param name the region code, e.g. {@code eu-west-1}, or {@code global}
 */
public record Region(String name) implements Comparable<Region> {
  private static final Pattern NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+|global");

  /** The pseudo-region of account-wide quotas; their API calls go to {@link #US_EAST_1}. */
  public static final Region GLOBAL = new Region("global");

  /** Where global services' quotas are read, and the default region. */
  public static final Region US_EAST_1 = new Region("us-east-1");

  public Region {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a region name: '" + name + "'");
    }
  }

  /** Whether the text looks like a region name. */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public boolean isGlobal() {
    return this.equals(GLOBAL);
  }

  /** The region whose API endpoint serves this region's quotas. */
  public Region apiRegion() {
    return isGlobal() ? US_EAST_1 : this;
  }

  @Override
  public int compareTo(Region other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
