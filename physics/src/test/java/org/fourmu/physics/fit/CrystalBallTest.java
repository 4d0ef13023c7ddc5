package org.fourmu.physics.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analytic Crystal Ball integral against adaptive Gauss-Legendre quadrature (commons-math3). */
class CrystalBallTest {

    @ParameterizedTest(name = "mean={0} sigma={1} alpha={2} n={3} on [{4}, {5}]")
    @CsvSource({
        "3.0, 0.005, 1.5, 3.0, 2.90, 3.10",
        "3.0, 0.005, -2.0, 5.0, 2.95, 3.20",
        "0.5, 0.002, 1.0, 1.0, 0.40, 0.52",
        "0.5, 0.002, 1.0, 1.0000000001, 0.40, 0.52",
        "5.3, 0.005, 0.7, 1.5, 5.00, 5.30",
        "5.3, 0.005, 2.5, 20.0, 5.29, 5.40",
        "9.0, 0.0025, -0.5, 2.0, 8.99, 9.10",
    })
    void analyticIntegralMatchesNumericalIntegration(double mean, double sigma, double alpha, double n, double a, double b) {
        CrystalBall cb = new CrystalBall(mean, sigma, alpha, n);
        IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
        // integrate piecewise around the peak so the quadrature resolves it
        double numeric = 0;
        int pieces = 400;
        for (int i = 0; i < pieces; i++) {
            double lo = a + (b - a) * i / pieces;
            double hi = a + (b - a) * (i + 1) / pieces;
            numeric += quad.integrate(1_000_000, cb::value, lo, hi);
        }
        assertEquals(numeric, cb.integral(a, b), 1e-9 * Math.max(1, numeric));
    }

    @ParameterizedTest
    @CsvSource({"1.5, 3.0, -2.0, 5.0, 0.8", "0.8, 1.2, -1.0, 2.0, 0.5"})
    void doubleCrystalBallIsNormalised(double a1, double n1, double a2, double n2, double f) {
        DoubleCrystalBall dcb = new DoubleCrystalBall(new CrystalBall(3.0, 0.004, a1, n1), new CrystalBall(3.0, 0.008, a2, n2), f,
                2.88, 3.12);
        assertEquals(1.0, dcb.probability(2.88, 3.12), 1e-12);
        IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
        double numeric = 0;
        for (int i = 0; i < 240; i++) {
            numeric += quad.integrate(1_000_000, dcb::density, 2.88 + i * 0.001, 2.88 + (i + 1) * 0.001);
        }
        assertEquals(1.0, numeric, 1e-9);
        assertEquals(dcb.probability(2.99, 3.0) + dcb.probability(3.0, 3.02), dcb.probability(2.99, 3.02), 1e-14);
    }
}
