package org.fourmu.physics.candidates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.kinematics.Kinematics;
import org.junit.jupiter.api.Test;

class CandidateBuilderTest {

    private static final double MU = PhysicalConstants.MUON_MASS_GEV;
    /** Symmetric head-on beams: the c.m. frame is the lab and z is the beam axis. */
    private static final BeamConditions HEAD_ON = new BeamConditions(5.29, 5.29, 0, 0);
    private static final int[] CHARGES = {1, -1, 1, -1};

    private static List<FourVector> event() {
        return List.of(FourVector.fromMomentumAndMass(1.1, 0.4, 2.2, MU), FourVector.fromMomentumAndMass(-0.3, 0.9, 0.8, MU),
                FourVector.fromMomentumAndMass(0.5, -1.6, -1.2, MU), FourVector.fromMomentumAndMass(-1.3, 0.3, -1.8, MU));
    }

    private static FourVector rotateZ(FourVector v, double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new FourVector(v.e(), c * v.px() - s * v.py(), s * v.px() + c * v.py(), v.pz());
    }

    @Test
    void formsFourOppositeSignPairsWhoseRecoilCompletesTheEvent() {
        List<FourVector> p = event();
        List<Candidate> cs = CandidateBuilder.candidates(p, p, CHARGES, HEAD_ON);
        assertEquals(4, cs.size());
        FourVector total = p.get(0).plus(p.get(1)).plus(p.get(2)).plus(p.get(3));
        for (Candidate c : cs) {
            FourVector sum = c.muPlus().plus(c.muMinus()).plus(c.recoilMuPlus()).plus(c.recoilMuMinus());
            assertEquals(total.e(), sum.e(), 1e-12);
            assertEquals(total.pz(), sum.pz(), 1e-12);
            assertEquals(c.massGeV() * c.massGeV() - 4 * MU * MU, c.reducedMassGeV() * c.reducedMassGeV(), 1e-9);
            assertEquals(CandidateFeatures.COUNT, c.features().length);
        }
        assertEquals(4, cs.stream().mapToInt(Candidate::pairIndex).distinct().count());
    }

    @Test
    void featuresAreInvariantUnderRotationAboutTheBeamAxis() {
        List<FourVector> p = event();
        List<FourVector> rotated = new ArrayList<>();
        for (FourVector v : p) {
            rotated.add(rotateZ(v, 1.234));
        }
        List<Candidate> a = CandidateBuilder.candidates(p, p, CHARGES, HEAD_ON);
        List<Candidate> b = CandidateBuilder.candidates(rotated, rotated, CHARGES, HEAD_ON);
        for (int i = 0; i < 4; i++) {
            double[] fa = a.get(i).features();
            double[] fb = b.get(i).features();
            for (int k = 0; k < fa.length; k++) {
                assertEquals(fa[k], fb[k], 1e-9, CandidateFeatures.NAMES[k]);
            }
        }
    }

    @Test
    void p0IsTheTwoBodyMomentumAgainstAThresholdPair() {
        double s = 10.58 * 10.58;
        assertEquals(Kinematics.twoBodyMomentum(s, 3.0, 2 * MU), CandidateBuilder.p0(s, 3.0), 1e-12);
        // at the kinematic limit the pairs are at rest
        assertEquals(0.0, CandidateBuilder.p0(s, 10.58 - 2 * MU), 1e-6);
        assertEquals(3.0, CandidateBuilder.massFromReduced(CandidateBuilder.reducedMass(3.0)), 1e-12);
    }

    @Test
    void momentumFeaturesAreScaledByP0AndHelicityCosineIsBounded() {
        List<FourVector> p = event();
        for (Candidate c : CandidateBuilder.candidates(p, p, CHARGES, HEAD_ON)) {
            double[] f = c.features();
            assertEquals(c.muPlus().plus(c.muMinus()).p() / c.p0GeV(), f[0], 1e-12);
            assertTrue(f[1] >= 0 && f[1] <= 1);
            assertEquals(c.muPlus().p() * c.muMinus().p() / (c.p0GeV() * c.p0GeV()), f[13], 1e-12);
        }
    }

    @Test
    void mlpRangesCoverTheSearch() {
        assertEquals(MlpRange.R1, MlpRange.of(0.5));
        assertEquals(MlpRange.R2, MlpRange.of(1.0));
        assertEquals(MlpRange.R3, MlpRange.of(5.307));
        assertEquals(MlpRange.R5, MlpRange.of(9.0));
        assertEquals(MlpRange.R4, MlpRange.ofNumber(4));
    }
}
