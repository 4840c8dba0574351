package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.UsageCounter;
import dev.quotacli.quota.EbsUsage;
import dev.quotacli.quota.EbsUsage.EbsVolume;
import dev.quotacli.quota.QuotaLimit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Counts EBS usage (storage in TiB and provisioned IOPS per volume type, self-owned snapshots) over
 * the EC2 API, making only the calls the requested quotas need; a failed call loses only the quotas
 * that need it. Every page goes through the {@link CallGuard} under service {@code ec2}, the API it
 * calls. Thread-safe if the client is.
 */
final class EbsCounter implements UsageCounter {
  /** DescribeVolumes allows up to 500 a page. */
  static final int VOLUME_PAGE_SIZE = 500;

  /** DescribeSnapshots allows up to 1000 a page. */
  static final int SNAPSHOT_PAGE_SIZE = 1000;

  private final Ec2Client client;
  private final CallGuard guard;

  EbsCounter(Ec2Client client, CallGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  @Override
  public Counted countEach(List<QuotaLimit> quotas) {
    Set<String> codes = quotas.stream().map(QuotaLimit::code).collect(Collectors.toSet());
    Tally tally = new Tally();
    if (EbsUsage.needsVolumes(codes)) {
      Set<String> volumeCodes =
          codes.stream()
              .filter(
                  c ->
                      EbsUsage.STORAGE_CODES.containsValue(c)
                          || EbsUsage.IOPS_CODES.containsValue(c))
              .collect(Collectors.toSet());
      tally.group(volumeCodes, () -> EbsUsage.byQuota(volumes(), codes));
    }
    if (codes.contains(EbsUsage.SNAPSHOTS)) {
      tally.group(
          Set.of(EbsUsage.SNAPSHOTS),
          () -> Map.of(EbsUsage.SNAPSHOTS, (double) ownSnapshotCount()));
    }
    return tally.counted();
  }

  private List<EbsVolume> volumes() {
    return GuardedPages.all(
        guard,
        Ec2Counter.SERVICE,
        "DescribeVolumes",
        token -> {
          var r = client.describeVolumes(b -> b.maxResults(VOLUME_PAGE_SIZE).nextToken(token));
          return new GuardedPages.Page<>(
              r.volumes().stream().map(EbsCounter::toVolume).toList(), r.nextToken());
        });
  }

  /** Maps the SDK model to the domain record. Pure. */
  static EbsVolume toVolume(Volume v) {
    return new EbsVolume(v.volumeTypeAsString(), v.size() == null ? 0 : v.size(), v.iops());
  }

  private long ownSnapshotCount() {
    return GuardedPages.all(
            guard,
            Ec2Counter.SERVICE,
            "DescribeSnapshots",
            token -> {
              var r =
                  client.describeSnapshots(
                      b -> b.ownerIds("self").maxResults(SNAPSHOT_PAGE_SIZE).nextToken(token));
              return new GuardedPages.Page<>(r.snapshots(), r.nextToken());
            })
        .size();
  }
}
