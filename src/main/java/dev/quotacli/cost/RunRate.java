package dev.quotacli.cost;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live run-rate: what the resources running now cost per hour, On-Demand list prices, per
 * region, service and resource type. Pure.
 *
 * <p>What it counts: instance hours (On-Demand; Spot and dedicated hosts are unpriced), EBS storage
 * (GB-month / {@value #HOURS_PER_MONTH} h), io1/io2 provisioned IOPS (IOPS-month / 730; io2 above
 * {@value #IO2_TIER1_MAX_IOPS} IOPS is tiered and left unpriced), gp3 IOPS above {@value
 * #GP3_FREE_IOPS} and throughput above {@value #GP3_FREE_THROUGHPUT} MiB/s, NAT gateway hours and
 * idle public IPv4 hours. What it does not: NAT gateway data processing, data transfer, snapshots,
 * in-use public IPv4 addresses, EBS-optimised or detailed-monitoring surcharges, Savings Plans,
 * Reserved Instances and credits (list prices only), burstable (T) CPU credits.
 *
 * <p>A resource with any charge it needs and has no price for is reported as unpriced, never priced
 * at 0 nor priced in part.
 */
public final class RunRate {
  /** The hours AWS spreads a month-priced charge over. */
  public static final double HOURS_PER_MONTH = 730;

  /** gp3 includes 3000 IOPS. */
  public static final int GP3_FREE_IOPS = 3000;

  /** gp3 includes 125 MiB/s. */
  public static final int GP3_FREE_THROUGHPUT = 125;

  /** io2 IOPS beyond this are priced in other tiers, not supported here. */
  public static final int IO2_TIER1_MAX_IOPS = 32000;

  public static final String SERVICE_EC2 = "ec2";
  public static final String SERVICE_EBS = "ebs";
  public static final String SERVICE_VPC = "vpc";

  private static final Set<String> OPERATING_SYSTEMS = Set.of("Linux", "Windows", "RHEL", "SUSE");
  private static final Set<String> TENANCIES = Set.of("Shared", "Dedicated");
  private static final Set<String> STORAGE_ONLY = Set.of("gp2", "st1", "sc1", "standard");

  private RunRate() {}

  /**
   * Hourly cost of one (region, service, resource type).
   *
   * @param region the region code
   * @param service {@value #SERVICE_EC2} (instances), {@value #SERVICE_EBS} (volumes), {@value
   *     #SERVICE_VPC} (NAT gateways, idle public IPv4)
   * @param resourceType the instance type, the volume type, {@code nat_gateway} or {@code
   *     public_ipv4_idle}
   * @param count how many priced resources
   * @param usdPerHour their summed hourly cost
   */
  public record Line(
      String region, String service, String resourceType, int count, double usdPerHour) {}

  /**
   * A resource the run-rate leaves out.
   *
   * @param resource the resource
   * @param reason one line: what price is missing, and why when known
   */
  public record Unpriced(RunningResource resource, String reason) {}

  /**
   * @param lines sorted by region, service, resource type
   * @param unpriced in input order
   */
  public record Result(List<Line> lines, List<Unpriced> unpriced) {
    public Result {
      lines = List.copyOf(lines);
      unpriced = List.copyOf(unpriced);
    }

    public double totalUsdPerHour() {
      return lines.stream().mapToDouble(Line::usdPerHour).sum();
    }
  }

  /** One priced quantity a resource needs. */
  private record Charge(PriceKey key, double quantity) {}

  /** What a resource needs priced, or why it cannot be priced at all. */
  private record Needs(List<Charge> charges, String unpriceable) {}

  /** Every price the resources need (nothing for resources that cannot be priced at all). */
  public static Set<PriceKey> wanted(Collection<? extends RunningResource> resources) {
    Set<PriceKey> keys = new TreeSet<>();
    for (RunningResource r : resources) {
      Needs needs = needs(r);
      if (needs.unpriceable() == null) {
        needs.charges().forEach(c -> keys.add(c.key()));
      }
    }
    return keys;
  }

  public static Result compute(
      Collection<? extends RunningResource> resources, Map<PriceKey, Price> prices) {
    return compute(resources, prices, Map.of());
  }

  /**
   * @param reasons why keys have no price (from the price lookup), quoted in the unpriced reasons
   */
  public static Result compute(
      Collection<? extends RunningResource> resources,
      Map<PriceKey, Price> prices,
      Map<PriceKey, String> reasons) {
    record Group(String region, String service, String type) {}
    Map<Group, double[]> sums =
        new TreeMap<>(
            Comparator.comparing(Group::region)
                .thenComparing(Group::service)
                .thenComparing(Group::type));
    List<Unpriced> unpriced = new ArrayList<>();
    for (RunningResource r : resources) {
      Needs needs = needs(r);
      if (needs.unpriceable() != null) {
        unpriced.add(new Unpriced(r, needs.unpriceable()));
        continue;
      }
      double hourly = 0;
      String missing = null;
      for (Charge c : needs.charges()) {
        Price p = prices.get(c.key());
        if (p == null) {
          String why = reasons.get(c.key());
          missing = "no price for " + c.key() + (why == null ? "" : ": " + why);
          break;
        }
        Double perHour = perHour(c.key().component(), p, c.quantity());
        if (perHour == null) {
          missing = "unexpected unit " + p.unit() + " for " + c.key();
          break;
        }
        hourly += perHour;
      }
      if (missing != null) {
        unpriced.add(new Unpriced(r, missing));
        continue;
      }
      double[] sum =
          sums.computeIfAbsent(
              new Group(r.region(), service(r), resourceType(r)), g -> new double[2]);
      sum[0] += 1;
      sum[1] += hourly;
    }
    List<Line> lines = new ArrayList<>();
    sums.forEach(
        (g, s) -> lines.add(new Line(g.region(), g.service(), g.type(), (int) s[0], s[1])));
    return new Result(lines, unpriced);
  }

  /**
   * The hourly cost of {@code quantity} units, or null when the unit does not fit the component.
   */
  static Double perHour(PriceKey.Component component, Price price, double quantity) {
    String unit = price.unit().toLowerCase(Locale.ROOT);
    double usd = price.usdPerUnit();
    switch (component) {
      case EC2_INSTANCE_HOURS:
      case NAT_GATEWAY_HOURS:
      case PUBLIC_IPV4_IDLE_HOURS:
        return unit.equals("hrs") ? usd * quantity : null;
      case EBS_STORAGE:
        return unit.equals("gb-mo") ? usd * quantity / HOURS_PER_MONTH : null;
      case EBS_IOPS:
        return unit.equals("iops-mo") ? usd * quantity / HOURS_PER_MONTH : null;
      case EBS_THROUGHPUT:
        if (unit.equals("mibps-mo")) {
          return usd * quantity / HOURS_PER_MONTH;
        }
        if (unit.equals("gibps-mo")) {
          return usd * quantity / 1024 / HOURS_PER_MONTH;
        }
        return null;
      default:
        return null;
    }
  }

  static String service(RunningResource r) {
    if (r instanceof Ec2Running) {
      return SERVICE_EC2;
    }
    if (r instanceof EbsVolume) {
      return SERVICE_EBS;
    }
    return SERVICE_VPC;
  }

  static String resourceType(RunningResource r) {
    if (r instanceof Ec2Running i) {
      return i.instanceType();
    }
    if (r instanceof EbsVolume v) {
      return v.volumeType();
    }
    if (r instanceof NatGateway) {
      return "nat_gateway";
    }
    return "public_ipv4_idle";
  }

  private static Needs needs(RunningResource r) {
    if (r instanceof Ec2Running i) {
      if (i.spot()) {
        return unpriceable("Spot instance: the On-Demand price does not apply");
      }
      if (!OPERATING_SYSTEMS.contains(i.platform())) {
        return unpriceable(
            "platform '" + i.platform() + "' is not priced (Linux, Windows, RHEL, SUSE only)");
      }
      if (!TENANCIES.contains(i.tenancy())) {
        return unpriceable(
            "tenancy '" + i.tenancy() + "' is not priced (billed per dedicated host)");
      }
      return charges(
          new Charge(
              PriceKey.instance(i.region(), i.instanceType(), i.platform(), i.tenancy()), 1));
    }
    if (r instanceof EbsVolume v) {
      return volumeNeeds(v);
    }
    if (r instanceof NatGateway n) {
      return charges(new Charge(PriceKey.natGatewayHours(n.region()), 1));
    }
    IdleAddress a = (IdleAddress) r;
    return charges(new Charge(PriceKey.idleIpv4Hours(a.region()), 1));
  }

  private static Needs volumeNeeds(EbsVolume v) {
    String type = v.volumeType();
    Charge storage = new Charge(PriceKey.ebsStorage(v.region(), type), v.sizeGiB());
    if (STORAGE_ONLY.contains(type)) {
      return charges(storage);
    }
    List<Charge> list = new ArrayList<>(List.of(storage));
    int iops = v.iops() == null ? 0 : v.iops();
    switch (type) {
      case "gp3":
        if (iops > GP3_FREE_IOPS) {
          list.add(new Charge(PriceKey.ebsIops(v.region(), type), iops - GP3_FREE_IOPS));
        }
        int throughput = v.throughputMiBps() == null ? GP3_FREE_THROUGHPUT : v.throughputMiBps();
        if (throughput > GP3_FREE_THROUGHPUT) {
          list.add(
              new Charge(
                  PriceKey.ebsThroughput(v.region(), type), throughput - GP3_FREE_THROUGHPUT));
        }
        return new Needs(list, null);
      case "io1":
      case "io2":
        if (v.iops() == null) {
          return unpriceable(type + " volume without provisioned IOPS");
        }
        if (type.equals("io2") && iops > IO2_TIER1_MAX_IOPS) {
          return unpriceable(
              "io2 IOPS above " + IO2_TIER1_MAX_IOPS + " are tier-priced, not supported");
        }
        list.add(new Charge(PriceKey.ebsIops(v.region(), type), iops));
        return new Needs(list, null);
      default:
        return unpriceable("volume type '" + type + "' is not priced");
    }
  }

  private static Needs charges(Charge... charges) {
    return new Needs(List.of(charges), null);
  }

  private static Needs unpriceable(String reason) {
    return new Needs(List.of(), reason);
  }
}
