package org.fourmu.topology.query;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.models.MuonAnomaly;
import org.junit.jupiter.api.Test;

class AnomalyBandsTest {

    private static final FitScan SCAN = FitScan.paper(SignalShapeModel.paperDefault());

    @Test
    void bandShouldGiveTheAnomalyAndItsTwoSigmaEdgesAtEveryTestMass() {
        AnomalyBands bands = new AnomalyBands(SCAN);
        Answers.AnomalyBand a = bands.answer();
        assertSame(a, bands.answer(), "computed once");
        assertEquals(249e-11, a.deltaAmu());
        assertEquals(48e-11, a.deltaAmuSigma());
        assertEquals(2, a.bandSigmas());
        assertArrayEquals(SCAN.masses().stream().mapToDouble(Double::doubleValue).toArray(), a.massGeV());
        for (int i = 0; i < a.massGeV().length; i += 97) {
            double m = a.massGeV()[i];
            // Delta a_mu scales as g^2: each edge's coupling gives back its Delta a_mu
            double vector = MuonAnomaly.vector(m, 1);
            double scalar = MuonAnomaly.scalar(m, 1);
            assertEquals(249e-11, sq(a.zPrime().central()[i]) * vector, 1e-9 * 249e-11);
            assertEquals((249 - 96) * 1e-11, sq(a.zPrime().lower()[i]) * vector, 1e-9 * 249e-11);
            assertEquals((249 + 96) * 1e-11, sq(a.zPrime().upper()[i]) * vector, 1e-9 * 249e-11);
            assertEquals(249e-11, sq(a.scalar().central()[i]) * scalar, 1e-9 * 249e-11);
            assertEquals((249 - 96) * 1e-11, sq(a.scalar().lower()[i]) * scalar, 1e-9 * 249e-11);
            assertEquals((249 + 96) * 1e-11, sq(a.scalar().upper()[i]) * scalar, 1e-9 * 249e-11);
        }
    }

    @Test
    void bandShouldFollowTheHeavyMassLimitOfTheVectorLoop() {
        // M >> m_mu: Delta a = g^2 m^2 / (12 pi^2 M^2), so g' = sqrt(12 pi^2 Delta a) M / m_mu
        Answers.AnomalyBand a = new AnomalyBands(SCAN).answer();
        int last = a.massGeV().length - 1;
        double m = a.massGeV()[last];
        double expected = Math.sqrt(12 * Math.PI * Math.PI * 249e-11) * m / MUON_MASS_GEV;
        // corrections of order (m/M)^2 ln(M^2/m^2): 1e-3 at 9 GeV
        assertEquals(expected, a.zPrime().central()[last], 3e-3 * expected);
        // heavier X need a larger coupling for the same loop
        assertTrue(a.zPrime().central()[last] > a.zPrime().central()[0]);
    }

    private static double sq(double x) {
        return x * x;
    }
}
