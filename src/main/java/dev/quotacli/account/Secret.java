package dev.quotacli.account;

import java.util.Objects;

/** A secret string (a secret key, a password) whose {@code toString} never shows it. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "secret");
  }

  /** The secret itself; call only where it is handed to the library that needs it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }
}
