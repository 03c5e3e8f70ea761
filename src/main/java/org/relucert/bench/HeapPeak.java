package org.relucert.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap use while a task runs. Between collections the used heap only grows, so its maximum is reached
 * just before a collection or at the end: the peak is the largest heap use before any collection during the
 * task (summed over the heap pools, from the collectors' notifications) or after the task. Also records the
 * largest heap use right after a collection, a lower bound of the live data the task needed.
 */
final class HeapPeak implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    /** Per collector: its collection count at the start, and the notifications of later collections seen. */
    private final Map<String, Long> startCount = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
    private final NotificationListener listener = this::onGc;
    private boolean closed;

    /** Collects garbage (so earlier tasks do not count), then starts listening to the collectors. */
    HeapPeak() {
        System.gc();
        long used = heapUsed();
        peak.set(used);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                startCount.put(gc.getName(), gc.getCollectionCount());
                seen.put(gc.getName(), new AtomicLong());
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        GcInfo info = gc.getGcInfo();
        Long start = startCount.get(gc.getGcName());
        if (start == null || info.getId() <= start) {
            return; // a collection from before the task (e.g. the System.gc() above)
        }
        peak.accumulateAndGet(heapSum(info.getMemoryUsageBeforeGc()), Math::max);
        live.accumulateAndGet(heapSum(info.getMemoryUsageAfterGc()), Math::max);
        seen.get(gc.getGcName()).incrementAndGet();
    }

    private static long heapSum(Map<String, MemoryUsage> byPool) {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = byPool.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && u != null) {
                sum += u.getUsed();
            }
        }
        return sum;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Largest heap use seen so far, in bytes. */
    long peakBytes() {
        return Math.max(peak.get(), heapUsed());
    }

    /** Largest heap use right after a collection so far, in bytes (0 when no collection ran). */
    long liveBytes() {
        return live.get();
    }

    /** Stops listening, after the notifications of the task's collections (sent asynchronously) arrived. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        peak.accumulateAndGet(heapUsed(), Math::max);
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            Long start = startCount.get(gc.getName());
            while (start != null && seen.get(gc.getName()).get() < gc.getCollectionCount() - start
                    && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already removed
            }
        }
    }
}
