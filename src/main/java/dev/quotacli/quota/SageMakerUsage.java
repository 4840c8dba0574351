package dev.quotacli.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SageMaker usage per account and region: the totals by quota code, and the per-instance-type
 * quotas, which SageMaker has hundreds of and which are recognised by name ({@code "<instance type>
 * for <kind> usage"}, e.g. {@code "ml.t3.medium for notebook instance usage"}). Pure.
 *
 * <p>Counting rules (AWS does not document which states count; these count what holds or is about
 * to hold instances, and count an unknown state rather than miss it):
 *
 * <ul>
 *   <li>Notebook instances: one instance each, unless {@code Stopped}, {@code Deleting} or {@code
 *       Failed} (a stopped notebook keeps its volume, not its instance).
 *   <li>Endpoints: every endpoint except {@code Failed} and {@code Deleting}; each variant counts
 *       the larger of its current and desired instance count (AWS checks the quota when a create or
 *       scale-up is requested, and a scale-down still runs its current instances). Serverless
 *       variants have no instances.
 *   <li>Training jobs: those {@code InProgress}, each with its instance count (or the sum of its
 *       heterogeneous instance groups). A job with managed spot training counts toward the spot
 *       quotas instead of the on-demand ones.
 * </ul>
 */
public final class SageMakerUsage {
  /** Total number of notebook instances. */
  public static final String NOTEBOOK_INSTANCES = "L-04CE2E67";

  /** Number of instances across active endpoints. */
  public static final String ENDPOINT_INSTANCES = "L-7A3DF611";

  /** Number of instances across all training jobs. */
  public static final String TRAINING_INSTANCES = "L-00C91CB5";

  /** Number of instances across all spot training jobs. */
  public static final String SPOT_TRAINING_INSTANCES = "L-93958082";

  /** Notebook states that hold no instance. */
  public static final Set<String> NOTEBOOK_STATES_NOT_COUNTED =
      Set.of("Stopped", "Deleting", "Failed");

  /** Endpoint states that hold no instances. */
  public static final Set<String> ENDPOINT_STATES_NOT_COUNTED = Set.of("Failed", "Deleting");

  /** The one training-job state that is counted (ListTrainingJobs StatusEquals). */
  public static final String TRAINING_STATE_COUNTED = "InProgress";

  private static final Pattern TYPED =
      Pattern.compile(
          "(ml\\.\\S+) for (notebook instance|endpoint|training job|spot training job) usage");

  private SageMakerUsage() {}

  /** What a quota counts instances of; each kind has a total quota and per-type quotas. */
  public enum Kind {
    NOTEBOOK("notebook instance", NOTEBOOK_INSTANCES),
    ENDPOINT("endpoint", ENDPOINT_INSTANCES),
    TRAINING("training job", TRAINING_INSTANCES),
    SPOT_TRAINING("spot training job", SPOT_TRAINING_INSTANCES);

    private final String phrase;
    private final String totalCode;

    Kind(String phrase, String totalCode) {
      this.phrase = phrase;
      this.totalCode = totalCode;
    }

    /** The code of the kind's all-types quota. */
    public String totalCode() {
      return totalCode;
    }

    static Kind ofPhrase(String phrase) {
      for (Kind k : values()) {
        if (k.phrase.equals(phrase)) {
          return k;
        }
      }
      throw new IllegalArgumentException(phrase);
    }
  }

  /**
   * A per-instance-type quota.
   *
   * @param code the quota code
   * @param instanceType e.g. {@code ml.t3.medium}
   * @param kind what it counts instances of
   */
  public record TypedQuota(String code, String instanceType, Kind kind) {}

  /**
   * Instances of one type.
   *
   * @param instanceType e.g. {@code ml.m5.xlarge}; null where the counter did not look it up
   * @param count how many
   */
  public record Instances(String instanceType, int count) {}

  /**
   * A notebook instance as ListNotebookInstances lists it.
   *
   * @param instanceType its instance type
   * @param status its NotebookInstanceStatus
   */
  public record Notebook(String instanceType, String status) {}

  /**
   * An endpoint's production variant.
   *
   * @param instanceType the variant's instance type from the endpoint config; null if not looked up
   *     or serverless
   * @param currentInstances CurrentInstanceCount, null if absent
   * @param desiredInstances DesiredInstanceCount, null if absent
   */
  public record Variant(String instanceType, Integer currentInstances, Integer desiredInstances) {
    int instances() {
      return Math.max(
          currentInstances == null ? 0 : currentInstances,
          desiredInstances == null ? 0 : desiredInstances);
    }
  }

  /**
   * An endpoint.
   *
   * @param status its EndpointStatus
   * @param variants its production variants (empty when not counted, so not described)
   */
  public record Endpoint(String status, List<Variant> variants) {
    public Endpoint {
      variants = List.copyOf(variants);
    }
  }

  /**
   * A training job in progress.
   *
   * @param spot whether it uses managed spot training
   * @param instances its instances by type
   */
  public record TrainingJob(boolean spot, List<Instances> instances) {
    public TrainingJob {
      instances = List.copyOf(instances);
    }

    /**
     * From DescribeTrainingJob's ResourceConfig: the instance groups of a heterogeneous cluster if
     * there are any, else the single instance type and count.
     */
    public static TrainingJob of(
        boolean spot, String instanceType, Integer instanceCount, List<Instances> groups) {
      if (!groups.isEmpty()) {
        return new TrainingJob(spot, groups);
      }
      return new TrainingJob(
          spot, List.of(new Instances(instanceType, instanceCount == null ? 0 : instanceCount)));
    }
  }

  /** The per-instance-type quota a quota's name makes it, if any. */
  public static Optional<TypedQuota> typed(QuotaLimit quota) {
    if (quota.name() == null) {
      return Optional.empty();
    }
    Matcher m = TYPED.matcher(quota.name().strip());
    return m.matches()
        ? Optional.of(new TypedQuota(quota.code(), m.group(1), Kind.ofPhrase(m.group(2))))
        : Optional.empty();
  }

  /** Whether any of the quotas counts instances of the kind (its total or a per-type one). */
  public static boolean needs(List<QuotaLimit> quotas, Kind kind) {
    return quotas.stream().anyMatch(q -> q.code().equals(kind.totalCode()))
        || needsTypes(quotas, kind);
  }

  /** Whether any of the quotas is a per-type one of the kind, so instance types must be known. */
  public static boolean needsTypes(List<QuotaLimit> quotas, Kind kind) {
    return quotas.stream().flatMap(q -> typed(q).stream()).anyMatch(t -> t.kind() == kind);
  }

  public static boolean notebookCounts(String status) {
    return !NOTEBOOK_STATES_NOT_COUNTED.contains(status);
  }

  public static boolean endpointCounts(String status) {
    return !ENDPOINT_STATES_NOT_COUNTED.contains(status);
  }

  /** Usage of the notebook quotas among {@code quotas}. */
  public static Map<String, Double> notebooks(List<QuotaLimit> quotas, List<Notebook> notebooks) {
    List<Instances> running = new ArrayList<>();
    for (Notebook n : notebooks) {
      if (notebookCounts(n.status())) {
        running.add(new Instances(n.instanceType(), 1));
      }
    }
    return usage(quotas, Kind.NOTEBOOK, running);
  }

  /** Usage of the endpoint quotas among {@code quotas}. */
  public static Map<String, Double> endpoints(List<QuotaLimit> quotas, List<Endpoint> endpoints) {
    List<Instances> running = new ArrayList<>();
    for (Endpoint e : endpoints) {
      if (endpointCounts(e.status())) {
        e.variants().forEach(v -> running.add(new Instances(v.instanceType(), v.instances())));
      }
    }
    return usage(quotas, Kind.ENDPOINT, running);
  }

  /** Usage of the training and spot training quotas among {@code quotas}. */
  public static Map<String, Double> trainingJobs(List<QuotaLimit> quotas, List<TrainingJob> jobs) {
    List<Instances> onDemand = new ArrayList<>();
    List<Instances> spot = new ArrayList<>();
    jobs.forEach(j -> (j.spot() ? spot : onDemand).addAll(j.instances()));
    Map<String, Double> usage = new TreeMap<>(usage(quotas, Kind.TRAINING, onDemand));
    usage.putAll(usage(quotas, Kind.SPOT_TRAINING, spot));
    return usage;
  }

  /**
   * The kind's total quota (if among {@code quotas}) and every per-type quota of the kind: the
   * instances of its type, 0 if there are none.
   */
  static Map<String, Double> usage(List<QuotaLimit> quotas, Kind kind, List<Instances> running) {
    Map<String, Double> usage = new TreeMap<>();
    for (QuotaLimit q : quotas) {
      if (q.code().equals(kind.totalCode())) {
        usage.put(q.code(), (double) running.stream().mapToInt(Instances::count).sum());
      }
      typed(q)
          .filter(t -> t.kind() == kind)
          .ifPresent(
              t ->
                  usage.put(
                      t.code(),
                      (double)
                          running.stream()
                              .filter(i -> t.instanceType().equals(i.instanceType()))
                              .mapToInt(Instances::count)
                              .sum()));
    }
    return usage;
  }
}
