package org.fourmu.physics.models;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnomalyCouplingBandTest {

    private static final MuonAnomaly.Band PAPER = MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020;

    /**
     * The one-loop integrals in closed form, by partial fractions of the rational integrands over
     * D(z) = (1-z)^2 + x^2 z = z^2 + p z + 1, p = x^2 - 2, x = M/m_mu:
     * vector  Int 2z(1-z)^2/D = 1 - 2x^2 + 2x^2 [(p/2) ln x^2 + (1 - p^2/2) I],
     * scalar  Int (1-z)^2(1+z)/D = 1/2 + c + (r1/2) ln x^2 + (x^2 - r1 p/2) I, c = 1 - x^2, r1 = -2 - c p,
     * with I = Int_0^1 dz/D (arctangent below x = 2, logarithm above).
     */
    static double closedFormIntegral(boolean vector, double x) {
        double x2 = x * x;
        double p = x2 - 2;
        double disc = p * p - 4;
        double i;
        if (disc < 0) {
            double r = Math.sqrt(-disc);
            i = 2 / r * (Math.atan((2 + p) / r) - Math.atan(p / r));
        } else {
            // roots written without cancellation: x^2 - x s = 4x/(x + s), p - r = 4/(p + r), s = sqrt(x^2 - 4)
            double r = Math.sqrt(disc);
            double s = Math.sqrt(x2 - 4);
            i = 1 / r * (Math.log(4 * x / (x + s) / (x2 + x * s)) - Math.log(4 / ((p + r) * (p + r))));
        }
        if (vector) {
            return 1 - 2 * x2 + 2 * x2 * (p / 2 * Math.log(x2) + (1 - p * p / 2) * i);
        }
        double c = 1 - x2;
        double r1 = -2 - c * p;
        return 0.5 + c + r1 / 2 * Math.log(x2) + (x2 - r1 * p / 2) * i;
    }

    /**
     * The closed forms cancel terms of order x^4 ln x down to a result of order 1/x^2, so they are only
     * good to ~1e-6 at 3 GeV; heavier masses are checked against the heavy-mass limits.
     */
    @ParameterizedTest
    @CsvSource({"0.05, 1e-9", "0.15, 1e-9", "0.212, 1e-9", "0.5, 1e-8", "1.0, 1e-8", "2.0, 1e-6", "3.0, 1e-5"})
    void anomalyIntegralsShouldEqualTheirClosedForms(double massGeV, double tolerance) {
        double x = massGeV / MUON_MASS_GEV;
        double norm = 1 / (8 * Math.PI * Math.PI);
        double vector = norm * closedFormIntegral(true, x);
        double scalar = norm * closedFormIntegral(false, x);
        assertEquals(vector, MuonAnomaly.vector(massGeV, 1), tolerance * vector);
        assertEquals(scalar, MuonAnomaly.scalar(massGeV, 1), tolerance * scalar);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zprime", "scalar"})
    void bandCouplingsShouldReproduceTheAnomalyAndItsTwoSigmaEdges(String model) {
        for (double m : new double[] {0.212, 1.0, 3.0, 9.0}) {
            AnomalyCouplingBand band = AnomalyCouplingBand.of(model, m, PAPER, 2);
            assertEquals(PAPER.central(), DimuonResonance.of(model, m, band.central()).deltaAmu(), 1e-9 * PAPER.central());
            assertEquals(249e-11 - 96e-11, DimuonResonance.of(model, m, band.lower()).deltaAmu(), 1e-9 * PAPER.central());
            assertEquals(249e-11 + 96e-11, DimuonResonance.of(model, m, band.upper()).deltaAmu(), 1e-9 * PAPER.central());
            assertTrue(band.lower() < band.central() && band.central() < band.upper());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zprime", "scalar"})
    void bandShouldFollowTheHeavyMassLimitsAndCloseAtZeroWhenTheAnomalyIsCompatibleWithZero(String model) {
        // heavy X: Delta a = g^2 m^2/(12 pi^2 M^2) (vector) or g^2 m^2/(8 pi^2 M^2)(ln(M^2/m^2) - 7/6) (scalar)
        double bigM = 500;
        double r = MUON_MASS_GEV * MUON_MASS_GEV / (bigM * bigM);
        double perG2 = "zprime".equals(model) ? r / (12 * Math.PI * Math.PI) : r / (8 * Math.PI * Math.PI) * (Math.log(1 / r) - 7.0 / 6);
        double expected = Math.sqrt(PAPER.central() / perG2);
        assertEquals(expected, AnomalyCouplingBand.of(model, bigM, PAPER, 2).central(), 2e-3 * expected);
        // an anomaly of 1 sigma significance has no lower edge at 2 sigma
        assertEquals(0, AnomalyCouplingBand.of(model, 1.0, MuonAnomaly.Band.of(50e-11, 50e-11), 2).lower());
    }
}
