package weka.classifiers.functions.backprop.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

/**
 * Peak heap in use while it runs: the heap's used size polled every millisecond, and the used size just
 * before each garbage collection (from the GC beans' notifications), whichever is larger. This counts garbage
 * the collector has not yet reclaimed, so it grows with the heap the JVM may use; {@link #peakLive()} is the
 * largest heap left after a collection, the memory the run really needs.
 */
public final class HeapWatcher implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread poller;
  private final NotificationListener listener;
  private volatile boolean running = true;
  private volatile long peak;
  private volatile long peakLive;

  public HeapWatcher() {
    peak = memory.getHeapMemoryUsage().getUsed();
    listener = (notification, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        record(heapUsed(info.getMemoryUsageBeforeGc()));
        recordLive(heapUsed(info.getMemoryUsageAfterGc()));
      }
    };
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
    poller = new Thread(() -> {
      while (running) {
        record(memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-watcher");
    poller.setDaemon(true);
    poller.start();
  }

  private static long heapUsed(Map<String, MemoryUsage> pools) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
      if (!pool.getKey().contains("Metaspace") && !pool.getKey().contains("CodeHeap")
          && !pool.getKey().contains("Compressed Class")) {
        used += pool.getValue().getUsed();
      }
    }
    return used;
  }

  private synchronized void recordLive(long used) {
    if (used > peakLive) {
      peakLive = used;
    }
  }

  /** @return the largest heap in use right after a garbage collection so far (0 if none ran), in bytes */
  public long peakLive() {
    return peakLive;
  }

  private synchronized void record(long used) {
    if (used > peak) {
      peak = used;
    }
  }

  /** @return the peak heap in use so far, in bytes */
  public long peak() {
    record(memory.getHeapMemoryUsage().getUsed());
    return peak;
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      } catch (Exception e) {
        // already gone
      }
    }
  }

  /** @return heap in use after a full collection, in bytes */
  public static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
