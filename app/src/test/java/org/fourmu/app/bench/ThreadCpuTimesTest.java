package org.fourmu.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTimesTest {

    @Test
    void groupsThreadsByNameWithNumbersAndIdsFolded() {
        assertEquals("data-plane-kafka-request-handler-#", ThreadCpuTimes.group("data-plane-kafka-request-handler-7"));
        assertEquals("fourmu-bench-ID-StreamThread-#",
                ThreadCpuTimes.group("fourmu-bench-0c9f1e2a-3b4c-4d5e-8f90-123456789abc-StreamThread-1"));
    }

    @Test
    void theGroupsAddUpToTheProcesssCpuTime() {
        ThreadCpuTimes before = ThreadCpuTimes.now();
        double x = 0;
        for (int i = 0; i < 20_000_000; i++) {
            x += Math.sqrt(i);
        }
        assertTrue(x > 0);
        Map<String, Double> used = ThreadCpuTimes.now().since(before);
        double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        double sum = used.values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(sum > 0 && sum * 1e9 < process, "groups plus the rest are the process's CPU in between: " + used);
        assertTrue(used.get(ThreadCpuTimes.group(Thread.currentThread().getName())) > 0, used.toString());
    }
}
