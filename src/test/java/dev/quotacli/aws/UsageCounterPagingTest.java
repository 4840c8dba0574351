package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.collect.ApiException;
import dev.quotacli.collect.CallGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The counters' token loops ({@link GuardedPages}) with an in-memory guard that records calls. */
class UsageCounterPagingTest {
  /** Our own interface, recording what it is asked to run. */
  private static final class RecordingGuard implements CallGuard {
    final List<String> calls = new ArrayList<>();

    @Override
    public <T> T call(String service, String operation, Supplier<T> call) {
      calls.add(service + ":" + operation);
      return call.get();
    }
  }

  @Test
  void everyPageGoesThroughTheGuardAndItemsAreConcatenated() {
    RecordingGuard guard = new RecordingGuard();
    Map<String, GuardedPages.Page<String>> pages =
        Map.of(
            "", new GuardedPages.Page<>(List.of("a", "b"), "t1"),
            "t1", new GuardedPages.Page<>(List.of("c"), "t2"),
            "t2", new GuardedPages.Page<>(List.of(), ""));

    var all = GuardedPages.all(guard, "eks", "ListClusters", t -> pages.get(t == null ? "" : t));

    assertThat(all).containsExactly("a", "b", "c");
    assertThat(guard.calls)
        .containsExactly("eks:ListClusters", "eks:ListClusters", "eks:ListClusters");
  }

  @Test
  void aRepeatedTokenFailsRatherThanUndercount() {
    RecordingGuard guard = new RecordingGuard();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                GuardedPages.all(
                    guard,
                    "eks",
                    "ListClusters",
                    t -> new GuardedPages.Page<>(List.of("x"), "same")))
        .isInstanceOf(dev.quotacli.collect.ApiException.class)
        .hasMessage("ListClusters: the same page token came back twice");
  }

  @Test
  void anEndlessListFailsInsteadOfLoopingForever() {
    RecordingGuard guard = new RecordingGuard();
    int[] n = {0};

    assertThatThrownBy(
            () ->
                GuardedPages.all(
                    guard,
                    "eks",
                    "ListClusters",
                    t -> new GuardedPages.Page<>(List.of(), "t" + n[0]++)))
        .isInstanceOf(ApiException.class)
        .hasMessage("ListClusters: more than 1000 pages");
  }

  @Test
  void anyFollowsEmptyAndUnmatchedPagesAndStopsAtTheFirstMatch() {
    RecordingGuard guard = new RecordingGuard();
    Map<String, GuardedPages.Page<String>> pages =
        Map.of(
            "", new GuardedPages.Page<>(List.of(), "t1"),
            "t1", new GuardedPages.Page<>(List.of("deleting"), "t2"),
            "t2", new GuardedPages.Page<>(List.of("in-use"), "t3"),
            "t3", new GuardedPages.Page<>(List.of("available"), ""));

    boolean found =
        GuardedPages.any(
            guard,
            "ec2",
            "DescribeVolumes",
            t -> pages.get(t == null ? "" : t),
            state -> !state.equals("deleting"));

    assertThat(found).isTrue();
    assertThat(guard.calls)
        .containsExactly("ec2:DescribeVolumes", "ec2:DescribeVolumes", "ec2:DescribeVolumes");
  }

  @Test
  void anyReadsEveryPageWhenNothingMatches() {
    RecordingGuard guard = new RecordingGuard();
    Map<String, GuardedPages.Page<String>> pages =
        Map.of(
            "", new GuardedPages.Page<>(List.of("x"), "t1"),
            "t1", new GuardedPages.Page<>(List.of(), null));

    boolean found =
        GuardedPages.any(
            guard, "eks", "ListClusters", t -> pages.get(t == null ? "" : t), "y"::equals);

    assertThat(found).isFalse();
    assertThat(guard.calls).containsExactly("eks:ListClusters", "eks:ListClusters");
  }

  @Test
  void anyFailsOnARepeatedTokenRatherThanAnswerFromAPartialListing() {
    RecordingGuard guard = new RecordingGuard();

    assertThatThrownBy(
            () ->
                GuardedPages.any(
                    guard,
                    "eks",
                    "ListClusters",
                    t -> new GuardedPages.Page<>(List.of("x"), "same"),
                    "y"::equals))
        .isInstanceOf(ApiException.class)
        .hasMessage("ListClusters: the same page token came back twice");
  }
}
