package org.fourmu.physics.candidates;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.kinematics.Kinematics;

/**
 * Forms the four mu+mu- candidates of a four-muon event and computes their features.
 */
public final class CandidateBuilder {

    private static final double MU = PhysicalConstants.MUON_MASS_GEV;

    private CandidateBuilder() {
    }

    /** M_R = sqrt(M^2 - 4 m_mu^2) (paper Sec. V): smoother than M near threshold. */
    public static double reducedMass(double massGeV) {
        double r2 = massGeV * massGeV - 4 * MU * MU;
        return r2 > 0 ? Math.sqrt(r2) : 0.0;
    }

    /** The inverse of {@link #reducedMass}. */
    public static double massFromReduced(double reducedMassGeV) {
        return Math.sqrt(reducedMassGeV * reducedMassGeV + 4 * MU * MU);
    }

    /**
     * p0 = lambda^(1/2)(s, m0^2, (2 m_mu)^2) / (2 sqrt s): the c.m. momentum of a pair of mass m0
     * recoiling against a pair at threshold, where the double-conversion background peaks (Sec. IV D).
     */
    public static double p0(double s, double m0) {
        return Kinematics.twoBodyMomentum(s, m0, 2 * MU);
    }

    /**
     * The four candidates.
     *
     * @param fitted   fitted lab four-momenta of the four muons
     * @param measured measured lab four-momenta (for the pre-fit mass), same order
     * @param charges  charges, same order: two +1 and two -1
     */
    public static List<Candidate> candidates(List<FourVector> fitted, List<FourVector> measured, int[] charges,
                                             BeamConditions beams) {
        int[] plus = new int[2];
        int[] minus = new int[2];
        int np = 0;
        int nm = 0;
        for (int i = 0; i < 4; i++) {
            if (charges[i] > 0) {
                plus[np++] = i;
            } else {
                minus[nm++] = i;
            }
        }
        if (np != 2 || nm != 2) {
            throw new IllegalArgumentException("four-muon candidates need two positive and two negative tracks");
        }
        FourVector initial = beams.initialState();
        double s = initial.mass2();
        List<Candidate> out = new ArrayList<>(4);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int ip = plus[a];
                int im = minus[b];
                int rp = plus[1 - a];
                int rm = minus[1 - b];
                FourVector pair = fitted.get(ip).plus(fitted.get(im));
                double mass = pair.mass();
                double p0 = p0(s, mass);
                double before = measured.get(ip).plus(measured.get(im)).mass();
                double[] features = features(beams, fitted.get(ip), fitted.get(im), fitted.get(rp), fitted.get(rm), p0);
                out.add(new Candidate(2 * a + b, fitted.get(ip), fitted.get(im), fitted.get(rp), fitted.get(rm), mass,
                        reducedMass(mass), before, p0, features));
            }
        }
        return out;
    }

    /** The 16 inputs (docs/features.md), from lab four-momenta. */
    static double[] features(BeamConditions beams, FourVector muPlusLab, FourVector muMinusLab, FourVector recPlusLab,
                             FourVector recMinusLab, double p0) {
        FourVector initial = beams.initialState();
        FourVector muPlus = muPlusLab.inRestFrameOf(initial);
        FourVector muMinus = muMinusLab.inRestFrameOf(initial);
        FourVector recPlus = recPlusLab.inRestFrameOf(initial);
        FourVector recMinus = recMinusLab.inRestFrameOf(initial);
        FourVector pair = muPlus.plus(muMinus);
        FourVector recoil = recPlus.plus(recMinus);
        // the c.m. z axis: the electron beam direction seen in the c.m. frame
        FourVector zAxis = beams.electron().inRestFrameOf(initial);

        FourVector recMin = recPlus.p() <= recMinus.p() ? recPlus : recMinus;
        FourVector recMax = recPlus.p() <= recMinus.p() ? recMinus : recPlus;
        FourVector candMin = muPlus.p() <= muMinus.p() ? muPlus : muMinus;
        FourVector candMax = muPlus.p() <= muMinus.p() ? muMinus : muPlus;

        // helicity angle: the mu- in the pair rest frame against the direction of the c.m. frame seen
        // from the pair, which is minus the pair's c.m. momentum; |cos| is insensitive to that sign
        FourVector muMinusInPair = muMinus.inRestFrameOf(pair);
        double cosHel = Math.abs(muMinusInPair.cosAngle(pair));

        double ptMin = transverse(pair, recMin) * Math.signum(longitudinal(pair, recMin));
        double ptMax = transverse(pair, recMax);
        double ptZ = transverse(pair, zAxis);
        double inv = 1.0 / p0;
        return new double[] {
            pair.p() * inv,
            cosHel,
            muPlus.p() * inv,
            muMinus.p() * inv,
            transverse(muPlus, zAxis) * inv,
            transverse(muMinus, zAxis) * inv,
            recPlus.p() * inv,
            recMinus.p() * inv,
            transverse(recPlus, zAxis) * inv,
            transverse(recMinus, zAxis) * inv,
            ptMin * inv,
            ptMax * inv,
            ptMin * ptZ * inv * inv,
            muPlus.p() * muMinus.p() * inv * inv,
            transverse(recoil, candMin) * inv,
            transverse(recoil, candMax) * inv,
        };
    }

    /** Component of a's three-momentum perpendicular to b's direction. */
    static double transverse(FourVector a, FourVector b) {
        double bp = b.p();
        if (bp == 0) {
            return a.p();
        }
        double along = longitudinal(a, b);
        return Math.sqrt(Math.max(0, a.p2() - along * along));
    }

    /** Component of a's three-momentum along b's direction. */
    static double longitudinal(FourVector a, FourVector b) {
        double bp = b.p();
        return bp == 0 ? 0 : (a.px() * b.px() + a.py() * b.py() + a.pz() * b.pz()) / bp;
    }
}
