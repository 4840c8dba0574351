package dev.quotacli.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.config.QuotaConfig;
import dev.quotacli.config.QuotasConfigParser;
import dev.quotacli.config.ServiceConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AwsCatalogueTest {
  /**
   * The catalogues' digests. The Python twin, bench/catalogue.py ({@code python3 bench/estate.py
   * catalogue --fingerprint}), must print the same: change both generators together, then these.
   */
  static final String EC2_FINGERPRINT =
      "1c483db61c601deff35ae5996a297fca5de4724d03a1683480fab3c7f022258d";

  static final String SAGEMAKER_FINGERPRINT =
      "19ba8917d190a1c8fb2c06d80fcea803fa20b416b7e95ff9a11e50b7c34176c5";

  private static final Pattern CODE = Pattern.compile("L-[0-9A-F]{8}");

  private static ServiceConfig configured(String service) {
    return QuotasConfigParser.loadDefault().service(service).orElseThrow();
  }

  private static Map<String, ServiceQuotasStub.Quota> byCode(List<ServiceQuotasStub.Quota> qs) {
    return qs.stream()
        .collect(Collectors.toMap(ServiceQuotasStub.Quota::code, Function.identity()));
  }

  @Test
  void ec2AndSageMakerHaveAwsSizedCatalogues() {
    List<ServiceQuotasStub.Quota> ec2 = AwsCatalogue.of("ec2");
    List<ServiceQuotasStub.Quota> sageMaker = AwsCatalogue.of("sagemaker");

    assertThat(ec2).hasSize(AwsCatalogue.EC2_SIZE).hasSize(1730);
    assertThat(sageMaker).hasSize(AwsCatalogue.SAGEMAKER_SIZE).hasSize(810);
    for (List<ServiceQuotasStub.Quota> catalogue : List.of(ec2, sageMaker)) {
      assertThat(catalogue)
          .extracting(ServiceQuotasStub.Quota::code)
          .allMatch(c -> CODE.matcher(c).matches())
          .doesNotHaveDuplicates()
          .isSorted();
      assertThat(catalogue)
          .extracting(q -> q.name().toLowerCase(Locale.ROOT))
          .doesNotHaveDuplicates();
      assertThat(catalogue).allMatch(q -> q.value() >= 0 && q.value() == Math.rint(q.value()));
      assertThat(catalogue).noneMatch(ServiceQuotasStub.Quota::global);
    }
  }

  @Test
  void catalogueIsDeterministic() {
    assertThat(AwsCatalogue.fingerprint(AwsCatalogue.of("ec2")))
        .isEqualTo(AwsCatalogue.fingerprint(AwsCatalogue.of("ec2")))
        .isEqualTo(EC2_FINGERPRINT);
    assertThat(AwsCatalogue.fingerprint(AwsCatalogue.of("sagemaker")))
        .isEqualTo(SAGEMAKER_FINGERPRINT);
  }

  @Test
  void configuredQuotasKeepTheirRealCodesNamesAndDefaults() {
    for (String service : AwsCatalogue.services()) {
      Map<String, ServiceQuotasStub.Quota> catalogue = byCode(AwsCatalogue.of(service));
      for (QuotaConfig q : configured(service).quotas()) {
        assertThat(catalogue).containsKey(q.code());
        assertThat(catalogue.get(q.code()).name()).isEqualTo(q.name());
        assertThat(catalogue.get(q.code()).value())
            .isEqualTo(AwsCatalogue.CONFIGURED_DEFAULTS.get(q.code()));
      }
    }
    Map<String, ServiceQuotasStub.Quota> ec2 = byCode(AwsCatalogue.of("ec2"));
    assertThat(ec2.get("L-1216C47A").value()).isEqualTo(5.0);
    assertThat(ec2.get("L-1216C47A").usageMetricName()).isEqualTo("ResourceCount");
    assertThat(ec2.get("L-B665C33B").value()).isEqualTo(50000.0);
    assertThat(ec2.values().stream().filter(q -> q.usageMetricName() != null)).hasSize(19);
  }

  @Test
  void mostEc2QuotasArePerInstanceFamily() {
    List<ServiceQuotasStub.Quota> ec2 = AwsCatalogue.of("ec2");

    long perFamily =
        ec2.stream()
            .filter(
                q ->
                    AwsCatalogue.EC2_FAMILIES.stream()
                        .anyMatch(f -> q.name().matches("(^|.* )" + Pattern.quote(f) + " .*")))
            .count();

    assertThat(perFamily).isGreaterThan(ec2.size() * 9 / 10);
    assertThat(ec2)
        .extracting(ServiceQuotasStub.Quota::name)
        .contains("Running Dedicated m5 Hosts", "AMI sharing", "EC2-VPC Elastic IPs");
  }

  @Test
  void aboutHalfOfSageMakerIsWhatTheBundledDiscoveryRulesSelect() {
    ServiceConfig sageMaker = configured("sagemaker");
    List<ServiceQuotasStub.Quota> catalogue = AwsCatalogue.of("sagemaker");

    List<String> discovered =
        catalogue.stream()
            .map(ServiceQuotasStub.Quota::name)
            .filter(n -> sageMaker.discover().stream().anyMatch(p -> p.matcher(n).find()))
            .toList();

    assertThat(discovered).hasSize(389);
    assertThat(discovered.size()).isBetween(catalogue.size() * 4 / 10, catalogue.size() * 6 / 10);
    assertThat(discovered)
        .contains(
            "ml.p4d.24xlarge for endpoint usage",
            "ml.m5.xlarge for training job usage",
            "ml.t3.medium for notebook instance usage",
            "ml.c5.2xlarge for spot training job usage")
        .doesNotContain("ml.m5.xlarge for training warm pool usage");
    assertThat(catalogue)
        .extracting(ServiceQuotasStub.Quota::name)
        .contains(
            "ml.m5.xlarge for processing job usage",
            "Studio JupyterLab Apps running on ml.t3.medium instances",
            "Longest run time for a training job");
  }

  @Test
  void otherServicesHaveNoCatalogue() {
    assertThatThrownBy(() -> AwsCatalogue.of("ebs", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
