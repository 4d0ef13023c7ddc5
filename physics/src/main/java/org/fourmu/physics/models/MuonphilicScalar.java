package org.fourmu.physics.models;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

/**
 * The muonphilic scalar S with interaction g_S S mubar mu; it decays only to muons (PHYSICS.md "Models").
 *
 * @param massGeV  scalar mass (above 2 m_mu)
 * @param coupling g_S
 */
public record MuonphilicScalar(double massGeV, double coupling) implements DimuonResonance {

    public static final String NAME = "scalar";

    public MuonphilicScalar {
        if (!(massGeV > 0)) {
            throw new IllegalArgumentException("mass must be positive: " + massGeV);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Gamma(S -> mu+mu-) = g^2 M/(8 pi) (1 - 4 m_mu^2/M^2)^(3/2). */
    public double muMuWidthGeV() {
        double b2 = 1 - 4 * MUON_MASS_GEV * MUON_MASS_GEV / (massGeV * massGeV);
        return b2 <= 0 ? 0 : coupling * coupling * massGeV / (8 * Math.PI) * Math.pow(b2, 1.5);
    }

    @Override
    public double totalWidthGeV() {
        return muMuWidthGeV();
    }

    /** 1 above the dimuon threshold: the model has no other decay. */
    @Override
    public double branchingFractionMuMu() {
        return muMuWidthGeV() > 0 ? 1.0 : 0.0;
    }

    @Override
    public double deltaAmu() {
        return MuonAnomaly.scalar(massGeV, coupling);
    }

    @Override
    public MuonphilicScalar withCoupling(double g) {
        return new MuonphilicScalar(massGeV, g);
    }
}
