package dev.quotacli.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.cache.InstanceTypeCache;
import dev.quotacli.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingVcpuLookupTest {
  @TempDir Path root;

  @Test
  void targetsThatMissTheSameTypesTogetherAskAwsOnce() throws Exception {
    InstanceTypeCache cache =
        new InstanceTypeCache(root, new MutableClock(Instant.parse("2026-12-01T00:00:00Z")));
    AtomicInteger asked = new AtomicInteger();
    VcpuLookup aws =
        (Collection<String> types) -> {
          asked.incrementAndGet();
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          Map<String, Integer> out = new TreeMap<>();
          types.forEach(t -> out.put(t, t.endsWith("xlarge") ? 4 : 2));
          return out;
        };
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Map<String, Integer>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(
            pool.submit(
                () -> new CachingVcpuLookup(cache, aws).vcpus(List.of("m5.xlarge", "t3.micro"))));
      }
      for (var a : answers) {
        assertThat(a.get(10, TimeUnit.SECONDS))
            .containsEntry("m5.xlarge", 4)
            .containsEntry("t3.micro", 2);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(asked).hasValue(1);
    // A new type is asked for alone.
    assertThat(new CachingVcpuLookup(cache, aws).vcpus(List.of("m5.xlarge", "c5.large")))
        .containsEntry("c5.large", 2);
    assertThat(asked).hasValue(2);
  }
}
