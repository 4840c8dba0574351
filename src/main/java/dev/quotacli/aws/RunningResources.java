package dev.quotacli.aws;

import dev.quotacli.account.Account;
import dev.quotacli.collect.CallGuard;
import dev.quotacli.cost.EbsVolume;
import dev.quotacli.cost.Ec2Running;
import dev.quotacli.cost.IdleAddress;
import dev.quotacli.cost.NatGateway;
import dev.quotacli.cost.RunningResource;
import dev.quotacli.quota.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * What runs now in one account and region, for the run-rate: running instances, EBS volumes
 * (attached or not), available NAT gateways and Elastic IPs without an association. Four Describe
 * calls (paginated ones page by page), each through the {@link CallGuard}. Thread-safe.
 */
public final class RunningResources {
  static final String SERVICE = "ec2";

  /** DescribeInstances, DescribeVolumes and DescribeNatGateways allow up to 1000. */
  static final int PAGE_SIZE = 1000;

  /** Volume states that are billed. */
  static final Set<String> BILLED_VOLUME_STATES = Set.of("creating", "available", "in-use");

  private final AwsClientFactory factory;
  private final Account account;

  public RunningResources(AwsClientFactory factory, Account account) {
    this.factory = factory;
    this.account = account;
  }

  /**
   * Every running resource in the region, in the order: instances, volumes, NAT gateways, idle IPs.
   */
  public List<RunningResource> in(Region region, CallGuard guard) {
    Ec2Client ec2 = factory.ec2(account, region);
    String name = region.name();
    List<RunningResource> all = new ArrayList<>();
    all.addAll(instances(ec2, name, guard));
    all.addAll(volumes(ec2, name, guard));
    all.addAll(natGateways(ec2, name, guard));
    all.addAll(idleAddresses(ec2, name, guard));
    return all;
  }

  private static List<Ec2Running> instances(Ec2Client ec2, String region, CallGuard guard) {
    Filter running = Filter.builder().name("instance-state-name").values("running").build();
    return GuardedPages.all(
        guard,
        SERVICE,
        "DescribeInstances",
        token -> {
          var r =
              ec2.describeInstances(b -> b.filters(running).maxResults(PAGE_SIZE).nextToken(token));
          List<Ec2Running> page = new ArrayList<>();
          r.reservations()
              .forEach(
                  res ->
                      res.instances()
                          .forEach(
                              i -> {
                                if (i.state() == null
                                    || "running".equals(i.state().nameAsString())) {
                                  page.add(toRunning(region, i));
                                }
                              }));
          return new GuardedPages.Page<>(page, r.nextToken());
        });
  }

  /** Maps the SDK model to the domain record. Pure. */
  static Ec2Running toRunning(String region, Instance i) {
    return new Ec2Running(
        region,
        i.instanceTypeAsString(),
        Ec2Running.operatingSystem(i.platformDetails(), i.platformAsString()),
        Ec2Running.tenancy(i.placement() == null ? null : i.placement().tenancyAsString()),
        "spot".equals(i.instanceLifecycleAsString()));
  }

  private static List<EbsVolume> volumes(Ec2Client ec2, String region, CallGuard guard) {
    return GuardedPages.all(
        guard,
        SERVICE,
        "DescribeVolumes",
        token -> {
          var r = ec2.describeVolumes(b -> b.maxResults(PAGE_SIZE).nextToken(token));
          List<EbsVolume> page = new ArrayList<>();
          for (Volume v : r.volumes()) {
            if (BILLED_VOLUME_STATES.contains(v.stateAsString())) {
              page.add(toVolume(region, v));
            }
          }
          return new GuardedPages.Page<>(page, r.nextToken());
        });
  }

  /**
   * Maps the SDK model to the domain record. Pure. IOPS are kept for io1, io2 and gp3 only: EC2
   * reports gp2's baseline IOPS too, which is not provisioned (nor billed).
   */
  static EbsVolume toVolume(String region, Volume v) {
    String type = v.volumeTypeAsString();
    boolean provisioned = Set.of("io1", "io2", "gp3").contains(type);
    return new EbsVolume(
        region,
        type,
        v.size() == null ? 0 : v.size(),
        provisioned ? v.iops() : null,
        "gp3".equals(type) ? v.throughput() : null);
  }

  private static List<NatGateway> natGateways(Ec2Client ec2, String region, CallGuard guard) {
    Filter available = Filter.builder().name("state").values("available").build();
    return GuardedPages.all(
        guard,
        SERVICE,
        "DescribeNatGateways",
        token -> {
          var r =
              ec2.describeNatGateways(
                  b -> b.filter(available).maxResults(PAGE_SIZE).nextToken(token));
          List<NatGateway> page = new ArrayList<>();
          r.natGateways()
              .forEach(
                  n -> {
                    if ("available".equals(n.stateAsString())) {
                      page.add(new NatGateway(region));
                    }
                  });
          return new GuardedPages.Page<>(page, r.nextToken());
        });
  }

  /** DescribeAddresses is not paginated. An address with no association is idle. */
  private static List<IdleAddress> idleAddresses(Ec2Client ec2, String region, CallGuard guard) {
    return GuardedPages.one(
        guard,
        SERVICE,
        "DescribeAddresses",
        () ->
            ec2.describeAddresses(b -> {}).addresses().stream()
                .filter(RunningResources::idle)
                .map(a -> new IdleAddress(region))
                .toList());
  }

  /** No association, instance or network interface (blank counts as none). Pure. */
  static boolean idle(Address a) {
    return blank(a.associationId()) && blank(a.instanceId()) && blank(a.networkInterfaceId());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
