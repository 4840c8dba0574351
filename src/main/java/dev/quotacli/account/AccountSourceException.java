package dev.quotacli.account;

/** The account source could not be read at all (CMDB unreachable, bad query): a fatal error. */
public class AccountSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AccountSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
