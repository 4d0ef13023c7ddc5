package org.fourmu.simulation.detector;

import java.util.List;
import java.util.stream.IntStream;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.simulation.generator.EventGenerator;

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
        return detector.simulate(generator.generate(index), experiment, run, index, beams, detectorSeed);
    }

    /** Events first .. first + count - 1 computed in parallel, in index order. */
    public List<RecordedEvent> range(long first, int count) {
        RecordedEvent[] out = new RecordedEvent[count];
        IntStream.range(0, count).parallel().forEach(i -> out[i] = event(first + i));
        return List.of(out);
    }
}
