package dev.quotacli.aws;

import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.FailureKind;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Translates SDK exceptions into {@link ApiException}s with a failure kind. Pure. */
final class AwsErrors {
  private AwsErrors() {}

  /** Error codes AWS uses for throttling across services (Query, JSON and EC2 protocols). */
  static final Set<String> THROTTLING =
      Set.of(
          "TooManyRequestsException",
          "ThrottlingException",
          "Throttling",
          "ThrottledException",
          "RequestLimitExceeded",
          "RequestThrottled",
          "RequestThrottledException",
          "LimitExceededException",
          "SlowDown",
          "PriorRequestNotComplete",
          "EC2ThrottledException");

  static final Set<String> ACCESS_DENIED =
      Set.of(
          "AccessDeniedException",
          "AccessDenied",
          "UnauthorizedOperation",
          "AuthorizationError",
          "NoSuchEntityException");

  static final Set<String> INVALID_CREDENTIALS =
      Set.of(
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "IncompleteSignature",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidAccessKeyId",
          "AuthFailure",
          "MissingAuthenticationToken");

  static final Set<String> REGION_DISABLED =
      Set.of("OptInRequired", "UnknownOperationException", "InvalidEndpointException");

  static final Set<String> NOT_FOUND = Set.of("NoSuchResourceException");

  /** Runs an SDK call, translating its exceptions. */
  static <T> T translating(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw translate(operation, e);
    }
  }

  static ApiException translate(String operation, SdkException e) {
    ApiException refusedRole = refusedRole(operation, e);
    if (refusedRole != null) {
      return refusedRole;
    }
    if (e instanceof AwsServiceException ase) {
      String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
      int status = ase.statusCode();
      String msg =
          operation
              + ": "
              + (code == null ? "HTTP " + status : code)
              + ": "
              + oneLine(
                  ase.awsErrorDetails() == null
                      ? ase.getMessage()
                      : ase.awsErrorDetails().errorMessage());
      if (ase.isThrottlingException() || (code != null && THROTTLING.contains(code))) {
        return new ApiException(FailureKind.THROTTLED, true, true, msg);
      }
      if (code != null && NOT_FOUND.contains(code)) {
        return new ApiException(FailureKind.NOT_FOUND, false, false, msg);
      }
      if (code != null && INVALID_CREDENTIALS.contains(code)) {
        return new ApiException(FailureKind.INVALID_CREDENTIALS, false, false, msg);
      }
      if (code != null && ACCESS_DENIED.contains(code)) {
        return new ApiException(FailureKind.ACCESS_DENIED, false, false, msg);
      }
      if (code != null && REGION_DISABLED.contains(code)) {
        return new ApiException(FailureKind.REGION_DISABLED, false, false, msg);
      }
      if (status >= 500) {
        return new ApiException(FailureKind.UNAVAILABLE, true, false, msg);
      }
      if (status == 403) {
        return new ApiException(FailureKind.ACCESS_DENIED, false, false, msg);
      }
      return new ApiException(FailureKind.OTHER, false, false, msg);
    }
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return new ApiException(FailureKind.TIMEOUT, true, false, operation + ": timed out");
    }
    if (e instanceof SdkClientException && hasCause(e, IOException.class)) {
      return new ApiException(
          FailureKind.UNAVAILABLE, true, false, operation + ": " + oneLine(rootMessage(e)));
    }
    if (e instanceof SdkClientException
        && e.getMessage() != null
        && e.getMessage().contains("Unable to load credentials")) {
      return new ApiException(
          FailureKind.INVALID_CREDENTIALS,
          false,
          false,
          operation + ": no AWS credentials found (environment, profile or instance role)");
    }
    return new ApiException(
        FailureKind.OTHER, false, false, operation + ": " + oneLine(e.getMessage()));
  }

  /**
   * STS refusing the AssumeRole the credentials provider makes before another service's call: the
   * account's credentials are refused (not one API denied), whatever STS's error code.
   */
  private static ApiException refusedRole(String operation, SdkException e) {
    if (operation.equals("AssumeRole") || operation.equals("GetCallerIdentity")) {
      return null;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException ase
          && ase.awsErrorDetails() != null
          && "Sts".equalsIgnoreCase(ase.awsErrorDetails().serviceName())) {
        String code = ase.awsErrorDetails().errorCode();
        if (code != null && (ACCESS_DENIED.contains(code) || INVALID_CREDENTIALS.contains(code))) {
          return new ApiException(
              FailureKind.INVALID_CREDENTIALS,
              false,
              false,
              operation
                  + ": AssumeRole refused: "
                  + code
                  + ": "
                  + oneLine(ase.awsErrorDetails().errorMessage()));
        }
        return null;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** First line, trimmed, without the SDK's "(Service: ..., Request ID: ...)" tail. */
  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String first = message.lines().findFirst().orElse("").trim();
    int tail = first.indexOf(" (Service: ");
    return tail > 0 ? first.substring(0, tail) : first;
  }
}
