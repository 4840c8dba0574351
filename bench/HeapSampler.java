import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark-only Java agent (bench/run.sh compiles it into the work directory; it is not part of
 * quota-cli): measures the peak live heap of a run. Every {@code interval} ms it forces a full GC
 * ({@code System.gc()}) and reads the heap in use right after it, which is the live set at that
 * moment; the maximum over the run is the peak live heap (a lower bound of the true peak, to within
 * one interval). At exit it writes one JSON object to {@code out}: that maximum, the number of
 * samples, the sum of the heap pools' peak usage (JVM's own high-water marks, garbage included) and
 * the samples themselves ([seconds, MB] pairs).
 *
 * <p>Usage: {@code -javaagent:heap-sampler.jar=out=FILE,interval=250}
 */
public final class HeapSampler {
  private HeapSampler() {}

  private static List<String> seriesCopy(List<String> series) {
    synchronized (series) {
      return new ArrayList<>(series);
    }
  }

  public static void premain(String args) {
    String out = null;
    long interval = 250;
    for (String kv : (args == null ? "" : args).split(",")) {
      if (kv.startsWith("out=")) {
        out = kv.substring(4);
      } else if (kv.startsWith("interval=")) {
        interval = Long.parseLong(kv.substring(9));
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("HeapSampler: out=FILE is required");
    }
    final Path file = Path.of(out);
    final long sleep = Math.max(10, interval);
    final AtomicLong maxLive = new AtomicLong();
    final AtomicLong samples = new AtomicLong();
    final long started = System.nanoTime();
    final List<String> series = new ArrayList<>();
    Thread sampler =
        new Thread(
            () -> {
              var memory = ManagementFactory.getMemoryMXBean();
              try {
                while (true) {
                  Thread.sleep(sleep);
                  System.gc();
                  long used = memory.getHeapMemoryUsage().getUsed();
                  maxLive.accumulateAndGet(used, Math::max);
                  samples.incrementAndGet();
                  synchronized (series) {
                    series.add(
                        String.format(
                            "[%.2f, %.1f]", (System.nanoTime() - started) / 1e9, used / 1048576.0));
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long poolPeaks = 0;
                  for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                      poolPeaks += pool.getPeakUsage().getUsed();
                    }
                  }
                  String json =
                      String.format(
                          "{\"max_live_bytes\": %d, \"samples\": %d, \"interval_ms\": %d, \"pool_peaks_bytes\": %d,"
                              + " \"seconds\": %.3f, \"series_s_mb\": [%s]}%n",
                          maxLive.get(),
                          samples.get(),
                          sleep,
                          poolPeaks,
                          (System.nanoTime() - started) / 1e9,
                          String.join(", ", seriesCopy(series)));
                  try {
                    Files.writeString(file, json, StandardCharsets.UTF_8);
                  } catch (IOException e) {
                    System.err.println("HeapSampler: cannot write " + file + ": " + e.getMessage());
                  }
                },
                "heap-sampler-report"));
  }
}
