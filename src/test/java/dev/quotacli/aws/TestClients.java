package dev.quotacli.aws;

import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.FailsafeCallGuards;
import dev.quotacli.collect.RetrySettings;
import dev.quotacli.testing.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Client factories and fast-retry guards for the adapters' integration tests. */
final class TestClients {
  /** Three quick retries and no client-side pacing to speak of: tests wait for nothing. */
  static final RetrySettings FAST =
      new RetrySettings(
          3, Duration.ofMillis(1), Duration.ofMillis(10), 0, Duration.ofSeconds(20), 1000);

  private TestClients() {}

  /** Every service on the shared moto server. */
  static AwsClientFactory onMoto(ApiStats stats) {
    return on(MotoServer.shared().endpoint(), stats);
  }

  /** Every service on one endpoint (moto or a stub). */
  static AwsClientFactory on(URI endpoint, ApiStats stats) {
    return new AwsClientFactory(
        new Endpoints(endpoint, Map.of()), AwsClientFactory.Timeouts.DEFAULT, stats);
  }

  /**
   * A VPC {@code <cidr16>.0.0/16} with one /24 subnet per zone suffix, in order.
   *
   * @param cidr16 the first two octets, e.g. {@code "10.41"}
   * @param zoneSuffixes e.g. {@code "a", "b"}
   */
  static MotoSeed.Network network(
      Ec2Client ec2, String region, String cidr16, String... zoneSuffixes) {
    String vpc = ec2.createVpc(b -> b.cidrBlock(cidr16 + ".0.0/16")).vpc().vpcId();
    List<String> subnets = new ArrayList<>();
    for (int i = 0; i < zoneSuffixes.length; i++) {
      String cidr = cidr16 + "." + (i + 1) + ".0/24";
      String zone = region + zoneSuffixes[i];
      subnets.add(
          ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(cidr).availabilityZone(zone))
              .subnet()
              .subnetId());
    }
    return new MotoSeed.Network(vpc, List.copyOf(subnets));
  }

  static CallGuard guard(ApiStats stats, String account, String region) {
    return new FailsafeCallGuards(FAST, stats).forTarget(account, region);
  }
}
