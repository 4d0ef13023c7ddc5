package org.fourmu.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of the process's threads, grouped by name with numbers and ids folded
 * ({@code data-plane-kafka-request-handler-#}): the Java threads from the JVM (user and system time), the
 * JVM's own threads (garbage collection, JIT compilers, VM thread) from {@code /proc/self/task} on Linux,
 * and the rest of the process's CPU time as "other". A JFR execution sample sees neither the JVM's own
 * threads nor time spent in the kernel (socket and file I/O of the broker and the clients); this does.
 */
public final class ThreadCpuTimes {

    /** Group of the JVM's own threads, by the names the JVM gives them (Linux truncates them to 15 characters). */
    private static final Pattern JVM_THREAD = Pattern.compile("^(GC Thread|G1 |C1 Compiler|C2 Compiler|VM Thread|VM Periodic|Sweeper)");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    static final String OTHER = "other (threads that ended in between)";

    private final Map<String, Double> secondsByGroup;
    private final double processSeconds;

    private ThreadCpuTimes(Map<String, Double> secondsByGroup, double processSeconds) {
        this.secondsByGroup = secondsByGroup;
        this.processSeconds = processSeconds;
    }

    /** The thread group a name belongs to: UUIDs become "ID", numbers "#". */
    static String group(String threadName) {
        return NUMBER.matcher(ID.matcher(threadName).replaceAll("ID")).replaceAll("#");
    }

    /** CPU seconds used so far, by thread group, and the process's total. */
    public static ThreadCpuTimes now() {
        Map<String, Double> out = new LinkedHashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            long ns = t == null ? -1 : threads.getThreadCpuTime(t.getThreadId());
            if (ns > 0) {
                out.merge(group(t.getThreadName()), ns / 1e9, Double::sum);
            }
        }
        jvmThreadSeconds().forEach((group, s) -> out.merge(group, s, Double::sum));
        double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new ThreadCpuTimes(out, process);
    }

    /** The JVM's own threads' user and system time from /proc/self/task (empty where there is no /proc). */
    private static Map<String, Double> jvmThreadSeconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (!JVM_THREAD.matcher(name).find()) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // fields after the parenthesised name: state is field 3, utime 14, stime 15 (clock ticks)
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS_PER_SECOND;
                    out.merge("JVM: " + group(name), seconds, Double::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException noProc) {
            return Map.of();
        }
        return out;
    }

    /** USER_HZ: 100 on every Linux architecture the JVM runs on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    /**
     * The CPU seconds each group used between {@code before} and this, and {@link #OTHER}: the rest of the process's
     * CPU time. A group whose threads all ended in between (an idle pool's workers) is left out rather than counted
     * negative.
     */
    public Map<String, Double> since(ThreadCpuTimes before) {
        Map<String, Double> out = new LinkedHashMap<>();
        double attributed = 0;
        for (Map.Entry<String, Double> e : secondsByGroup.entrySet()) {
            double used = e.getValue() - before.secondsByGroup.getOrDefault(e.getKey(), 0.0);
            out.put(e.getKey(), used);
            attributed += used;
        }
        out.put(OTHER, processSeconds - before.processSeconds - attributed);
        return out;
    }

    /** The groups' CPU per event in microseconds, largest first, those above {@code minMicros}. */
    public static List<Map.Entry<String, Double>> microsPerEvent(Map<String, Double> seconds, long events, double minMicros) {
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        seconds.forEach((group, s) -> {
            double us = s * 1e6 / events;
            if (Math.abs(us) >= minMicros) {
                out.add(Map.entry(group, us));
            }
        });
        out.sort(Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue()));
        return out;
    }
}
