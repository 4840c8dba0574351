package dev.quotacli.collect;

import dev.quotacli.cache.InstanceTypeCache;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers vCPU lookups from {@link InstanceTypeCache} and asks the delegate only for types it has
 * not seen, then records them. Thread-safe: cache reads and writes are serialised on the cache
 * file, and fetches on one lock so that concurrent misses ask AWS once.
 */
public final class CachingVcpuLookup implements VcpuLookup {
  private static final Logger LOG = LoggerFactory.getLogger(CachingVcpuLookup.class);
  private static final Object FILE_LOCK = new Object();

  /**
   * One fetch at a time: targets that miss the same instance types together would each ask AWS (one
   * DescribeInstanceTypes per account and region on a cold pass); the second finds the first's
   * answer in the cache instead.
   */
  private static final Object FETCH_LOCK = new Object();

  private final InstanceTypeCache cache;
  private final VcpuLookup delegate;

  public CachingVcpuLookup(InstanceTypeCache cache, VcpuLookup delegate) {
    this.cache = cache;
    this.delegate = delegate;
  }

  @Override
  public Map<String, Integer> vcpus(Collection<String> instanceTypes) {
    Map<String, Integer> known = new HashMap<>();
    synchronized (FILE_LOCK) {
      known.putAll(cache.read());
    }
    if (instanceTypes.stream().anyMatch(t -> !known.containsKey(t))) {
      synchronized (FETCH_LOCK) {
        synchronized (FILE_LOCK) {
          known.putAll(cache.read()); // another target may have fetched them meanwhile
        }
        List<String> missing =
            instanceTypes.stream().distinct().filter(t -> !known.containsKey(t)).toList();
        if (!missing.isEmpty()) {
          Map<String, Integer> fetched = delegate.vcpus(missing);
          synchronized (FILE_LOCK) {
            Map<String, Integer> merged = new TreeMap<>(cache.read());
            merged.putAll(fetched);
            try {
              cache.write(merged);
            } catch (IOException e) {
              LOG.warn("cannot write instance type cache {}: {}", cache.path(), e.getMessage());
            }
          }
          known.putAll(fetched);
        }
      }
    }
    Map<String, Integer> out = new TreeMap<>();
    for (String t : instanceTypes) {
      if (known.containsKey(t)) {
        out.put(t, known.get(t));
      }
    }
    return out;
  }
}
