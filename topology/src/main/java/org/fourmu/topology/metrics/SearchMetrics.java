package org.fourmu.topology.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.Stage;

/**
 * The search's own meters, named as docs/metrics.md promises the dashboards and alert rules.
 * Tags take bounded values only.
 */
public final class SearchMetrics {

    private final MeterRegistry registry;
    private final Counter eventsIn;
    private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
    private final Map<Stage, Counter> stagePassed = new EnumMap<>(Stage.class);
    private final Map<Stage, Counter> stageFailed = new EnumMap<>(Stage.class);
    private final Counter candidates;
    private final Counter unknownRuns;
    private final Counter triggerAgrees;
    private final Counter triggerDisagrees;

    public SearchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.eventsIn = Counter.builder("fourmu.events.in").description("Events read from fourmu.events").register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, Counter.builder("fourmu.deadletters").tag("reason", reason.name())
                    .description("Records sent to the dead-letter topic, by reason").register(registry));
        }
        for (Stage stage : Stage.values()) {
            stagePassed.put(stage, Counter.builder("fourmu.cutflow").tag("stage", stage.tag()).tag("outcome", "pass")
                    .description("Events through each stage of the per-event chain").register(registry));
            stageFailed.put(stage, Counter.builder("fourmu.cutflow").tag("stage", stage.tag()).tag("outcome", "fail")
                    .description("Events through each stage of the per-event chain").register(registry));
        }
        this.candidates = Counter.builder("fourmu.candidates.selected")
                .description("mu+mu- candidates out of the selection, before the MLP").register(registry);
        this.triggerAgrees = Counter.builder("fourmu.trigger.emulation").tag("agrees", "true")
                .description("Data events with recorded trigger bits, by agreement of the emulation with the bits").register(registry);
        this.triggerDisagrees = Counter.builder("fourmu.trigger.emulation").tag("agrees", "false")
                .description("Data events with recorded trigger bits, by agreement of the emulation with the bits").register(registry);
        this.unknownRuns = Counter.builder("fourmu.events.unknown.run")
                .description("Events whose run was not (yet) on fourmu.runs: nominal beams used").register(registry);
    }

    /** Count one event's passage through the chain: every stage before the failing one passed. */
    public void cutFlow(EventSelection.Outcome outcome) {
        if (outcome.trigger() != null && outcome.trigger().fromRecordedBits()) {
            (outcome.trigger().emulationAgrees() ? triggerAgrees : triggerDisagrees).increment();
        }
        for (Stage s : Stage.values()) {
            if (outcome.failedAt() == s) {
                stageFailed.get(s).increment();
                return;
            }
            stagePassed.get(s).increment();
        }
        candidates.increment(outcome.candidates().size());
    }

    public double cutFlowPassed(Stage stage) {
        return stagePassed.get(stage).count();
    }

    public double cutFlowFailed(Stage stage) {
        return stageFailed.get(stage).count();
    }

    public double triggerAgreement(boolean agrees) {
        return (agrees ? triggerAgrees : triggerDisagrees).count();
    }

    public double candidatesSelected() {
        return candidates.count();
    }

    public void unknownRun() {
        unknownRuns.increment();
    }

    public double unknownRunCount() {
        return unknownRuns.count();
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
