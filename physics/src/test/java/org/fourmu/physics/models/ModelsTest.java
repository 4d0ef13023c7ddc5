package org.fourmu.physics.models;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;
import static org.fourmu.physics.PhysicalConstants.TAU_MASS_GEV;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void zPrimeBranchingFractionShouldBeHalfBelowTauThresholdAndOneThirdFarAbove() {
        // far above 2 m_mu but below 2 m_tau: Gamma(mumu) = g^2 M/12pi, 2 x Gamma(nunu) = g^2 M/12pi
        assertEquals(0.5, new LmuLtauZPrime(3.0, 0.01).branchingFractionMuMu(), 2e-3);
        assertEquals(1.0 / 3, new LmuLtauZPrime(1000.0, 0.01).branchingFractionMuMu(), 1e-5);
        assertEquals(0, new LmuLtauZPrime(2 * TAU_MASS_GEV - 1e-6, 1).tauTauWidthGeV());
    }

    @Test
    void zPrimeWidthShouldScaleAsCouplingSquared() {
        LmuLtauZPrime z = new LmuLtauZPrime(5.0, 1.0);
        assertEquals(z.totalWidthGeV() * 1e-4, z.withCoupling(0.01).totalWidthGeV(), 1e-18);
        // heavy-mass limit: 3 charged-lepton-like widths (mu, tau, nu_mu+nu_tau) = g^2 M/(4 pi)
        assertEquals(1000 / (4 * Math.PI), new LmuLtauZPrime(1000, 1).totalWidthGeV(), 1e-3);
    }

    @Test
    void scalarWidthShouldFollowPWaveThresholdAndHaveUnitBranchingFraction() {
        MuonphilicScalar s = new MuonphilicScalar(1.0, 0.1);
        double beta = Math.sqrt(1 - 4 * MUON_MASS_GEV * MUON_MASS_GEV);
        assertEquals(0.01 / (8 * Math.PI) * beta * beta * beta, s.totalWidthGeV(), 1e-15);
        assertEquals(1.0, s.branchingFractionMuMu());
        assertEquals(0.0, new MuonphilicScalar(0.2, 0.1).branchingFractionMuMu());
    }

    @Test
    void vectorAnomalyShouldReachSchwingerLikeAndDecouplingLimits() {
        double g = 1e-3;
        // light: g^2/(8 pi^2), the Schwinger term with alpha -> g^2/4pi
        assertEquals(g * g / (8 * Math.PI * Math.PI), MuonAnomaly.vector(1e-6, g), 1e-4 * g * g / (8 * Math.PI * Math.PI));
        // heavy: g^2 m^2/(12 pi^2 M^2)
        double bigM = 300;
        double heavy = g * g * MUON_MASS_GEV * MUON_MASS_GEV / (12 * Math.PI * Math.PI * bigM * bigM);
        assertEquals(heavy, MuonAnomaly.vector(bigM, g), 1e-3 * heavy);
    }

    @Test
    void scalarAnomalyShouldReachLightAndHeavyLimits() {
        double g = 1e-3;
        // light: 3 g^2/(16 pi^2)
        assertEquals(3 * g * g / (16 * Math.PI * Math.PI), MuonAnomaly.scalar(1e-6, g), 1e-4 * 3 * g * g / (16 * Math.PI * Math.PI));
        // heavy: g^2 m^2/(8 pi^2 M^2) (ln(M^2/m^2) - 7/6), up to O(m^2/M^2 ln) corrections
        double bigM = 1000;
        double r = MUON_MASS_GEV * MUON_MASS_GEV / (bigM * bigM);
        double heavy = g * g * r / (8 * Math.PI * Math.PI) * (Math.log(1 / r) - 7.0 / 6);
        assertEquals(heavy, MuonAnomaly.scalar(bigM, g), 1e-3 * heavy);
    }

    @Test
    void zPrimeCouplingThatExplainsTheAnomalyShouldBeFewTimesTenToMinusFourAtLowMass() {
        // the well-known L_mu - L_tau band: g' ~ 4.5e-4 for M << m_mu (Delta a = g^2/8pi^2 = 249e-11)
        LmuLtauZPrime z = new LmuLtauZPrime(1e-6, 1);
        double g = z.couplingForDeltaAmu(MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020.central());
        assertEquals(Math.sqrt(249e-11 * 8 * Math.PI * Math.PI), g, 1e-3 * g);
    }
}
