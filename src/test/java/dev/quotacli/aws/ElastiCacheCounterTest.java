package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElastiCacheCounterTest {
  @Test
  void nodesAreTheSumOfTheClustersNodeCounts() {
    assertThat(ElastiCacheCounter.nodes(List.of(3, 1, 2))).isEqualTo(6);
  }

  @Test
  void aClusterWithoutANodeCountAddsNothingAndNoClustersIsARealZero() {
    assertThat(ElastiCacheCounter.nodes(Arrays.asList(2, null))).isEqualTo(2);
    assertThat(ElastiCacheCounter.nodes(List.of())).isZero();
  }
}
