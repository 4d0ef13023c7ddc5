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
        return skimmedRange(first, count, skim, eventNumber, 1);
    }

    /**
     * As {@link #skimmedRange(long, int, FourTrackSkim, LongUnaryOperator)}, with each generator event used for
     * {@code oversampling} consecutive events: event {@code index} is generator event {@code index / oversampling}
     * through the detector with the streams of its own event number. Meant for processes whose generator dominates
     * the cost of the few events the skim keeps; the K events differ only in the detector's response (conversions,
     * efficiencies, smearing), so they are correlated. 1 gives every event its own generator event.
     */
    public List<RecordedEvent> skimmedRange(long first, long count, FourTrackSkim skim, LongUnaryOperator eventNumber,
                                            int oversampling) {
        if (oversampling < 1) {
            throw new IllegalArgumentException("oversampling must be >= 1, got " + oversampling);
        }
        if (count <= 0) {
            return List.of();
        }
        long firstGenerated = first / oversampling;
        int generatorEvents = Math.toIntExact((first + count - 1) / oversampling + 1 - firstGenerated);
        @SuppressWarnings("unchecked")
        List<RecordedEvent>[] out = new List[generatorEvents];
        IntStream.range(0, generatorEvents).parallel().forEach(j -> {
            long g = firstGenerated + j;
            GeneratedEvent generated = generator.generate(g);
            if (!skim.canPass(generated)) {
                return;
            }
            long to = Math.min(first + count, (g + 1) * oversampling);
            for (long i = Math.max(first, g * oversampling); i < to; i++) {
                RecordedEvent recorded = detector.simulate(generated, experiment, run, eventNumber.applyAsLong(i), beams, detectorSeed);
                if (skim.passes(recorded)) {
                    if (out[j] == null) {
                        out[j] = new ArrayList<>(1);
                    }
                    out[j].add(recorded);
                }
            }
        });
        List<RecordedEvent> kept = new ArrayList<>();
        for (List<RecordedEvent> events : out) {
            if (events != null) {
                kept.addAll(events);
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
