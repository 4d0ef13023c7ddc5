package org.fourmu.simulation;

import org.fourmu.physics.kinematics.FourVector;

/**
 * A final-state particle from a generator, in the lab frame.
 *
 * @param pdgId    signed PDG code (13 = mu-, -13 = mu+, 22 = photon, 211 = pi+, ...)
 * @param momentum four-momentum in GeV, lab frame
 */
public record GeneratedParticle(int pdgId, FourVector momentum) {

    /** Electric charge in units of e for the particles the generators produce. */
    public int charge() {
        int a = Math.abs(pdgId);
        return switch (a) {
            case 11, 13, 15 -> pdgId > 0 ? -1 : 1;
            case 211, 321, 2212 -> pdgId > 0 ? 1 : -1;
            default -> 0;
        };
    }
}
