package dev.quotacli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostChartsTest {
  @Test
  void theHighestMonthEndFillsTheBarAreaAndAtMostRowsBarsAreDrawn() {
    List<String> labels = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (int i = 1; i <= CostCharts.ROWS + 5; i++) {
      labels.add("account " + i);
      values.add(new double[] {i * 10, i * 5});
    }

    CostView.Chart c = CostCharts.byAccount(labels, values, "USD");

    assertThat(c.bars()).hasSize(CostCharts.ROWS);
    CostView.Bar top = c.bars().get(0);
    assertThat(top.label()).isEqualTo("account " + (CostCharts.ROWS + 5));
    assertThat(Double.parseDouble(top.widthA()) + Double.parseDouble(top.widthB()))
        .isEqualTo(CostCharts.BAR_AREA, org.assertj.core.data.Offset.offset(0.1));
    assertThat(top.value()).isEqualTo("200.00 USD + 100.00 USD");
    assertThat(c.height()).isEqualTo(CostCharts.ROWS * CostCharts.ROW + 4);
    assertThat(c.twoSegments()).isTrue();
  }

  @Test
  void noSpendDrawsNoBar() {
    assertThat(CostCharts.byAccount(List.of(), List.of(), "USD").hasBars()).isFalse();
    assertThat(CostCharts.empty().hasBars()).isFalse();
  }
}
