package org.fourmu.simulation.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.IntStream;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.skim.FourTrackSkim;

/**
 * A generator followed by the fast detector: event {@code index} of a seed is always the same
 * recorded event, whatever the thread count. Event numbers are the generator indices.
 */
public final class SimulatedProcess {

    private final EventGenerator generator;
    private final FastDetector detector;
    private final int experiment;
    private final int run;
    private final BeamConditions beams;
    private final long detectorSeed;

    public SimulatedProcess(EventGenerator generator, FastDetector detector, int experiment, int run,
                            BeamConditions beams, long seed) {
        this.generator = generator;
        this.detector = detector;
        this.experiment = experiment;
        this.run = run;
        this.beams = beams;
        // detector streams are keyed (seed', experiment, run, event): a different seed' from the generator's
        this.detectorSeed = Long.rotateLeft(seed, 29) ^ 0xDE7EC7L;
    }

    public EventGenerator generator() {
        return generator;
    }

    /** Recorded event number {@code index}. */
    public RecordedEvent event(long index) {
        return event(index, index);
    }

    /** Generator event {@code index} recorded as event {@code eventNumber} (the detector's streams follow the number). */
    public RecordedEvent event(long index, long eventNumber) {
        return detector.simulate(generator.generate(index), experiment, run, eventNumber, beams, detectorSeed);
    }

    /**
     * The events of generator indices first .. first + count - 1 that pass a skim, in index order, event
     * {@code index} numbered {@code eventNumber.applyAsLong(index)}. An event from which the detector cannot make the
     * skim's tracks is not passed through it; every stream is keyed by the event, so with the identity numbering
     * these are exactly the events of {@link #range} that pass the skim.
     */
    public List<RecordedEvent> skimmedRange(long first, int count, FourTrackSkim skim, LongUnaryOperator eventNumber) {
        RecordedEvent[] out = new RecordedEvent[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            GeneratedEvent generated = generator.generate(first + i);
            if (skim.canPass(generated)) {
                RecordedEvent recorded = detector.simulate(generated, experiment, run, eventNumber.applyAsLong(first + i), beams, detectorSeed);
                out[i] = skim.passes(recorded) ? recorded : null;
            }
        });
        List<RecordedEvent> kept = new ArrayList<>();
        for (RecordedEvent e : out) {
            if (e != null) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** Events first .. first + count - 1 computed in parallel, in index order. */
    public List<RecordedEvent> range(long first, int count) {
        RecordedEvent[] out = new RecordedEvent[count];
        IntStream.range(0, count).parallel().forEach(i -> out[i] = event(first + i));
        return List.of(out);
    }
}
