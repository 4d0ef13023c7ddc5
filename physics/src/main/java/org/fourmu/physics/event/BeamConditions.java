package org.fourmu.physics.event;

import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.kinematics.FourVector;

/**
 * SuperKEKB beam conditions of a run: energies and directions of the two beams in the Belle II
 * frame (z along the solenoid axis, both beams tilted toward +x).
 *
 * @param herEnergyGeV     electron (HER) beam energy
 * @param lerEnergyGeV     positron (LER) beam energy
 * @param herAngleRad      angle of the electron beam to +z, in the x-z plane, toward +x
 * @param lerAngleRad      angle of the positron beam to -z, in the x-z plane, toward +x
 */
public record BeamConditions(double herEnergyGeV, double lerEnergyGeV, double herAngleRad, double lerAngleRad) {

    /** Nominal Upsilon(4S) running (PHYSICS.md: HER 7.004 GeV, LER 4.002 GeV, 41.5 mrad each). */
    public static final BeamConditions NOMINAL = new BeamConditions(7.004, 4.002, 0.0415, 0.0415);

    public FourVector electron() {
        double p = Math.sqrt(herEnergyGeV * herEnergyGeV - PhysicalConstants.ELECTRON_MASS_GEV * PhysicalConstants.ELECTRON_MASS_GEV);
        return new FourVector(herEnergyGeV, p * Math.sin(herAngleRad), 0, p * Math.cos(herAngleRad));
    }

    public FourVector positron() {
        double p = Math.sqrt(lerEnergyGeV * lerEnergyGeV - PhysicalConstants.ELECTRON_MASS_GEV * PhysicalConstants.ELECTRON_MASS_GEV);
        return new FourVector(lerEnergyGeV, p * Math.sin(lerAngleRad), 0, -p * Math.cos(lerAngleRad));
    }

    /** The initial-state four-momentum (lab frame). */
    public FourVector initialState() {
        return electron().plus(positron());
    }

    public double sqrtS() {
        return initialState().mass();
    }

    /** Transform a lab-frame vector to the c.m. frame. */
    public FourVector toCm(FourVector lab) {
        return lab.inRestFrameOf(initialState());
    }
}
