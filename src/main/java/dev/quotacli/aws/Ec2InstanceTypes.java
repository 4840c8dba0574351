package dev.quotacli.aws;

import dev.quotacli.collect.CallGuard;
import dev.quotacli.collect.VcpuLookup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * Default vCPUs of instance types from DescribeInstanceTypes, up to {@value #BATCH} types a call;
 * every page goes through the {@link CallGuard}. Does not cache. Thread-safe if the client is.
 */
final class Ec2InstanceTypes implements VcpuLookup {
  static final String OPERATION = "DescribeInstanceTypes";

  /** The API's limit on the InstanceTypes filter and on MaxResults. */
  static final int BATCH = 100;

  /** AWS rejects a whole batch with this error code when one of its types does not exist. */
  static final String INVALID_TYPE = "InvalidInstanceType";

  /** "The following supplied instance types do not exist: [foo.bar, zz9.huge]" (AWS and moto). */
  private static final Pattern LISTED = Pattern.compile("\\[([^\\]]*)\\]");

  private final Ec2Client client;
  private final CallGuard guard;

  Ec2InstanceTypes(Ec2Client client, CallGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  /** An InvalidInstanceType answer, carried out of the guarded call to drop the named types. */
  private static final class RejectedTypes extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RejectedTypes(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public Map<String, Integer> vcpus(Collection<String> instanceTypes) {
    Map<String, Integer> out = new TreeMap<>();
    for (List<String> batch : partition(new TreeSet<>(instanceTypes), BATCH)) {
      out.putAll(lookUp(batch));
    }
    return out;
  }

  /**
   * Looks a batch up; types AWS says do not exist are dropped and the rest asked again, so one
   * retired or misspelt type does not hide the vCPUs of the others.
   */
  private Map<String, Integer> lookUp(List<String> types) {
    if (types.isEmpty()) {
      return Map.of();
    }
    List<InstanceTypeInfo> infos;
    try {
      infos = GuardedPages.all(guard, Ec2Counter.SERVICE, OPERATION, token -> fetch(types, token));
    } catch (RejectedTypes e) {
      return withoutInvalid(types, e.getMessage());
    }
    Map<String, Integer> out = new TreeMap<>();
    for (InstanceTypeInfo info : infos) {
      if (info.vCpuInfo() != null && info.vCpuInfo().defaultVCpus() != null) {
        out.put(info.instanceTypeAsString(), info.vCpuInfo().defaultVCpus());
      }
    }
    return out;
  }

  private GuardedPages.Page<InstanceTypeInfo> fetch(List<String> types, String token) {
    try {
      var r =
          client.describeInstanceTypes(
              b -> b.instanceTypesWithStrings(types).maxResults(BATCH).nextToken(token));
      return new GuardedPages.Page<>(r.instanceTypes(), r.nextToken());
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null && INVALID_TYPE.equals(e.awsErrorDetails().errorCode())) {
        throw new RejectedTypes(e.awsErrorDetails().errorMessage());
      }
      throw e;
    }
  }

  private Map<String, Integer> withoutInvalid(List<String> types, String message) {
    Set<String> invalid = invalidTypes(message);
    List<String> rest = types.stream().filter(t -> !invalid.contains(t)).toList();
    if (rest.size() < types.size()) {
      return lookUp(rest);
    }
    if (types.size() == 1) {
      return Map.of(); // the one type is unknown, though the message did not name it
    }
    // The message named none of ours: ask one type a call, so only unknown ones go missing.
    Map<String, Integer> out = new TreeMap<>();
    types.forEach(t -> out.putAll(lookUp(List.of(t))));
    return out;
  }

  /** The types an InvalidInstanceType message lists in brackets. Pure. */
  static Set<String> invalidTypes(String message) {
    Set<String> out = new TreeSet<>();
    Matcher m = LISTED.matcher(message == null ? "" : message);
    while (m.find()) {
      for (String t : m.group(1).split(",")) {
        if (!t.isBlank()) {
          out.add(t.strip());
        }
      }
    }
    return out;
  }

  /** Splits into lists of at most {@code size}, in iteration order. Pure. */
  static <T> List<List<T>> partition(Collection<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    List<T> current = new ArrayList<>();
    for (T item : items) {
      current.add(item);
      if (current.size() == size) {
        out.add(List.copyOf(current));
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      out.add(List.copyOf(current));
    }
    return out;
  }
}
