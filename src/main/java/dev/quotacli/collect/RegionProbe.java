package dev.quotacli.collect;

import dev.quotacli.account.Account;
import dev.quotacli.quota.Region;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The calls region discovery makes. Failures are thrown as {@link ApiException}. */
public interface RegionProbe {
  /**
   * What a region can be found holding: one kind per counted regional service, in probe order
   * (cheapest first: one small call, then a few).
   */
  enum ResourceKind {
    /** EC2 instances in any state but terminated (a stopped instance still means in use). */
    EC2_INSTANCES("ec2"),
    /** EBS volumes not being deleted. */
    EBS_VOLUMES("ebs"),
    /** Load balancers: elbv2 (application, network, gateway), then classic. */
    LOAD_BALANCERS("elasticloadbalancing"),
    /** EKS clusters. */
    EKS_CLUSTERS("eks"),
    /** ElastiCache cache clusters not being deleted. */
    ELASTICACHE_CLUSTERS("elasticache"),
    /**
     * SageMaker notebook instances and endpoints not being deleted, then training jobs in progress.
     */
    SAGEMAKER("sagemaker");

    private final String service;

    ResourceKind(String service) {
      this.service = service;
    }

    /** The Service Quotas code of the service whose resources these are. */
    public String service() {
      return service;
    }

    /** Every kind, in probe order. */
    public static List<ResourceKind> all() {
      return List.of(values());
    }

    /**
     * The kinds to probe for the configured regional services, in probe order: the kind of each
     * service that has one. A regional service without one (a limits-only service such as {@code
     * vpc}) is stood for by EC2 instances, as discovery did before it probed per service; so is an
     * empty list, so that a region is never inactive for want of a probe.
     *
     * @param regionalServices the Service Quotas codes of the configured regional services
     */
    public static List<ResourceKind> forServices(Collection<String> regionalServices) {
      Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
      for (String service : regionalServices) {
        kinds.add(
            all().stream()
                .filter(k -> k.service.equals(service))
                .findFirst()
                .orElse(EC2_INSTANCES));
      }
      if (kinds.isEmpty()) {
        kinds.add(EC2_INSTANCES);
      }
      return List.copyOf(kinds);
    }
  }

  /** The regions enabled for the account (DescribeRegions, asked in us-east-1). */
  List<Region> enabledRegions(Account account, CallGuard guard);

  /**
   * Whether the region holds at least one resource of the kind. Reads every page it needs, and no
   * page past the first resource found.
   */
  boolean holds(Account account, Region region, ResourceKind kind, CallGuard guard);
}
