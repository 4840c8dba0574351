package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.FailureKind;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
  private static AwsServiceException aws(String code, int status, String message) {
    return AwsServiceException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .statusCode(status)
        .message(
            message + " (Service: ServiceQuotas, Status Code: " + status + ", Request ID: abc)")
        .build();
  }

  @Test
  void throttlingCodesAreRetryableThrottles() {
    for (String code :
        new String[] {
          "TooManyRequestsException", "ThrottlingException", "Throttling", "RequestLimitExceeded"
        }) {
      ApiException e = AwsErrors.translate("ListServiceQuotas", aws(code, 400, "Rate exceeded"));
      assertThat(e.kind()).as(code).isEqualTo(FailureKind.THROTTLED);
      assertThat(e.retryable()).isTrue();
      assertThat(e.throttling()).isTrue();
    }
  }

  @Test
  void stsRefusingTheAssumeRoleBeforeAnotherCallRefusesTheAccountsCredentials() {
    AwsServiceException sts =
        AwsServiceException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .serviceName("Sts")
                    .errorCode("AccessDenied")
                    .errorMessage("not authorized to perform: sts:AssumeRole")
                    .build())
            .statusCode(403)
            .build();

    ApiException viaQuotas = AwsErrors.translate("ListServiceQuotas", sts);
    ApiException wrapped =
        AwsErrors.translate(
            "DescribeInstances",
            software.amazon.awssdk.core.exception.SdkClientException.builder()
                .message("Unable to load credentials")
                .cause(sts)
                .build());
    ApiException stsItself = AwsErrors.translate("AssumeRole", sts);

    assertThat(viaQuotas.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(viaQuotas.getMessage())
        .startsWith("ListServiceQuotas: AssumeRole refused: AccessDenied");
    assertThat(wrapped.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    // A denied STS call of its own is access denied, as before.
    assertThat(stsItself.kind()).isEqualTo(FailureKind.ACCESS_DENIED);
  }

  @Test
  void accessDeniedAndBadCredentialsAbortAtOnce() {
    ApiException denied =
        AwsErrors.translate("ListServiceQuotas", aws("AccessDeniedException", 400, "no"));
    ApiException badKey =
        AwsErrors.translate(
            "ListServiceQuotas",
            aws(
                "UnrecognizedClientException",
                403,
                "The security token included in the request is invalid."));

    assertThat(denied.kind()).isEqualTo(FailureKind.ACCESS_DENIED);
    assertThat(denied.retryable()).isFalse();
    assertThat(badKey.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    assertThat(badKey.retryable()).isFalse();
    assertThat(badKey.getMessage())
        .isEqualTo(
            "ListServiceQuotas: UnrecognizedClientException: The security token included in the request is invalid.");
  }

  @Test
  void serverErrorsAndIoErrorsAndTimeoutsAreRetryable() {
    assertThat(AwsErrors.translate("op", aws("InternalFailure", 500, "boom")).retryable()).isTrue();
    ApiException io =
        AwsErrors.translate(
            "op",
            SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new IOException("Connection reset"))
                .build());
    assertThat(io.kind()).isEqualTo(FailureKind.UNAVAILABLE);
    assertThat(io.retryable()).isTrue();
    ApiException timeout = AwsErrors.translate("op", ApiCallAttemptTimeoutException.create(1000));
    assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
  }

  @Test
  void noSuchResourceIsNotFound() {
    assertThat(
            AwsErrors.translate("GetServiceQuota", aws("NoSuchResourceException", 400, "x")).kind())
        .isEqualTo(FailureKind.NOT_FOUND);
  }

  @Test
  void oneLineDropsTheSdkTailAndLaterLines() {
    assertThat(AwsErrors.oneLine("Rate exceeded (Service: ServiceQuotas, Status Code: 400)\nmore"))
        .isEqualTo("Rate exceeded");
  }
}
