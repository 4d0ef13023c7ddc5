package org.fourmu.simulation.phasespace;

import org.fourmu.physics.kinematics.FourVector;

/**
 * A phase-space point and its weight: the integral of f over dPhi_n is the mean of f(p) x weight.
 *
 * @param momenta final-state momenta (c.m. frame of the process unless stated otherwise)
 * @param weight  phase-space weight in GeV^(2n-4); 0 when the point was rejected
 */
public record PhaseSpacePoint(FourVector[] momenta, double weight) {
}
