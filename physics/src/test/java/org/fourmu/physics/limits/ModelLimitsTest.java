package org.fourmu.physics.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.models.AnomalyCouplingBand;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonAnomaly;
import org.fourmu.physics.models.SignalCrossSectionTable;
import org.junit.jupiter.api.Test;

class ModelLimitsTest {

    private static final double PAPER_LUMI_INV_FB = 178;

    @Test
    void crossSectionLimitShouldMeanTenPercentChanceOfSeeingNothingWhenNothingIsSeen() {
        // no events, no background: N_UL = ln 10 (PDG); at sigma_UL the expected signal eff x L x sigma
        // must give P(0 events) = 10%
        double nUl = CountingLimit.upperLimit(0, 0, 0.9);
        double eff = 0.27;
        YieldLimit y = new YieldLimit(2.0, nUl, new double[] {1, 2, nUl, 4, 5});
        CrossSectionLimit x = CrossSectionLimit.of(y, eff, PAPER_LUMI_INV_FB);
        assertEquals(0.10, Math.exp(-x.observedFb() * eff * PAPER_LUMI_INV_FB), 1e-9);
        assertEquals(Math.log(10) / (eff * PAPER_LUMI_INV_FB), x.expectedFb()[YieldLimit.MEDIAN], 1e-9);
        assertEquals(5 / (eff * PAPER_LUMI_INV_FB), x.expectedFb()[4], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> CrossSectionLimit.of(y, 0, PAPER_LUMI_INV_FB));
        assertThrows(IllegalArgumentException.class, () -> CrossSectionLimit.of(y, 0.3, 0));
    }

    @Test
    void couplingLimitShouldGiveTheModelCrossSectionEqualToTheLimit() {
        SignalCrossSectionTable table = SignalCrossSectionTable.shipped("zprime");
        CrossSectionLimit x = new CrossSectionLimit(1.0, 0.3, new double[] {0.1, 0.15, 0.2, 0.3, 0.4});
        CouplingLimit g = CouplingLimit.of(x, table);
        // sigma(g) = g^2 sigma(1): the model at the coupling limit predicts exactly the cross-section limit
        double unit = table.sigmaTimesBranchingAtUnitCouplingFb(1.0);
        assertEquals(0.3, g.observed() * g.observed() * unit, 1e-12);
        for (int k = 0; k < 5; k++) {
            assertEquals(x.expectedFb()[k], g.expected()[k] * g.expected()[k] * unit, 1e-12);
        }
        // a four times smaller cross section halves the coupling
        assertEquals(g.observed() / 2, CouplingLimit.of(new CrossSectionLimit(1.0, 0.075, x.expectedFb()), table).observed(), 1e-15);
    }

    @Test
    void expectedCouplingFromTheObservedPairShouldEqualTheOneFromTheModelTable() {
        // second method: the table's sigma x B at g = 1 (both models, across the tau threshold and the low-mass end)
        for (String model : new String[] {"zprime", "scalar"}) {
            SignalCrossSectionTable table = SignalCrossSectionTable.shipped(model);
            for (double m : new double[] {0.25, 1.0, 3.55, 5.3, 8.9}) {
                CrossSectionLimit x = new CrossSectionLimit(m, 0.31, new double[] {0.09, 0.13, 0.19, 0.28, 0.41});
                CouplingLimit g = CouplingLimit.of(x, table);
                for (int k = 0; k < 5; k++) {
                    assertEquals(g.expected()[k], CouplingLimit.atCrossSection(g.observed(), x.observedFb(), x.expectedFb()[k]),
                            1e-14 * g.expected()[k], model + " at " + m + " GeV, quantile " + k);
                }
            }
        }
        assertTrue(Double.isNaN(CouplingLimit.atCrossSection(0.01, 0, 0.2)));
        assertTrue(Double.isNaN(CouplingLimit.atCrossSection(Double.NaN, 0.3, 0.2)));
    }

    @Test
    void shippedZPrimeTableShouldCarryTheBranchingFractionStepAtTheTauThreshold() {
        // sigma x B / B is the production cross section, which knows nothing of the tau threshold (3.554 GeV):
        // its logarithmic slope is the same just below and across it, while sigma x B falls faster across
        // it because B(mumu) drops from 1/2 (0.447 at 3.6 GeV)
        SignalCrossSectionTable t = SignalCrossSectionTable.shipped("zprime");
        double below = slope(t, 3.5, 3.55, false);
        double across = slope(t, 3.55, 3.6, false);
        assertEquals(below, across, 0.1 * Math.abs(below), "production is smooth across 2 m_tau");
        assertTrue(slope(t, 3.55, 3.6, true) < 2 * across, "sigma x B drops with B(mumu) across 2 m_tau");
        assertEquals(0.5, new LmuLtauZPrime(3.55, 1).branchingFractionMuMu(), 1e-5);
    }

    /** d ln(sigma x B)/dm, or d ln(sigma)/dm with the branching fraction divided out. */
    private static double slope(SignalCrossSectionTable t, double m1, double m2, boolean withBranching) {
        double l1 = Math.log(t.sigmaTimesBranchingAtUnitCouplingFb(m1));
        double l2 = Math.log(t.sigmaTimesBranchingAtUnitCouplingFb(m2));
        if (!withBranching) {
            l1 -= Math.log(new LmuLtauZPrime(m1, 1).branchingFractionMuMu());
            l2 -= Math.log(new LmuLtauZPrime(m2, 1).branchingFractionMuMu());
        }
        return (l2 - l1) / (m2 - m1);
    }

    @Test
    void paperExclusionEdgesShouldBeConsistentWithItsCrossSectionLimits() {
        // At the edge of an excluded range the observed limit equals the cross section of the model on the
        // lower edge of the +-2 sigma band. The paper's limits range over 0.046-0.97 fb (Z') and
        // 0.055-1.3 fb (S); the scalar is excluded only in 2.9-3.5 GeV, so its band must sit near its
        // best limit, 0.055 fb, there (our sigma x B tables and anomaly integrals, the paper's numbers).
        MuonAnomaly.Band paper = MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020;
        for (double m : new double[] {0.8, 4.9}) {
            double sigma = bandCrossSectionFb("zprime", m, paper);
            assertTrue(sigma > 0.046 && sigma < 0.97, "Z' at " + m + " GeV: " + sigma + " fb");
        }
        for (double m : new double[] {2.9, 3.2, 3.5}) {
            double sigma = bandCrossSectionFb("scalar", m, paper);
            assertEquals(0.055, sigma, 0.15 * 0.055, "S at " + m + " GeV");
        }
    }

    private static double bandCrossSectionFb(String model, double m, MuonAnomaly.Band band) {
        double g = AnomalyCouplingBand.of(model, m, band, 2).lower();
        return g * g * SignalCrossSectionTable.shipped(model).sigmaTimesBranchingAtUnitCouplingFb(m);
    }

    @Test
    void excludedRangesShouldEndWhereTheLimitCrossesTheBand() {
        // limit / band = exp(a (m - 1.3)(m - 2.7)): below the band exactly for 1.3 < m < 2.7
        int n = 801;
        double[] m = new double[n];
        double[] limit = new double[n];
        double[] band = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = 0.2 + i * 0.01;
            band[i] = 1e-3 * (1 + m[i]);
            limit[i] = band[i] * Math.exp(0.5 * (m[i] - 1.3) * (m[i] - 2.7));
        }
        List<MassRange> r = ModelLimits.rangesBelow(m, limit, band);
        assertEquals(1, r.size());
        assertEquals(1.3, r.get(0).lowGeV(), 1e-6);
        assertEquals(2.7, r.get(0).highGeV(), 1e-6);
        // unknown limits (NaN) end a range at the last known point; a range may start at the first point
        limit[200] = Double.NaN;
        limit[0] = band[0] / 2;
        r = ModelLimits.rangesBelow(m, limit, band);
        assertEquals(3, r.size());
        assertEquals(m[0], r.get(0).lowGeV());
        assertTrue(r.get(0).highGeV() > m[0] && r.get(0).highGeV() < m[1]);
        assertEquals(new MassRange(1.3, m[199]), new MassRange(Math.round(r.get(1).lowGeV() * 1e6) / 1e6, r.get(1).highGeV()));
        assertEquals(new MassRange(m[201], 2.7), new MassRange(r.get(2).lowGeV(), Math.round(r.get(2).highGeV() * 1e6) / 1e6));
        // the span a paper quotes runs from the first to the last excluded mass
        ModelLimits split = new ModelLimits("zprime", List.of(), r);
        assertEquals(new MassRange(m[0], r.get(2).highGeV()), split.excludedSpan());
        double covered = r.stream().mapToDouble(x -> x.highGeV() - x.lowGeV()).sum();
        assertEquals(covered / (r.get(2).highGeV() - m[0]), split.excludedFractionOfSpan(), 1e-12);
    }

    @Test
    void modelLimitsShouldLeaveOutWhatTheInputsDoNotCover() {
        SignalCrossSectionTable table = SignalCrossSectionTable.shipped("scalar");
        List<YieldLimit> yields = new ArrayList<>();
        for (double m = 0.212; m < 9.0; m += 0.5) {
            yields.add(new YieldLimit(m, 5, new double[] {2, 3, 4, 6, 8}));
        }
        EfficiencyTable eff = new EfficiencyTable(new double[] {1, 8}, new double[] {0.2, 0.3}, new double[] {0.25, 0.35});
        ModelLimits limits = ModelLimits.of("scalar", yields, eff.forModel("scalar"), PAPER_LUMI_INV_FB, table,
                MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020, 2);
        for (ModelLimits.Row row : limits.rows()) {
            boolean known = row.massGeV() >= 1 && row.massGeV() <= 8;
            assertEquals(known, row.crossSection() != null, "at " + row.massGeV());
            assertEquals(known, row.coupling() != null);
            assertTrue(row.anomalyBand().lower() > 0);
        }
        ModelLimits.Row at3 = limits.rows().stream().filter(r -> Math.abs(r.massGeV() - 3.212) < 1e-9).findFirst().orElseThrow();
        double eff3 = 0.25 + 0.1 * (3.212 - 1) / 7;
        assertEquals(eff3, at3.efficiency(), 1e-12);
        assertEquals(5 / (eff3 * PAPER_LUMI_INV_FB), at3.crossSection().observedFb(), 1e-12);
        assertTrue(limits.excludedSpan() == null || limits.excludedFractionOfSpan() <= 1);
        assertThrows(IllegalArgumentException.class, () -> ModelLimits.of("zprime", yields, eff.forModel("zprime"),
                PAPER_LUMI_INV_FB, table, MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020, 2));
    }

    @Test
    void efficiencyTableShouldReadEitherColumnOrderAndNotExtrapolate() {
        EfficiencyTable t = EfficiencyTable.fromCsv("# from the calibration bundle\neff_scalar,mass,eff_zprime\n0.30,0.5,0.10\n0.40,2.5,0.30\n");
        assertEquals(0.2, t.forModel("zprime").at(1.5), 1e-12);
        assertEquals(0.35, t.forModel("scalar").at(1.5), 1e-12);
        assertTrue(Double.isNaN(t.forModel("zprime").at(0.4)));
        assertTrue(Double.isNaN(t.forModel("scalar").at(2.6)));
        assertThrows(IllegalArgumentException.class, () -> EfficiencyTable.fromCsv("mass,eff_zprime\n1,0.2\n2,0.3\n"));
        assertThrows(IllegalArgumentException.class, () -> EfficiencyTable.fromCsv("mass,eff_zprime,eff_scalar\n1,0.2,0.3\n2,1.3,0.3\n"));
    }
}
