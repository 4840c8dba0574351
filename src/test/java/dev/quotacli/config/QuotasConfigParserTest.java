package dev.quotacli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.quotacli.quota.ExportPolicy;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Scope;
import dev.quotacli.quota.UsageOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotasConfigParserTest {

  private static final String EC2_HEAD =
      """
      version: 1
      services:
        ec2:
          scope: regional
      """;

  @Test
  void bundledDefaultDeclaresTheEightServicesWithTheirScopes() {
    QuotasConfig config = QuotasConfigParser.loadDefault();

    assertThat(config.source()).isEqualTo("quotas.yaml");
    assertThat(config.services())
        .extracting(ServiceConfig::code, ServiceConfig::scope)
        .containsExactly(
            tuple("ec2", Scope.REGIONAL),
            tuple("ebs", Scope.REGIONAL),
            tuple("elasticloadbalancing", Scope.REGIONAL),
            tuple("eks", Scope.REGIONAL),
            tuple("elasticache", Scope.REGIONAL),
            tuple("route53", Scope.GLOBAL),
            tuple("cloudfront", Scope.GLOBAL),
            tuple("sagemaker", Scope.REGIONAL));
  }

  @Test
  void bundledDefaultHasTheEc2OnDemandAndSpotVcpuQuotas() {
    ServiceConfig ec2 = QuotasConfigParser.loadDefault().service("ec2").orElseThrow();

    assertThat(ec2.quotaCodes())
        .contains(
            "L-1216C47A",
            "L-74FC7D96",
            "L-DB2E81BA",
            "L-1945791B",
            "L-417A185B",
            "L-7295265B",
            "L-34B43A08",
            "L-88CF9481",
            "L-3819A6DF",
            "L-B5D1601B",
            "L-7212CCBC",
            "L-E3A00192");
    assertThat(ec2.quotas())
        .contains(
            new QuotaConfig(
                "L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances"));
    assertThat(ec2.discover()).isEmpty();
  }

  @Test
  void bundledDefaultDiscoversSageMakerPerInstanceTypeQuotasByName() {
    ServiceConfig sagemaker = QuotasConfigParser.loadDefault().service("sagemaker").orElseThrow();

    assertThat(matchesAny(sagemaker, "ml.p4d.24xlarge for endpoint usage")).isTrue();
    assertThat(matchesAny(sagemaker, "ml.t3.medium for notebook instance usage")).isTrue();
    assertThat(matchesAny(sagemaker, "ml.c5.4xlarge for training job usage")).isTrue();
    assertThat(matchesAny(sagemaker, "Total number of notebook instances")).isFalse();
    assertThat(sagemaker.quotaCodes()).contains("L-04CE2E67", "L-7A3DF611");
  }

  @Test
  void bundledDefaultGivesEveryServiceAtLeastOneQuota() {
    assertThat(QuotasConfigParser.loadDefault().services())
        .allSatisfy(s -> assertThat(s.quotas()).isNotEmpty());
  }

  @Test
  void parsesServicesQuotasAndDiscoverRulesInFileOrder() {
    QuotasConfig config =
        QuotasConfigParser.parse(
            "q.yaml",
            """
            services:
              route53:
                scope: global
                quotas:
                  - code: L-4EA4796A
                    name: Hosted zones
              sagemaker:
                scope: regional
                discover:
                  - '^ml\\..+ for endpoint usage$'
            """);

    assertThat(config.source()).isEqualTo("q.yaml");
    assertThat(config.services())
        .extracting(ServiceConfig::code)
        .containsExactly("route53", "sagemaker");
    assertThat(config.service("route53").orElseThrow().quotas())
        .containsExactly(new QuotaConfig("L-4EA4796A", "Hosted zones"));
    ServiceConfig sagemaker = config.service("sagemaker").orElseThrow();
    assertThat(sagemaker.quotas()).isEmpty();
    assertThat(sagemaker.discover())
        .extracting(Pattern::pattern)
        .containsExactly("^ml\\..+ for endpoint usage$");
  }

  @Test
  void loadNamesTheFileAsGivenInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my-quotas.yaml");
    Files.writeString(file, "version: 1\nservice: {}\n");

    assertThatThrownBy(() -> QuotasConfigParser.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":2:1: unknown key 'service' at top level (expected version, services)");
  }

  @Test
  void loadOfAMissingFileNamesThePath(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");

    assertThatThrownBy(() -> QuotasConfigParser.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void yamlSyntaxErrorIsReportedAtTheProblemMark() {
    assertError(
        "version: 1\nservices:\n\tec2: {}\n",
        "quotas.yaml:3:1: found character '\\t(TAB)' that cannot start any token."
            + " (Do not use \\t(TAB) for indentation)");
  }

  @Test
  void secondDocumentIsRejected() {
    assertError(
        "version: 1\n---\nversion: 1\n",
        "quotas.yaml:2:1: expected a single document in the stream, but found another document");
  }

  @Test
  void emptyFileIsRejected() {
    assertError("", "quotas.yaml:1:1: file is empty");
    assertError("# nothing but a comment\n", "quotas.yaml:1:1: file is empty");
  }

  @Test
  void topLevelThatIsNotAMappingIsRejected() {
    assertError(
        "- ec2\n", "quotas.yaml:1:1: top level must be a mapping with keys version and services");
  }

  @Test
  void unknownServiceKeyNamesTheServiceAndTheExpectedKeys() {
    assertError(
        """
        version: 1
        services:
          ec2:
            scop: regional
            quotas: []
        """,
        "quotas.yaml:4:5: unknown key 'scop' in service 'ec2' (expected scope, quotas, discover, export)");
  }

  @Test
  void unknownQuotaKeyIsRejected() {
    assertError(
        EC2_HEAD + "    quotas:\n      - code: L-1216C47A\n        nmae: x\n",
        "quotas.yaml:7:9: unknown key 'nmae' in a quota of service 'ec2' (expected code, name)");
  }

  @Test
  void missingServicesIsRejectedAtTheTopLevelMapping() {
    assertError("version: 1\n", "quotas.yaml:1:1: missing key 'services' at top level");
  }

  @Test
  void missingScopeIsReportedAtTheServiceKey() {
    assertError(
        "services:\n  ec2:\n    quotas:\n      - {code: L-1216C47A, name: x}\n",
        "quotas.yaml:2:3: missing key 'scope' in service 'ec2'");
  }

  @Test
  void serviceWithNeitherQuotasNorDiscoverIsRejected() {
    assertError(EC2_HEAD, "quotas.yaml:3:3: missing key 'quotas' in service 'ec2'");
  }

  @Test
  void emptyQuotasWithoutDiscoverRulesIsRejected() {
    assertError(
        EC2_HEAD + "    quotas: []\n",
        "quotas.yaml:5:13: service 'ec2' needs at least one quota or discover rule");
  }

  @Test
  void missingQuotaNameIsRejectedAtTheQuotaEntry() {
    assertError(
        EC2_HEAD + "    quotas:\n      - code: L-1216C47A\n",
        "quotas.yaml:6:9: missing key 'name' in a quota of service 'ec2'");
  }

  @Test
  void scopeThatIsAListIsAWrongType() {
    assertError(
        "services:\n  ec2:\n    scope: [regional]\n    quotas: [{code: L-1216C47A, name: x}]\n",
        "quotas.yaml:3:12: scope must be a string");
  }

  @Test
  void scopeOtherThanRegionalOrGlobalIsRejected() {
    assertError(
        "services:\n  ec2:\n    scope: Regional\n    quotas: [{code: L-1216C47A, name: x}]\n",
        "quotas.yaml:3:12: scope must be regional or global, got 'Regional'");
  }

  @Test
  void numericQuotaCodeIsAWrongType() {
    assertError(
        EC2_HEAD + "    quotas:\n      - code: 12345678\n        name: x\n",
        "quotas.yaml:6:15: code must be a string");
  }

  @Test
  void quotaCodeMustBeLDashAndEightUpperCaseHexDigits() {
    assertError(
        EC2_HEAD + "    quotas:\n      - code: L-1216c47a\n        name: x\n",
        "quotas.yaml:6:15: invalid quota code 'L-1216c47a' (expected L- and 8 hex digits, e.g."
            + " L-1216C47A)");
  }

  @Test
  void duplicateQuotaCodeNamesTheEarlierLine() {
    assertError(
        EC2_HEAD
            + """
                quotas:
                  - code: L-1216C47A
                    name: first
                  - code: L-74FC7D96
                    name: other
                  - code: L-1216C47A
                    name: again
            """,
        "quotas.yaml:10:15: duplicate quota code 'L-1216C47A' in service 'ec2' (first at line 6)");
  }

  @Test
  void duplicateServiceNamesTheEarlierLine() {
    assertError(
        """
        services:
          ec2:
            scope: regional
            quotas: [{code: L-1216C47A, name: x}]
          ec2:
            scope: regional
            quotas: [{code: L-74FC7D96, name: y}]
        """,
        "quotas.yaml:5:3: duplicate key 'ec2' in services (first at line 2)");
  }

  @Test
  void duplicateKeyInsideAServiceIsRejected() {
    assertError(
        EC2_HEAD + "    scope: global\n",
        "quotas.yaml:5:5: duplicate key 'scope' in service 'ec2' (first at line 4)");
  }

  @Test
  void serviceCodeMustBeLowerCase() {
    assertError(
        "services:\n  EC2:\n    scope: regional\n    quotas: [{code: L-1216C47A, name: x}]\n",
        "quotas.yaml:2:3: invalid service code 'EC2'"
            + " (expected lowercase letters, digits and '-', starting with a letter)");
  }

  @Test
  void invalidDiscoverRegexIsReportedOnOneLine() {
    assertError(
        EC2_HEAD + "    discover:\n      - '^ml\\.(.+ for endpoint usage$'\n",
        "quotas.yaml:6:9: invalid discover regex '^ml\\.(.+ for endpoint usage$': Unclosed group"
            + " near index 28");
  }

  @Test
  void exportAllOptsADiscoveringServiceIntoEveryDiscoveredQuota() {
    QuotasConfig config =
        QuotasConfigParser.parse(
            "q.yaml",
            """
            services:
              sagemaker:
                scope: regional
                discover: ['^ml\\..+ for endpoint usage$']
                export: all
              ec2:
                scope: regional
                discover: ['^Running Dedicated ']
                export: notable
            """);

    assertThat(config.service("sagemaker").orElseThrow().export())
        .isEqualTo(ServiceConfig.Export.ALL);
    assertThat(config.service("ec2").orElseThrow().export())
        .isEqualTo(ServiceConfig.Export.NOTABLE);
  }

  @Test
  void exportIsNotableByDefault() {
    assertThat(QuotasConfigParser.loadDefault().services())
        .allSatisfy(s -> assertThat(s.export()).isEqualTo(ServiceConfig.Export.NOTABLE));
  }

  @Test
  void theExportPolicyKeepsListedQuotasAndDiscoveredOnesWhereNotable() {
    QuotasConfig config =
        QuotasConfigParser.parse(
            "q.yaml",
            """
            services:
              sagemaker:
                scope: regional
                quotas: [{code: L-04CE2E67, name: Total number of notebook instances}]
                discover: ['^ml\\..+ for endpoint usage$']
              elasticache:
                scope: regional
                discover: ['^Nodes ']
                export: all
              ec2:
                scope: regional
                quotas: [{code: L-1216C47A, name: x}]
            """);
    ExportPolicy export = config.exportPolicy();
    QuotaLimit listedAtDefault = limit("L-04CE2E67", LimitSource.DEFAULT, false);
    QuotaLimit discoveredAtDefault = limit("L-11111111", LimitSource.APPLIED, true);
    QuotaLimit discoveredRaised = limit("L-22222222", LimitSource.APPLIED, false);

    assertThat(export.limit("sagemaker", listedAtDefault)).isTrue();
    assertThat(export.limit("sagemaker", discoveredAtDefault)).isFalse();
    assertThat(export.limit("sagemaker", discoveredRaised)).isTrue();
    assertThat(export.usage("sagemaker", new QuotaUsage("L-04CE2E67", 0, UsageOrigin.COUNTER)))
        .isTrue();
    assertThat(export.usage("sagemaker", new QuotaUsage("L-11111111", 0, UsageOrigin.COUNTER)))
        .isFalse();
    assertThat(export.usage("sagemaker", new QuotaUsage("L-11111111", 1, UsageOrigin.COUNTER)))
        .isTrue();
    // export: all, and a service without discover rules: everything selected.
    assertThat(export.limit("elasticache", discoveredAtDefault)).isTrue();
    assertThat(export.usage("elasticache", new QuotaUsage("L-11111111", 0, UsageOrigin.COUNTER)))
        .isTrue();
    assertThat(export.limit("ec2", discoveredAtDefault)).isTrue();
  }

  private static QuotaLimit limit(String code, LimitSource source, boolean atDefault) {
    return new QuotaLimit(code, "q", 5, source, "None", null, atDefault);
  }

  @Test
  void exportOtherThanNotableOrAllIsRejected() {
    assertError(
        EC2_HEAD + "    discover: ['^Running ']\n    export: everything\n",
        "quotas.yaml:6:13: export must be notable or all, got 'everything'");
  }

  @Test
  void exportThatIsNotAStringIsAWrongType() {
    assertError(
        EC2_HEAD + "    discover: ['^Running ']\n    export: [all]\n",
        "quotas.yaml:6:13: export must be a string");
  }

  @Test
  void exportWithoutDiscoverRulesIsRejectedAtTheKey() {
    assertError(
        EC2_HEAD + "    quotas: [{code: L-1216C47A, name: x}]\n    export: all\n",
        "quotas.yaml:6:5: export applies to discovered quotas, but service 'ec2' has no discover"
            + " rules");
  }

  @Test
  void versionOtherThanOneIsRejected() {
    assertError(
        "version: 2\n"
            + "services:\n"
            + "  ec2:\n"
            + "    scope: regional\n"
            + "    quotas: [{code: L-1216C47A, name: x}]\n",
        "quotas.yaml:1:10: unsupported version '2' (expected 1)");
  }

  private static boolean matchesAny(ServiceConfig service, String quotaName) {
    return service.discover().stream().anyMatch(p -> p.matcher(quotaName).find());
  }

  private static void assertError(String yaml, String message) {
    assertThatThrownBy(() -> QuotasConfigParser.parse("quotas.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
