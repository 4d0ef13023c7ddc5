package org.fourmu.simulation.mix;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.phasespace.TwoBody;

/**
 * e+e- -> tau+tau- with a 1 + cos^2 angular distribution, each tau decaying by its main modes (PDG branching
 * fractions, rounded): e nu nu 17.8%, mu nu nu 17.4%, pi nu 10.8%, pi pi0 nu 25.5%, pi 2pi0 nu 9.3%,
 * 3pi nu 9.0%, 3pi pi0 nu 4.5%, the remaining 5.7% as K nu / K pi0 nu (treated as K nu). Spectra are
 * approximate: chain phase space, no V-A matrix element, no tau polarisation, resonances (rho, a1) not
 * modelled. Cross section 0.919 nb (KKMC, Belle II Physics Book, arXiv:1808.10567).
 */
final class TauPairProcess extends CheapProcess {

    static final String NAME = "tautau";
    static final double CROSS_SECTION_FB = 0.919e6;
    private static final double[] BRANCHING = {0.178, 0.174, 0.108, 0.255, 0.093, 0.090, 0.045, 0.057};
    private static final int PI0 = Decays.PDG_PI0;
    private static final int NU = Decays.PDG_NU;

    TauPairProcess(long seed, BeamConditions beams) {
        super(NAME, CROSS_SECTION_FB, seed, beams);
    }

    /** Daughters of a tau- (signs flip for tau+): charged-particle PDG codes with the tau-'s charge. */
    private static int[] mode(int k) {
        return switch (k) {
            case 0 -> new int[] {11, NU, NU};
            case 1 -> new int[] {13, NU, NU};
            case 2 -> new int[] {-211, NU};
            case 3 -> new int[] {-211, PI0, NU};
            case 4 -> new int[] {-211, PI0, PI0, NU};
            case 5 -> new int[] {-211, -211, 211, NU};
            case 6 -> new int[] {-211, -211, 211, PI0, NU};
            default -> new int[] {-321, NU};
        };
    }

    private static void decay(UniformRandomProvider rng, List<GeneratedParticle> out, FourVector tau, int sign) {
        double u = rng.nextDouble();
        int k = 0;
        while (k < BRANCHING.length - 1 && u >= BRANCHING[k]) {
            u -= BRANCHING[k];
            k++;
        }
        int[] pdgs = mode(k).clone();
        for (int i = 0; i < pdgs.length; i++) {
            if (pdgs[i] != PI0 && pdgs[i] != NU) {
                pdgs[i] *= sign;
            }
        }
        Decays.decayInto(rng, out, tau, pdgs);
    }

    @Override
    List<GeneratedParticle> generateCm(UniformRandomProvider rng, double sqrtS) {
        double m = PhysicalConstants.TAU_MASS_GEV;
        FourVector[] taus = TwoBody.decay(new FourVector(sqrtS, 0, 0, 0), m, m, Decays.cosThetaOnePlusCos2(rng),
            2 * Math.PI * rng.nextDouble());
        List<GeneratedParticle> out = new ArrayList<>();
        decay(rng, out, taus[0], 1);
        decay(rng, out, taus[1], -1);
        out.removeIf(p -> Math.abs(p.pdgId()) == NU);
        return out;
    }
}
