package org.fourmu.physics.models;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;
import static org.fourmu.physics.PhysicalConstants.TAU_MASS_GEV;

/**
 * The L_mu - L_tau gauge boson Z': vector coupling g' to mu and tau, to left-handed nu_mu and
 * nu_tau, none to electrons (PHYSICS.md "Models").
 *
 * @param massGeV  Z' mass
 * @param coupling g'
 */
public record LmuLtauZPrime(double massGeV, double coupling) implements DimuonResonance {

    public static final String NAME = "zprime";

    public LmuLtauZPrime {
        if (!(massGeV > 0)) {
            throw new IllegalArgumentException("mass must be positive: " + massGeV);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Gamma(Z' -> l+l-) = g^2 M/(12 pi) (1 + 2r)(1 - 4r)^(1/2), r = m_l^2/M^2; 0 below threshold. */
    public double leptonWidthGeV(double leptonMassGeV) {
        double r = leptonMassGeV * leptonMassGeV / (massGeV * massGeV);
        if (4 * r >= 1) {
            return 0;
        }
        return coupling * coupling * massGeV / (12 * Math.PI) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
    }

    /** Gamma(Z' -> nu nubar) = g^2 M/(24 pi) for one flavour (left-handed neutrinos only). */
    public double neutrinoWidthPerFlavourGeV() {
        return coupling * coupling * massGeV / (24 * Math.PI);
    }

    public double muMuWidthGeV() {
        return leptonWidthGeV(MUON_MASS_GEV);
    }

    public double tauTauWidthGeV() {
        return leptonWidthGeV(TAU_MASS_GEV);
    }

    @Override
    public double totalWidthGeV() {
        return muMuWidthGeV() + tauTauWidthGeV() + 2 * neutrinoWidthPerFlavourGeV();
    }

    @Override
    public double branchingFractionMuMu() {
        return muMuWidthGeV() / totalWidthGeV();
    }

    @Override
    public double deltaAmu() {
        return MuonAnomaly.vector(massGeV, coupling);
    }

    @Override
    public LmuLtauZPrime withCoupling(double g) {
        return new LmuLtauZPrime(massGeV, g);
    }
}
