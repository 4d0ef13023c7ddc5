package org.fourmu.simulation.mix;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.phasespace.TwoBody;

/** Approximate decays for the cheap processes. */
final class Decays {

    static final int PDG_PI0 = 111;
    static final double PI0_MASS_GEV = 0.1349768; // PDG
    static final int PDG_NU = 16; // any neutrino: invisible to the detector

    private Decays() {
    }

    /**
     * parent -> n particles of the given masses by a chain of isotropic two-body decays with the
     * intermediate masses drawn uniformly in their allowed ranges: an unweighted approximation of
     * n-body phase space (exact for n = 2), adequate for load-test events.
     */
    static List<FourVector> chain(UniformRandomProvider rng, FourVector parent, double[] masses) {
        List<FourVector> out = new ArrayList<>(masses.length);
        FourVector rest = parent;
        double remaining = 0;
        for (double m : masses) {
            remaining += m;
        }
        for (int i = 0; i < masses.length - 1; i++) {
            remaining -= masses[i];
            double maxRest = rest.mass() - masses[i];
            double restMass = i == masses.length - 2 ? masses[i + 1] : remaining + (maxRest - remaining) * rng.nextDouble();
            FourVector[] d = TwoBody.decayIsotropic(rng, rest, masses[i], restMass);
            out.add(d[0]);
            rest = d[1];
        }
        if (masses.length == 1) {
            out.add(parent);
        } else {
            out.add(rest);
        }
        return out;
    }

    /** Adds a particle, decaying pi0 -> gamma gamma isotropically. */
    static void add(UniformRandomProvider rng, List<GeneratedParticle> out, int pdg, FourVector momentum) {
        if (pdg == PDG_PI0) {
            FourVector[] g = TwoBody.decayIsotropic(rng, momentum, 0, 0);
            out.add(new GeneratedParticle(PhysicalConstants.PDG_PHOTON, g[0]));
            out.add(new GeneratedParticle(PhysicalConstants.PDG_PHOTON, g[1]));
        } else {
            out.add(new GeneratedParticle(pdg, momentum));
        }
    }

    static double mass(int pdg) {
        return switch (Math.abs(pdg)) {
            case 11 -> PhysicalConstants.ELECTRON_MASS_GEV;
            case 13 -> PhysicalConstants.MUON_MASS_GEV;
            case 211 -> PhysicalConstants.PION_MASS_GEV;
            case 321 -> 0.493677;
            case PDG_PI0 -> PI0_MASS_GEV;
            default -> 0.0;
        };
    }

    /** Decays a state of the given momentum into the listed species (chain phase space) and adds them. */
    static void decayInto(UniformRandomProvider rng, List<GeneratedParticle> out, FourVector parent, int[] pdgs) {
        double[] masses = new double[pdgs.length];
        for (int i = 0; i < pdgs.length; i++) {
            masses[i] = mass(pdgs[i]);
        }
        List<FourVector> daughters = chain(rng, parent, masses);
        for (int i = 0; i < pdgs.length; i++) {
            add(rng, out, pdgs[i], daughters.get(i));
        }
    }

    /** A direction with a 1 + cos^2 theta distribution about z. */
    static double cosThetaOnePlusCos2(UniformRandomProvider rng) {
        while (true) {
            double c = 2 * rng.nextDouble() - 1;
            if (2 * rng.nextDouble() < 1 + c * c) {
                return c;
            }
        }
    }
}
