package io.kilowire.emulator.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process costs right now: CPU time so far, resident memory (now and at its peak) and
 * threads, from the JVM and, on Linux, {@code /proc/self/status} (which also counts the JVM's own
 * GC and compiler threads).
 *
 * @param cpuNanos CPU time of all the process's threads since it started
 * @param rssBytes resident set size; -1 where {@code /proc} is missing
 * @param peakRssBytes the highest resident set size so far (VmHWM); -1 where unknown
 * @param threads the process's threads (Java and JVM-internal); Java threads where unknown
 * @param javaThreads live Java threads
 * @param heapUsedBytes heap in use (garbage included until the next collection)
 */
public record ProcessStats(
    long cpuNanos,
    long rssBytes,
    long peakRssBytes,
    int threads,
    int javaThreads,
    long heapUsedBytes) {

  public static ProcessStats now() {
    long cpu = -1;
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      cpu = sun.getProcessCpuTime();
    }
    int javaThreads = ManagementFactory.getThreadMXBean().getThreadCount();
    long rss = -1;
    long peak = -1;
    int threads = javaThreads;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line) * 1024;
        } else if (line.startsWith("VmHWM:")) {
          peak = kilobytes(line) * 1024;
        } else if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.substring(8).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the JVM's figures stand alone.
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new ProcessStats(cpu, rss, peak, threads, javaThreads, heap);
  }

  private static long kilobytes(String line) {
    String value = line.substring(line.indexOf(':') + 1).trim();
    return Long.parseLong(value.substring(0, value.indexOf(' ')));
  }
}
