package org.fourmu.simulation;

import java.util.List;

/**
 * One generated event: the final-state particles in the lab frame, before detector response.
 *
 * @param process    generator process name
 * @param particles  final-state particles including ISR photons
 * @param xMassGeV   mass of the resonance X for signal processes, NaN otherwise
 * @param weight     event weight (1 for unweighted events)
 */
public record GeneratedEvent(String process, List<GeneratedParticle> particles, double xMassGeV, double weight) {

    public GeneratedEvent {
        particles = List.copyOf(particles);
    }
}
