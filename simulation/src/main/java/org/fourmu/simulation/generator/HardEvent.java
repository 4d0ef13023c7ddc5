package org.fourmu.simulation.generator;

import org.fourmu.physics.kinematics.FourVector;

/**
 * A weighted hard-process point in its c.m. frame (e- along +z).
 *
 * @param momenta final-state momenta in the order of {@link HardProcess#pdgIds()}; null if rejected
 * @param weight  d sigma weight in GeV^-2 (0 if rejected)
 */
public record HardEvent(FourVector[] momenta, double weight) {

    static final HardEvent REJECTED = new HardEvent(null, 0);
}
