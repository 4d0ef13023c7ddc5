package org.fourmu.simulation.mix;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.phasespace.TwoBody;

/**
 * Hadronic events as multiplicity + phase space. Continuum e+e- -> q qbar (u, d, s, c: 1.61 + 0.40 + 0.38 + 1.30
 * = 3.69 nb, Belle II Physics Book arXiv:1808.10567): two back-to-back jets along a 1 + cos^2 axis, each jet a
 * chain-phase-space decay of a jet mass into pions, kaons and pi0s; the charged multiplicity averages ~10
 * (measured ~ 8-10 at 10.58 GeV, approximated). e+e- -> Upsilon(4S) -> B Bbar (1.05 nb, same source): two B
 * mesons almost at rest, each decaying by phase space into ~5 particles, with a semileptonic e or mu in 21% of
 * decays (B -> X l nu ~ 10.5% per lepton flavour, PDG). No fragmentation model: an approximation for load tests.
 */
final class HadronicProcess extends CheapProcess {

    static final String QQBAR = "qqbar";
    static final String BBBAR = "bbbar";
    static final double QQBAR_FB = 3.69e6;
    static final double BBBAR_FB = 1.05e6;
    private static final double B_MASS_GEV = 5.2797; // PDG B+/B0

    private final boolean bbbar;

    HadronicProcess(String name, long seed, BeamConditions beams) {
        super(name, BBBAR.equals(name) ? BBBAR_FB : QQBAR_FB, seed, beams);
        this.bbbar = BBBAR.equals(name);
    }

    /** Species of n hadrons with zero total charge: charged pairs (15% kaons) and neutral pions. */
    private static int[] hadrons(UniformRandomProvider rng, int chargedPairs, int neutral) {
        int[] pdgs = new int[2 * chargedPairs + neutral];
        for (int i = 0; i < chargedPairs; i++) {
            int species = rng.nextDouble() < 0.15 ? 321 : 211;
            pdgs[2 * i] = species;
            pdgs[2 * i + 1] = -species;
        }
        for (int i = 0; i < neutral; i++) {
            pdgs[2 * chargedPairs + i] = Decays.PDG_PI0;
        }
        return pdgs;
    }

    private static double massSum(int[] pdgs) {
        double sum = 0;
        for (int p : pdgs) {
            sum += Decays.mass(p);
        }
        return sum;
    }

    /** Drops particles from the end (a charged pair at a time) until the masses fit; keeps at least one pair. */
    private static int[] trim(int[] pdgs, double maxMassGeV) {
        int n = pdgs.length;
        while (n > 2 && massSum(java.util.Arrays.copyOf(pdgs, n)) > maxMassGeV) {
            int last = Math.abs(pdgs[n - 1]);
            n -= last == Decays.PDG_PI0 || last == Decays.PDG_NU ? 1 : 2;
        }
        return java.util.Arrays.copyOf(pdgs, Math.max(n, 2));
    }

    @Override
    List<GeneratedParticle> generateCm(UniformRandomProvider rng, double sqrtS) {
        List<GeneratedParticle> out = new ArrayList<>();
        FourVector cm = new FourVector(sqrtS, 0, 0, 0);
        if (bbbar) {
            FourVector[] b = TwoBody.decayIsotropic(rng, cm, B_MASS_GEV, B_MASS_GEV);
            for (FourVector meson : b) {
                int pairs = 1 + PoissonSampler.of(rng, 1.3).sample();
                int neutral = PoissonSampler.of(rng, 1.5).sample();
                int[] pdgs = hadrons(rng, pairs, neutral);
                if (rng.nextDouble() < 0.21) {
                    int lepton = rng.nextDouble() < 0.5 ? 11 : 13;
                    pdgs[0] = rng.nextDouble() < 0.5 ? lepton : -lepton;
                    pdgs[1] = pdgs[0] > 0 ? 211 : -211; // keep the visible charge balanced (the neutrino is dropped)
                    int[] withNu = java.util.Arrays.copyOf(pdgs, pdgs.length + 1);
                    withNu[pdgs.length] = Decays.PDG_NU;
                    pdgs = withNu;
                }
                pdgs = trim(pdgs, B_MASS_GEV * 0.9);
                Decays.decayInto(rng, out, meson, pdgs);
            }
        } else {
            double cos = Decays.cosThetaOnePlusCos2(rng);
            // jet masses ~ 1.5-3.5 GeV, two jets back to back
            double m1 = 1.5 + 2.0 * rng.nextDouble();
            double m2 = 1.5 + 2.0 * rng.nextDouble();
            FourVector[] jets = TwoBody.decay(cm, m1, m2, cos, 2 * Math.PI * rng.nextDouble());
            double[] masses = {m1, m2};
            for (int j = 0; j < 2; j++) {
                int[] pdgs = hadrons(rng, 1 + PoissonSampler.of(rng, 1.6).sample(), PoissonSampler.of(rng, 2.0).sample());
                pdgs = trim(pdgs, masses[j] * 0.9);
                // the two members of a charged pair stay together, so charge is conserved within each jet
                Decays.decayInto(rng, out, jets[j], pdgs);
            }
        }
        out.removeIf(p -> Math.abs(p.pdgId()) == Decays.PDG_NU);
        return out;
    }
}
