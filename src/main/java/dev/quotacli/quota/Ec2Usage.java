package dev.quotacli.quota;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Turns EC2 Describe answers into usage numbers: vCPUs per quota class, EIPs, TGWs. Pure. */
public final class Ec2Usage {
  /** EC2-VPC Elastic IPs. */
  public static final String VPC_ELASTIC_IPS = "L-0263D0A3";

  /** Transit gateways per account. */
  public static final String TRANSIT_GATEWAYS = "L-A2478D36";

  /** AMIs. */
  public static final String AMIS = "L-B665C33B";

  private Ec2Usage() {}

  /**
   * A pending or running instance as DescribeInstances reports it.
   *
   * @param instanceType e.g. {@code m5.large}
   * @param spot whether its {@code InstanceLifecycle} is {@code spot}
   * @param tenancy {@code default}, {@code dedicated} or {@code host}; null means default
   * @param cpuOptionsVcpus {@code CpuOptions.CoreCount × ThreadsPerCore}, or null when not reported
   */
  public record Ec2Instance(
      String instanceType, boolean spot, String tenancy, Integer cpuOptionsVcpus) {
    public Ec2Instance {
      Objects.requireNonNull(instanceType, "instanceType");
    }

    /** Dedicated Instances and Dedicated Hosts have quotas of their own (awslimitchecker #477). */
    public boolean sharedTenancy() {
      return tenancy == null || tenancy.isEmpty() || tenancy.equals("default");
    }
  }

  /** Whether any of the codes is a vCPU quota, so that DescribeInstances is needed. */
  public static boolean needsInstances(Collection<String> codes) {
    return codes.stream().anyMatch(InstanceClass.QUOTA_CODES::contains);
  }

  /** The instance types whose default vCPUs the count needs, sorted and distinct. */
  public static List<String> typesToLookUp(List<Ec2Instance> instances) {
    return instances.stream()
        .filter(Ec2Instance::sharedTenancy)
        .map(Ec2Instance::instanceType)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * vCPUs in use per vCPU quota.
   *
   * @param instances every pending and running instance (the caller read all pages)
   * @param vcpusByType {@code DefaultVCpus} by instance type; a type may be missing
   * @param wantedCodes the quotas to count; codes that are not vCPU quotas are ignored
   * @return a value for each wanted vCPU quota, 0 when nothing runs in its class; a quota is absent
   *     when an instance counting against it has vCPUs known neither from its type nor from its CPU
   *     options (an under-count would look like headroom)
   */
  public static Map<String, Double> vcpusByQuota(
      List<Ec2Instance> instances, Map<String, Integer> vcpusByType, Set<String> wantedCodes) {
    Map<String, Double> usage = new TreeMap<>();
    wantedCodes.stream()
        .filter(InstanceClass.QUOTA_CODES::contains)
        .forEach(c -> usage.put(c, 0.0));
    Set<String> unknown = new HashSet<>();
    for (Ec2Instance instance : instances) {
      if (!instance.sharedTenancy()) {
        continue;
      }
      Optional<String> code = InstanceClass.quotaCode(instance.instanceType(), instance.spot());
      if (code.isEmpty() || !usage.containsKey(code.get())) {
        continue;
      }
      Integer vcpus = vcpusOf(instance, vcpusByType);
      if (vcpus == null) {
        unknown.add(code.get());
      } else {
        usage.merge(code.get(), (double) vcpus, Double::sum);
      }
    }
    usage.keySet().removeAll(unknown);
    return usage;
  }

  /** The type's default vCPUs, else the instance's CPU options, else null. */
  static Integer vcpusOf(Ec2Instance instance, Map<String, Integer> vcpusByType) {
    Integer byType = vcpusByType.get(instance.instanceType());
    if (byType != null && byType > 0) {
      return byType;
    }
    Integer byOptions = instance.cpuOptionsVcpus();
    return byOptions != null && byOptions > 0 ? byOptions : null;
  }

  /** Elastic IPs that count against the EC2-VPC quota, from DescribeAddresses' Domain values. */
  public static long vpcAddresses(Collection<String> domains) {
    return domains.stream().filter("vpc"::equals).count();
  }

  /** Transit gateways that count, from DescribeTransitGateways' State values. */
  public static long liveTransitGateways(Collection<String> states) {
    return states.stream().filter(s -> !"deleted".equals(s)).count();
  }
}
