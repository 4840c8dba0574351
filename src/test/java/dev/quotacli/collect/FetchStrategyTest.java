package dev.quotacli.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FetchStrategyTest {
  @Test
  void singleQuotaIsCheaperWithOneGet() {
    assertThat(FetchStrategy.choose(1, false, 0)).isEqualTo(FetchStrategy.GET);
  }

  @Test
  void twoOrMoreQuotasAreCheaperWithTheTwoLists() {
    assertThat(FetchStrategy.choose(2, false, 0)).isEqualTo(FetchStrategy.LIST);
    assertThat(FetchStrategy.choose(22, false, 156)).isEqualTo(FetchStrategy.LIST);
  }

  @Test
  void largeServiceWithFewQuotasUsesGet() {
    // SageMaker has ~860 quotas: 9 pages per list, 18 calls, so 5 Gets are cheaper.
    assertThat(FetchStrategy.expectedListCalls(860)).isEqualTo(18);
    assertThat(FetchStrategy.choose(5, false, 860)).isEqualTo(FetchStrategy.GET);
  }

  @Test
  void discoveryAlwaysNeedsTheLists() {
    assertThat(FetchStrategy.choose(1, true, 860)).isEqualTo(FetchStrategy.LIST);
  }
}
