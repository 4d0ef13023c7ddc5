package org.fourmu.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics of the search (ARCHITECTURE.md), with their cleanup policies, and their creation.
 */
public final class Topics {

    public static final String EVENTS = "fourmu.events";
    public static final String RUNS = "fourmu.runs";
    public static final String CANDIDATES = "fourmu.candidates";
    public static final String SCAN = "fourmu.scan";
    public static final String LIMITS = "fourmu.limits";
    public static final String DEAD_LETTER = "fourmu.deadletter";
    /** Every segment's scan keyed by analysis, so one task assembles the whole limit curve. */
    public static final String SCAN_ASSEMBLY = "fourmu.scan.assembly";
    /** Each stream task's partial J/psi histogram per run, keyed "experiment/run/partition", for the one task that fits. */
    public static final String JPSI_PARTIALS = "fourmu.jpsi.partials";
    /** The J/psi monitor of each run (JpsiRunFit), keyed "experiment/run". */
    public static final String JPSI = "fourmu.jpsi";

    private Topics() {
    }

    /** A topic to create: name, whether it is compacted, and whether it takes the configured partition count. */
    public record Spec(String name, boolean compacted, boolean partitioned) {
    }

    public static final List<Spec> ALL = List.of(
            new Spec(EVENTS, false, true),
            new Spec(RUNS, true, false),
            new Spec(CANDIDATES, false, true),
            new Spec(SCAN, true, true),
            new Spec(LIMITS, true, false),
            new Spec(DEAD_LETTER, false, false),
            new Spec(SCAN_ASSEMBLY, true, false),
            new Spec(JPSI_PARTIALS, true, false),
            new Spec(JPSI, true, false));

    /**
     * Create the topics that do not exist yet (existing ones are left as they are).
     *
     * @return the names created
     */
    public static List<String> createMissing(Admin admin, int partitions, short replicationFactor) {
        try {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            List<NewTopic> toCreate = new ArrayList<>();
            for (Spec spec : ALL) {
                if (!existing.contains(spec.name())) {
                    NewTopic t = new NewTopic(spec.name(), spec.partitioned() ? partitions : 1, replicationFactor);
                    if (spec.compacted()) {
                        t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    toCreate.add(t);
                }
            }
            if (!toCreate.isEmpty()) {
                admin.createTopics(toCreate).all().get(30, TimeUnit.SECONDS);
            }
            return toCreate.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the fourmu topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating the fourmu topics: is the cluster reachable?", e);
        }
    }
}
