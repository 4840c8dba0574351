package dev.quotacli.aws;

import static dev.quotacli.testing.ServiceQuotasStub.LIST_AWS_DEFAULT_SERVICE_QUOTAS;
import static dev.quotacli.testing.ServiceQuotasStub.LIST_SERVICE_QUOTAS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotacli.account.Account;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.QuotaSource;
import dev.quotacli.config.QuotasConfigParser;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.LimitMerger;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaSelection;
import dev.quotacli.quota.Region;
import dev.quotacli.testing.AwsCatalogue;
import dev.quotacli.testing.Fixtures;
import dev.quotacli.testing.ServiceQuotasStub;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Service Quotas adapter pages AWS-sized catalogues ({@link AwsCatalogue}) from {@link
 * ServiceQuotasStub#awsCatalogue}: every quota, 100 a page, MaxResults 100 on every page, and the
 * bundled quotas.yaml finds every configured code and discovers SageMaker's per-type quotas in
 * them.
 */
class ServiceQuotasCatalogueIT {
  private static final Region REGION = new Region("eu-west-1");
  private static final Account ACCOUNT = Fixtures.anAccount("123456789012", REGION.name());
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ServiceQuotasStub stub;

  @BeforeAll
  static void startStub() {
    stub = ServiceQuotasStub.start();
    stub.forRegion(REGION.name()).service("ec2").awsCatalogue().service("sagemaker").awsCatalogue();
  }

  @AfterAll
  static void stopStub() {
    stub.close();
  }

  /** The lists of one service through the adapter, with the calls it made. */
  private record Listed(List<ApiQuota> applied, List<ApiQuota> defaults, ApiStats stats) {}

  private static Listed list(String service) {
    ApiStats stats = new ApiStats();
    try (AwsClientFactory factory = TestClients.on(stub.endpoint(), stats)) {
      QuotaSource source =
          new AwsQuotaSources(factory)
              .open(ACCOUNT, REGION, TestClients.guard(stats, ACCOUNT.id().value(), REGION.name()));
      return new Listed(source.listApplied(service), source.listDefaults(service), stats);
    }
  }

  private static long calls(ApiStats stats, String operation) {
    ApiStats.Counts c = stats.snapshot().get(new ApiStats.Key("servicequotas", operation));
    return c == null ? 0 : c.calls();
  }

  @Test
  void ec2CatalogueArrivesWholeIn18PagesPerList() {
    Listed ec2 = list("ec2");

    assertThat(ec2.applied()).hasSize(AwsCatalogue.EC2_SIZE).hasSize(1730);
    assertThat(ec2.defaults()).hasSize(1730);
    assertThat(ec2.defaults()).extracting(ApiQuota::code).doesNotHaveDuplicates();
    assertThat(calls(ec2.stats(), LIST_SERVICE_QUOTAS)).isEqualTo(18);
    assertThat(calls(ec2.stats(), LIST_AWS_DEFAULT_SERVICE_QUOTAS)).isEqualTo(18);
    assertThat(stub.requestCount(LIST_SERVICE_QUOTAS, "ec2")).isEqualTo(18);
    assertThat(stub.requestCount(LIST_AWS_DEFAULT_SERVICE_QUOTAS, "ec2")).isEqualTo(18);
    assertThat(stub.requests(LIST_AWS_DEFAULT_SERVICE_QUOTAS))
        .allSatisfy(
            r -> assertThat(json(r.getBodyAsString()).path("MaxResults").asInt()).isEqualTo(100));

    ApiQuota vcpu =
        ec2.defaults().stream()
            .filter(q -> q.code().equals("L-1216C47A"))
            .findFirst()
            .orElseThrow();
    assertThat(vcpu.value()).isEqualTo(5.0);
    assertThat(vcpu.usageMetric().name()).isEqualTo("ResourceCount");
    assertThat(vcpu.usageMetric().dimensions()).containsEntry("Class", "Standard/OnDemand");

    ServiceConfig configured = QuotasConfigParser.loadDefault().service("ec2").orElseThrow();
    var merged = LimitMerger.merge(ec2.applied(), ec2.defaults());
    var selected =
        QuotaSelection.select(merged.limits(), configured.quotaCodes(), configured.discover());
    assertThat(selected.missingCodes()).isEmpty();
    assertThat(selected.limits()).hasSize(configured.quotas().size());
  }

  @Test
  void sageMakerCatalogueArrivesWholeIn9PagesAndDiscoveryFindsAboutHalf() {
    Listed sageMaker = list("sagemaker");

    assertThat(sageMaker.applied()).hasSize(AwsCatalogue.SAGEMAKER_SIZE).hasSize(810);
    assertThat(sageMaker.defaults()).hasSize(810);
    assertThat(calls(sageMaker.stats(), LIST_SERVICE_QUOTAS)).isEqualTo(9);
    assertThat(calls(sageMaker.stats(), LIST_AWS_DEFAULT_SERVICE_QUOTAS)).isEqualTo(9);

    ServiceConfig configured = QuotasConfigParser.loadDefault().service("sagemaker").orElseThrow();
    var merged = LimitMerger.merge(sageMaker.applied(), sageMaker.defaults());
    var selected =
        QuotaSelection.select(merged.limits(), configured.quotaCodes(), configured.discover());
    assertThat(selected.missingCodes()).isEmpty();
    // 15 configured (7 of them per-type) + the other 382 per-type quotas the rules discover
    assertThat(selected.limits()).hasSize(397);
    assertThat(selected.limits())
        .extracting(QuotaLimit::name)
        .filteredOn(n -> Pattern.compile("^ml\\..+ for (\\w+ )+usage$").matcher(n).matches())
        .hasSize(389);
  }

  @Test
  void aCatalogueQuotaCanBeReadOnItsOwnToo() {
    ApiStats stats = new ApiStats();
    try (AwsClientFactory factory = TestClients.on(stub.endpoint(), stats)) {
      QuotaSource source =
          new AwsQuotaSources(factory)
              .open(ACCOUNT, REGION, TestClients.guard(stats, ACCOUNT.id().value(), REGION.name()));
      String dedicatedM5 =
          AwsCatalogue.of("ec2").stream()
              .filter(q -> q.name().equals("Running Dedicated m5 Hosts"))
              .findFirst()
              .orElseThrow()
              .code();

      assertThat(source.getDefault("ec2", dedicatedM5))
          .hasValueSatisfying(q -> assertThat(q.name()).isEqualTo("Running Dedicated m5 Hosts"));
      assertThat(source.getApplied("ec2", "L-1216C47A"))
          .hasValueSatisfying(q -> assertThat(q.value()).isEqualTo(5.0));
      assertThat(source.getApplied("ec2", "L-00000000")).isEmpty();
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
