package dev.quotacli.collect;

import java.util.Collection;
import java.util.Map;

/** Default vCPUs of EC2 instance types (DescribeInstanceTypes); implementations may cache. */
public interface VcpuLookup {
  /** vCPUs by instance type for the types given; unknown types are absent. */
  Map<String, Integer> vcpus(Collection<String> instanceTypes);
}
