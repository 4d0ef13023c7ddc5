package org.fourmu.topology.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.fourmu.avro.DeadLetterReason;

/**
 * The search's own meters, named as docs/metrics.md promises the dashboards and alert rules.
 * Tags take bounded values only.
 */
public final class SearchMetrics {

    private final MeterRegistry registry;
    private final Counter eventsIn;
    private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);

    public SearchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.eventsIn = Counter.builder("fourmu.events.in").description("Events read from fourmu.events").register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, Counter.builder("fourmu.deadletters").tag("reason", reason.name())
                    .description("Records sent to the dead-letter topic, by reason").register(registry));
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void eventIn() {
        eventsIn.increment();
    }

    public void deadLetter(DeadLetterReason reason) {
        deadLetters.get(reason).increment();
    }

    public double deadLetters(DeadLetterReason reason) {
        return deadLetters.get(reason).count();
    }

    public double eventsIn() {
        return eventsIn.count();
    }
}
