package org.fourmu.physics.event;

import org.fourmu.physics.kinematics.FourVector;

/**
 * A photon: an ECL cluster above threshold not matched to a track (lab frame).
 *
 * @param energyGeV cluster energy
 * @param theta     polar angle of the cluster direction from the IP [rad]
 * @param phi       azimuth [rad]
 */
public record Photon(double energyGeV, double theta, double phi) {

    public FourVector momentum() {
        return FourVector.fromPolar(energyGeV, theta, phi, 0.0);
    }
}
