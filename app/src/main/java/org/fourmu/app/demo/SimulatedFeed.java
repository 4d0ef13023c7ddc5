package org.fourmu.app.demo;

import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.generator.EventGenerator;

/**
 * A feed of simulated events: one generator, a detector response, and luminosity that grows with
 * the number of events at the generator's cross section. Deterministic: event i of a seed is
 * always the same event.
 */
public final class SimulatedFeed implements EventFeed {

    /** Detector response: a generated event and its (experiment, run, event number) to a recorded event. */
    public interface Detector {
        RecordedEvent respond(GeneratedEvent generated, int experiment, int run, long eventNumber);
    }

    private final EventGenerator generator;
    private final Detector detector;
    private final int experiment;
    private final int run;
    private final double crossSectionFb;
    private long next;

    public SimulatedFeed(EventGenerator generator, Detector detector, int experiment, int run) {
        this.generator = generator;
        this.detector = detector;
        this.experiment = experiment;
        this.run = run;
        this.crossSectionFb = generator.crossSection().valueFb();
    }

    @Override
    public RecordedEvent next() {
        long i = next++;
        return detector.respond(generator.generate(i), experiment, run, i);
    }

    @Override
    public int experiment() {
        return experiment;
    }

    @Override
    public int run() {
        return run;
    }

    @Override
    public BeamConditions beams() {
        return BeamConditions.NOMINAL;
    }

    @Override
    public double integratedLuminosityInvFb() {
        return next / crossSectionFb;
    }
}
