package dev.quotacli.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.testing.DirectCallGuards;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefusalGateTest {
  static final String BROKEN = "333333333333";
  static final String GOOD = "111111111111";

  private static final ApiException REFUSED =
      new ApiException(
          FailureKind.INVALID_CREDENTIALS,
          false,
          false,
          "ListServiceQuotas: InvalidClientTokenId: bad key");

  @Test
  void aRefusedAccountIsAskedOnceThenFailsWithTheSameReasonWithoutACall() {
    DirectCallGuards direct = new DirectCallGuards();
    RefusalGate gate = new RefusalGate(direct);
    AtomicInteger sent = new AtomicInteger();

    for (String region : List.of("eu-west-1", "us-east-1", "us-west-2")) {
      assertThatThrownBy(
              () ->
                  gate.forTarget(BROKEN, region)
                      .call(
                          "servicequotas",
                          "ListServiceQuotas",
                          () -> {
                            sent.incrementAndGet();
                            throw REFUSED;
                          }))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS);
                assertThat(e.getMessage()).startsWith(REFUSED.getMessage());
              });
    }

    assertThat(sent).hasValue(1);
    assertThat(direct.totalCalls()).isEqualTo(1);
    assertThat(gate.refused(BROKEN)).isSameAs(REFUSED);
    // Other accounts are not affected.
    assertThat(gate.forTarget(GOOD, "eu-west-1").call("ec2", "DescribeInstances", () -> 7))
        .isEqualTo(7);
    assertThat(gate.refused(GOOD)).isNull();
  }

  @Test
  void aDeniedApiIsNotARefusedAccount() {
    RefusalGate gate = new RefusalGate(new DirectCallGuards());
    ApiException denied =
        new ApiException(FailureKind.ACCESS_DENIED, false, false, "DescribeImages: denied");

    assertThatThrownBy(
            () ->
                gate.forTarget(GOOD, "eu-west-1")
                    .call(
                        "ec2",
                        "DescribeImages",
                        () -> {
                          throw denied;
                        }))
        .isSameAs(denied);
    assertThat(gate.forTarget(GOOD, "eu-west-1").call("ec2", "DescribeInstances", () -> 1))
        .isEqualTo(1);
  }

  @Test
  void concurrentFirstCallsOfARefusedAccountSendOneRequest() throws Exception {
    RefusalGate gate = new RefusalGate(new DirectCallGuards());
    AtomicInteger sent = new AtomicInteger();
    CountDownLatch allWaiting = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<FailureKind>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    gate.forTarget(BROKEN, "eu-west-1")
                        .call(
                            "servicequotas",
                            "ListServiceQuotas",
                            () -> {
                              sent.incrementAndGet();
                              try {
                                allWaiting.await(20, TimeUnit.MILLISECONDS);
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                              throw REFUSED;
                            });
                    return null;
                  } catch (ApiException e) {
                    return e.kind();
                  }
                }));
      }
      for (Future<FailureKind> f : futures) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(FailureKind.INVALID_CREDENTIALS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sent).hasValue(1);
  }
}
