package org.fourmu.simulation.mix;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.generator.CrossSection;
import org.fourmu.simulation.generator.EventGenerator;

/**
 * A cheap approximate process for the load-test mix: events are drawn directly (no weights) in the
 * c.m. frame with the z axis along the electron beam and boosted to the lab; the cross section is a
 * literature value, not computed. Each subclass documents its approximations.
 */
abstract class CheapProcess implements EventGenerator {

    private final String name;
    private final CrossSection crossSection;
    private final long seed;
    private final BeamConditions beams;

    CheapProcess(String name, double crossSectionFb, long seed, BeamConditions beams) {
        this.name = name;
        this.crossSection = new CrossSection(crossSectionFb, 0.0, 0L);
        this.seed = seed;
        this.beams = beams;
    }

    /** The final state in the c.m. frame (sqrt(s) from the beams). */
    abstract List<GeneratedParticle> generateCm(UniformRandomProvider rng, double sqrtS);

    /** Mass of a produced resonance recorded as truth (NaN: none). */
    double truthMassGeV() {
        return Double.NaN;
    }

    @Override
    public String process() {
        return name;
    }

    @Override
    public GeneratedEvent generate(UniformRandomProvider rng) {
        FourVector initial = beams.initialState();
        double[] b = initial.boostVector();
        List<GeneratedParticle> lab = new ArrayList<>();
        for (GeneratedParticle p : generateCm(rng, initial.mass())) {
            lab.add(new GeneratedParticle(p.pdgId(), p.momentum().boost(b[0], b[1], b[2])));
        }
        return new GeneratedEvent(name, lab, truthMassGeV(), 1.0);
    }

    @Override
    public GeneratedEvent generate(long index) {
        return generate(EventGenerator.streamFor(seed, index));
    }

    @Override
    public CrossSection crossSection() {
        return crossSection;
    }

    @Override
    public double unweightingEfficiency() {
        return 1.0;
    }
}
