package dev.quotacli.account;

import java.util.regex.Pattern;

/**
 * A 12-digit AWS account id.
 *
 * @param value the digits
 */
public record AccountId(String value) implements Comparable<AccountId> {
  private static final Pattern DIGITS = Pattern.compile("\\d{12}");

  public AccountId {
    if (value == null || !DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException("account id must be 12 digits, got '" + value + "'");
    }
  }

  public static boolean isValid(String value) {
    return value != null && DIGITS.matcher(value).matches();
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
