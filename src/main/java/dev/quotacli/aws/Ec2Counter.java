package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.collect.UsageCounter.Counted;
import dev.quotacli.collect.UsageCounter.Tally;
import dev.quotacli.collect.VcpuLookup;
import dev.quotacli.quota.Ec2Usage;
import dev.quotacli.quota.Ec2Usage.Ec2Instance;
import dev.quotacli.quota.InstanceClass;
import dev.quotacli.quota.QuotaLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.TransitGateway;

/**
 * Counts EC2 usage (vCPUs per instance class, VPC Elastic IPs, transit gateways, AMIs) over the
 * Describe APIs, making only the calls the requested quotas need; a failed call loses only the
 * quotas that need it (DescribeImages denied loses the AMIs, not the vCPUs). Every page goes
 * through the {@link CallGuard}. Thread-safe if the client and the lookup are.
 */
final class Ec2Counter implements UsageCounter {
  static final String SERVICE = "ec2";

  /** DescribeInstances, DescribeImages and DescribeTransitGateways allow up to 1000. */
  static final int PAGE_SIZE = 1000;

  private final Ec2Client client;
  private final CallGuard guard;
  private final VcpuLookup vcpus;
  private final int pageSize;

  Ec2Counter(Ec2Client client, CallGuard guard, VcpuLookup vcpus) {
    this(client, guard, vcpus, PAGE_SIZE);
  }

  /** With a smaller page size, so tests can page through few resources (EC2 allows 5..1000). */
  Ec2Counter(Ec2Client client, CallGuard guard, VcpuLookup vcpus, int pageSize) {
    this.client = client;
    this.guard = guard;
    this.vcpus = vcpus;
    this.pageSize = pageSize;
  }

  @Override
  public Counted countEach(List<QuotaLimit> quotas) {
    Set<String> codes = quotas.stream().map(QuotaLimit::code).collect(Collectors.toSet());
    Tally tally = new Tally();
    Set<String> vcpuCodes =
        codes.stream().filter(InstanceClass.QUOTA_CODES::contains).collect(Collectors.toSet());
    if (Ec2Usage.needsInstances(codes)) {
      tally.group(
          vcpuCodes,
          () -> {
            List<Ec2Instance> instances = runningInstances();
            List<String> types = Ec2Usage.typesToLookUp(instances);
            Map<String, Integer> byType = types.isEmpty() ? Map.of() : vcpus.vcpus(types);
            return Ec2Usage.vcpusByQuota(instances, byType, codes);
          });
    }
    if (codes.contains(Ec2Usage.VPC_ELASTIC_IPS)) {
      tally.group(
          Set.of(Ec2Usage.VPC_ELASTIC_IPS),
          () -> Map.of(Ec2Usage.VPC_ELASTIC_IPS, (double) Ec2Usage.vpcAddresses(addressDomains())));
    }
    if (codes.contains(Ec2Usage.TRANSIT_GATEWAYS)) {
      tally.group(
          Set.of(Ec2Usage.TRANSIT_GATEWAYS),
          () ->
              Map.of(
                  Ec2Usage.TRANSIT_GATEWAYS,
                  (double) Ec2Usage.liveTransitGateways(transitGatewayStates())));
    }
    if (codes.contains(Ec2Usage.AMIS)) {
      tally.group(Set.of(Ec2Usage.AMIS), () -> Map.of(Ec2Usage.AMIS, (double) ownImageCount()));
    }
    return tally.counted();
  }

  private List<Ec2Instance> runningInstances() {
    Filter running =
        Filter.builder().name("instance-state-name").values("pending", "running").build();
    return GuardedPages.all(
        guard,
        SERVICE,
        "DescribeInstances",
        token -> {
          var r =
              client.describeInstances(
                  b -> b.filters(running).maxResults(pageSize).nextToken(token));
          List<Ec2Instance> page = new ArrayList<>();
          r.reservations().forEach(res -> res.instances().forEach(i -> page.add(toInstance(i))));
          return new GuardedPages.Page<>(page, r.nextToken());
        });
  }

  /** Maps the SDK model to the domain record. Pure. */
  static Ec2Instance toInstance(Instance i) {
    Integer cpuOptions = null;
    if (i.cpuOptions() != null
        && i.cpuOptions().coreCount() != null
        && i.cpuOptions().threadsPerCore() != null) {
      cpuOptions = i.cpuOptions().coreCount() * i.cpuOptions().threadsPerCore();
    }
    // No InstanceLifecycle means On-Demand; "scheduled" and "capacity-block" count as On-Demand.
    return new Ec2Instance(
        i.instanceTypeAsString(),
        "spot".equals(i.instanceLifecycleAsString()),
        i.placement() == null ? null : i.placement().tenancyAsString(),
        cpuOptions);
  }

  /** DescribeAddresses is not paginated: one call answers every address in the region. */
  private List<String> addressDomains() {
    return GuardedPages.one(
        guard,
        SERVICE,
        "DescribeAddresses",
        () ->
            client.describeAddresses(b -> {}).addresses().stream()
                .map(Address::domainAsString)
                .toList());
  }

  private List<String> transitGatewayStates() {
    return GuardedPages.all(
        guard,
        SERVICE,
        "DescribeTransitGateways",
        token -> {
          var r = client.describeTransitGateways(b -> b.maxResults(pageSize).nextToken(token));
          return new GuardedPages.Page<>(
              r.transitGateways().stream().map(TransitGateway::stateAsString).toList(),
              r.nextToken());
        });
  }

  /** The AMIs quota counts available, pending and disabled AMIs; disabled ones need asking for. */
  private long ownImageCount() {
    return GuardedPages.all(
            guard,
            SERVICE,
            "DescribeImages",
            token -> {
              var r =
                  client.describeImages(
                      b ->
                          b.owners("self")
                              .includeDisabled(true)
                              .maxResults(pageSize)
                              .nextToken(token));
              return new GuardedPages.Page<>(r.images(), r.nextToken());
            })
        .size();
  }
}
