package org.fourmu.physics.event;

import java.util.OptionalDouble;
import org.fourmu.physics.kinematics.FourVector;

/**
 * A reconstructed charged track with the detector observables particle identification uses.
 *
 * @param helix              helix parameters and covariance (momentum, charge, d0 and z0 derive from it)
 * @param klmLayersReached   outermost KLM layer with a hit matched to the track (0: none)
 * @param klmLayersExpected  KLM layers a muon of this momentum and direction would cross
 * @param eclEnergyGeV       energy of the matched ECL cluster (0: none)
 * @param dedx               CDC dE/dx, in units of the minimum-ionising value (a MIP reads 1.0)
 * @param muonIdLikelihood   precomputed muon ID as basf2 provides it (muonID in [0,1]), when present
 * @param electronIdLikelihood precomputed electron ID (electronID in [0,1]), when present
 */
public record Track(HelixParameters helix,
                    int klmLayersReached,
                    int klmLayersExpected,
                    double eclEnergyGeV,
                    double dedx,
                    OptionalDouble muonIdLikelihood,
                    OptionalDouble electronIdLikelihood) {

    public int charge() {
        return helix.charge();
    }

    public double d0Cm() {
        return helix.d0();
    }

    public double z0Cm() {
        return helix.z0();
    }

    /** Four-momentum under a mass hypothesis, in the Belle II field. */
    public FourVector momentum(double mass) {
        return helix.momentum(mass, org.fourmu.physics.PhysicalConstants.BELLE2_SOLENOID_FIELD_T);
    }
}
