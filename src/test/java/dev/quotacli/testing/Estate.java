package dev.quotacli.testing;

import static dev.quotacli.testing.ServiceQuotasStub.quota;
import static dev.quotacli.testing.ServiceQuotasStub.quotaWithError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An emulated multi-account estate: CMDB rows in a test database, STS on moto, Service Quotas on
 * WireMock. Accounts: prod (static keys, two regions, applied values), staging (static keys, an
 * ErrorReason quota), shared (AssumeRole with ExternalId from base keys), broken (keys AWS
 * rejects), retired (disabled) and one malformed row.
 */
public final class Estate implements AutoCloseable {
  public static final String PROD = "111111111111";
  public static final String STAGING = "222222222222";
  public static final String SHARED = "210987654321";
  public static final String BROKEN = "333333333333";
  public static final String RETIRED = "444444444444";

  public static final String PROD_KEY = "AKIAPRODQUOTACLI0001";
  public static final String STAGING_KEY = "AKIASTAGEQUOTACLI002";
  public static final String BASE_KEY = "AKIABASEQUOTACLI0003";
  public static final String BROKEN_KEY = "AKIABROKENQUOTACLI04";
  public static final String EXTERNAL_ID = "ext-id-secret-77aa19";

  /**
   * Every secret the estate holds: none may appear in any output, log or cache. The ExternalId is
   * not one (AWS: "not a secret"); it is cached for CMDB outages, but never logged or exported.
   */
  public static final List<String> SECRETS =
      List.of(
          "prod-secret-9f8e7d6c5b4a",
          "staging-secret-0a1b2c3d",
          "base-secret-4e5f6a7b",
          "broken-secret-11223344");

  public static final String VCPU = "L-1216C47A";
  public static final String VCPU_NAME =
      "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances";
  public static final String EIP = "L-0263D0A3";
  public static final String EIP_NAME = "EC2-VPC Elastic IPs";
  public static final String SPOT = "L-34B43A08";
  public static final String SPOT_NAME =
      "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests";
  public static final String ALB = "L-53DA6B97";
  public static final String ALB_NAME = "Application Load Balancers per Region";
  public static final String ZONES = "L-4EA4796A";
  public static final String ZONES_NAME = "Hosted zones";

  public final TestDatabase db;
  public final ServiceQuotasStub quotas;
  public final MotoServer moto;

  private Estate(TestDatabase db, ServiceQuotasStub quotas, MotoServer moto) {
    this.db = db;
    this.quotas = quotas;
    this.moto = moto;
  }

  public static Estate start() {
    Estate e = new Estate(TestDatabase.create(), ServiceQuotasStub.start(), MotoServer.shared());
    e.seedCmdb();
    e.stubQuotas();
    return e;
  }

  private void seedCmdb() {
    db.execute(
        """
        CREATE TABLE aws_accounts (
          account_id CHAR(12) NOT NULL PRIMARY KEY, account_name VARCHAR(128) NOT NULL,
          access_key_id VARCHAR(128) NULL, secret_access_key VARCHAR(256) NULL,
          role_arn VARCHAR(2048) NULL, external_id VARCHAR(1224) NULL,
          regions VARCHAR(1024) NULL, enabled TINYINT(1) NOT NULL DEFAULT 1)""",
        "INSERT INTO aws_accounts VALUES ('"
            + PROD
            + "', 'prod', '"
            + PROD_KEY
            + "', 'prod-secret-9f8e7d6c5b4a', NULL, NULL, 'eu-west-1,us-east-1', 1)",
        "INSERT INTO aws_accounts VALUES ('"
            + STAGING
            + "', 'staging', '"
            + STAGING_KEY
            + "', 'staging-secret-0a1b2c3d', NULL, NULL, 'eu-west-1', 1)",
        "INSERT INTO aws_accounts VALUES ('"
            + SHARED
            + "', 'shared-services', '"
            + BASE_KEY
            + "', 'base-secret-4e5f6a7b', 'arn:aws:iam::"
            + SHARED
            + ":role/quota-reader', '"
            + EXTERNAL_ID
            + "', 'eu-west-1', 1)",
        "INSERT INTO aws_accounts VALUES ('"
            + BROKEN
            + "', 'broken', '"
            + BROKEN_KEY
            + "', 'broken-secret-11223344', NULL, NULL, 'eu-west-1', 1)",
        "INSERT INTO aws_accounts VALUES ('"
            + RETIRED
            + "', 'retired', '"
            + PROD_KEY
            + "', 'prod-secret-9f8e7d6c5b4a', NULL, NULL, 'eu-west-1', 0)",
        "INSERT INTO aws_accounts VALUES ('12345', 'typo', NULL, NULL, NULL, NULL, NULL, 1)");
  }

  /** Stubs are re-registered by {@link #stubQuotas()} after a {@code quotas.reset()}. */
  public void stubQuotas() {
    quotas.pageSize(2);
    List<ServiceQuotasStub.Quota> ec2Defaults =
        new ArrayList<>(
            List.of(
                quota(VCPU, VCPU_NAME, 5)
                    .usageMetric(
                        "AWS/Usage",
                        "ResourceCount",
                        Map.of(
                            "Service",
                            "EC2",
                            "Type",
                            "Resource",
                            "Resource",
                            "vCPU",
                            "Class",
                            "Standard/OnDemand"),
                        "Maximum"),
                quota(EIP, EIP_NAME, 5),
                quota(SPOT, SPOT_NAME, 5),
                quota("L-A2478D36", "Transit gateways per account", 5),
                quota("L-B665C33B", "AMIs", 50000)));
    // Everyone else (staging aside): AWS defaults only.
    quotas.anyRegion().service("ec2").defaults(ec2Defaults);
    quotas.anyRegion().service("elasticloadbalancing").defaults(quota(ALB, ALB_NAME, 50));
    quotas.anyRegion().service("route53").defaults(quota(ZONES, ZONES_NAME, 500));
    // prod: applied values in eu-west-1 and for route53.
    var prodEu = quotas.forAccessKey(PROD_KEY).forRegion("eu-west-1").account(PROD);
    prodEu.service("ec2").applied(quota(VCPU, VCPU_NAME, 1152)).defaults(ec2Defaults);
    prodEu
        .service("elasticloadbalancing")
        .applied(quota(ALB, ALB_NAME, 100))
        .defaults(quota(ALB, ALB_NAME, 50));
    var prodUs = quotas.forAccessKey(PROD_KEY).forRegion("us-east-1").account(PROD);
    prodUs.service("ec2").defaults(ec2Defaults);
    prodUs.service("elasticloadbalancing").defaults(quota(ALB, ALB_NAME, 50));
    prodUs
        .service("route53")
        .applied(quota(ZONES, ZONES_NAME, 1000))
        .defaults(quota(ZONES, ZONES_NAME, 500));
    // staging: the spot quota comes back with an ErrorReason, EIPs are raised.
    var staging = quotas.forAccessKey(STAGING_KEY).account(STAGING);
    staging
        .service("ec2")
        .applied(
            quota(EIP, EIP_NAME, 20),
            quotaWithError(
                SPOT,
                SPOT_NAME,
                "DEPENDENCY_ACCESS_DENIED_ERROR",
                "Can't retrieve the quota value from the dependent service due to insufficient permissions."))
        .defaults(ec2Defaults);
    staging.service("elasticloadbalancing").defaults(quota(ALB, ALB_NAME, 50));
    staging.service("route53").defaults(quota(ZONES, ZONES_NAME, 500));
    quotas.denyAccessKey(BROKEN_KEY);
  }

  /** The common arguments of a {@code limits} run against this estate. */
  public List<String> args(Path cacheDir) {
    return new ArrayList<>(
        List.of(
            "--cmdb-url", db.jdbcUrl(),
            "--cmdb-user", db.user(),
            "--quotas", Path.of("src/test/resources/estate/quotas.yaml").toString(),
            "--cache-dir", cacheDir.toString(),
            "--service-endpoint", "sts=" + moto.endpoint(),
            "--service-endpoint", "servicequotas=" + quotas.endpoint()));
  }

  /** The environment of a run: the CMDB password, if the test server has one. */
  public Map<String, String> env() {
    return db.password() == null || db.password().isEmpty()
        ? Map.of()
        : Map.of("QUOTA_CLI_CMDB_PASSWORD", db.password());
  }

  @Override
  public void close() {
    quotas.close();
    db.close();
  }
}
