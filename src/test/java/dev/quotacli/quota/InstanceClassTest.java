package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceClassTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    // first-letter rules misfile these as Standard
    "inf1.xlarge, INF",
    "inf2.xlarge, INF",
    "dl1.24xlarge, DL",
    "dl2q.24xlarge, DL",
    "trn1.32xlarge, TRN",
    "trn1n.32xlarge, TRN",
    "trn2.48xlarge, TRN",
    "hpc6a.48xlarge, HPC",
    "hpc7g.16xlarge, HPC",
    "vt1.3xlarge, G_AND_VT",
    "u-6tb1.metal, HIGH_MEMORY",
    "u-12tb1.112xlarge, HIGH_MEMORY",
    "u7i-12tb.224xlarge, HIGH_MEMORY",
    // their one-letter neighbours stay Standard
    "i3.large, STANDARD",
    "i4i.xlarge, STANDARD",
    "d3.xlarge, STANDARD",
    "t3.micro, STANDARD",
    "h1.2xlarge, STANDARD",
    "m5.large, STANDARD",
    "c5.xlarge, STANDARD",
    "r6g.large, STANDARD",
    "z1d.large, STANDARD",
    "a1.medium, STANDARD",
    "mac1.metal, STANDARD",
    // the one-letter classes
    "f1.2xlarge, F",
    "f2.12xlarge, F",
    "g4dn.xlarge, G_AND_VT",
    "g5.xlarge, G_AND_VT",
    "gr6.4xlarge, G_AND_VT",
    "p3.2xlarge, P",
    "p4d.24xlarge, P",
    "p5.48xlarge, P",
    "x1e.xlarge, X",
    "x2idn.16xlarge, X",
    "x2iedn.xlarge, X",
  })
  void classifiesByLongestFamilyPrefix(String type, InstanceClass expected) {
    assertThat(InstanceClass.of(type)).isEqualTo(expected);
  }

  @Test
  void familyIsThePartBeforeTheFirstDotInLowerCase() {
    assertThat(InstanceClass.family("G4DN.xlarge")).isEqualTo("g4dn");
    assertThat(InstanceClass.family("u-6tb1.metal")).isEqualTo("u-6tb1");
    assertThat(InstanceClass.family("m5")).isEqualTo("m5");
    assertThat(InstanceClass.of("INF2.XLARGE")).isEqualTo(InstanceClass.INF);
  }

  @ParameterizedTest(name = "{0} on-demand counts against {1}")
  @CsvSource({
    "m5.large, L-1216C47A",
    "f1.2xlarge, L-74FC7D96",
    "g4dn.xlarge, L-DB2E81BA",
    "vt1.3xlarge, L-DB2E81BA",
    "inf2.xlarge, L-1945791B",
    "p5.48xlarge, L-417A185B",
    "p3.2xlarge, L-417A185B",
    "x2idn.16xlarge, L-7295265B",
    "dl1.24xlarge, L-6E869C2A",
    "u-6tb1.metal, L-43DA4232",
    "trn1.32xlarge, L-2C3B7624",
    "hpc7g.16xlarge, L-F7808C92",
  })
  void onDemandQuotaCodes(String type, String code) {
    assertThat(InstanceClass.quotaCode(type, false)).contains(code);
  }

  @ParameterizedTest(name = "{0} spot counts against {1}")
  @CsvSource({
    "m5.large, L-34B43A08",
    "f1.2xlarge, L-88CF9481",
    "g4dn.xlarge, L-3819A6DF",
    "vt1.3xlarge, L-3819A6DF",
    "inf1.xlarge, L-B5D1601B",
    "p2.xlarge, L-7212CCBC",
    "p3.2xlarge, L-7212CCBC",
    "p4d.24xlarge, L-7212CCBC",
    "p5.48xlarge, L-C4BD4855",
    "p5e.48xlarge, L-C4BD4855",
    "x1.16xlarge, L-E3A00192",
    "dl1.24xlarge, L-85EED4F7",
    "trn1.32xlarge, L-6B0D517C",
  })
  void spotQuotaCodesWithP5Apart(String type, String code) {
    assertThat(InstanceClass.quotaCode(type, true)).contains(code);
  }

  @Test
  void hpcAndHighMemoryHaveNoSpotQuota() {
    assertThat(InstanceClass.quotaCode("hpc7g.16xlarge", true)).isEmpty();
    assertThat(InstanceClass.quotaCode("u-6tb1.metal", true)).isEmpty();
  }

  @Test
  void quotaCodesListsTheTenOnDemandAndNineSpotCodes() {
    assertThat(InstanceClass.QUOTA_CODES)
        .hasSize(19)
        .contains("L-1216C47A", "L-F7808C92", "L-C4BD4855", "L-7212CCBC", "L-6B0D517C")
        .doesNotContain("L-0263D0A3");
  }
}
