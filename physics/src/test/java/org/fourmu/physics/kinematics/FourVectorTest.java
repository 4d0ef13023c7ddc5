package org.fourmu.physics.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fourmu.physics.event.BeamConditions;
import org.junit.jupiter.api.Test;

class FourVectorTest {

    @Test
    void boostPreservesInvariantMass() {
        FourVector p = FourVector.fromMomentumAndMass(0.3, -1.2, 2.5, 0.105);
        FourVector b = p.boost(0.1, 0.2, -0.5);
        assertEquals(p.mass2(), b.mass2(), 1e-12);
    }

    @Test
    void particleIsAtRestInItsOwnFrame() {
        FourVector p = FourVector.fromMomentumAndMass(0.3, -1.2, 2.5, 1.7);
        FourVector rest = p.inRestFrameOf(p);
        assertEquals(1.7, rest.e(), 1e-12);
        assertEquals(0.0, rest.p(), 1e-12);
    }

    @Test
    void nominalBeamsGiveUpsilon4sEnergyAndPaperBoost() {
        BeamConditions beams = BeamConditions.NOMINAL;
        // sqrt(s) = 10.58 GeV and beta*gamma ~ 0.287 (PHYSICS.md)
        assertEquals(10.58, beams.sqrtS(), 0.005);
        FourVector cms = beams.initialState();
        assertEquals(0.287, cms.p() / cms.mass(), 0.002);
        FourVector atRest = beams.toCm(cms);
        assertEquals(0.0, atRest.p(), 1e-9);
    }
}
