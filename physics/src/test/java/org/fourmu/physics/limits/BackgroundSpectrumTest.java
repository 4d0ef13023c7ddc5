package org.fourmu.physics.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.fourmu.physics.spectrum.Histogram;
import org.junit.jupiter.api.Test;

class BackgroundSpectrumTest {

    private static final BackgroundSpectrum SPECTRUM = BackgroundSpectrum.falling(30000);

    @Test
    void expectedCountsFollowTheDensity() {
        IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-12);
        double all = quad.integrate(1_000_000, SPECTRUM::density, 0, 9.5);
        assertEquals(30000, SPECTRUM.expected(0, 9.5), 1e-6);
        for (double[] r : new double[][] {{0.01, 0.1}, {0.9, 1.2}, {5.0, 5.3}, {8.8, 9.1}}) {
            double exact = 30000 * quad.integrate(1_000_000, SPECTRUM::density, r[0], r[1]) / all;
            // midpoint rule on 0.1 MeV bins: relative error ~ (1e-4 / scale)^2, negligible
            assertEquals(exact, SPECTRUM.expected(r[0], r[1]), 1e-4 * exact);
        }
    }

    @Test
    void toysArePoissonAroundTheExpectationAndReproducible() {
        double x1 = 5.0;
        double x2 = 5.3;
        double expected = SPECTRUM.expected(x1, x2);
        int toys = 400;
        double sum = 0;
        double sum2 = 0;
        double below = 0;
        double mid = 5.15;
        for (int t = 0; t < toys; t++) {
            Histogram h = SPECTRUM.draw(3, t, x1, x2);
            sum += h.entries();
            sum2 += (double) h.entries() * h.entries();
            below += h.sum(0, h.binOf(mid));
            assertEquals(h.entries(), h.sum(h.binOf(x1), h.binOf(x2)), "all candidates inside the range");
        }
        double mean = sum / toys;
        double var = sum2 / toys - mean * mean;
        assertEquals(expected, mean, 4 * Math.sqrt(expected / toys));
        assertEquals(expected, var, 0.25 * expected, "Poisson variance");
        // the shape: the share below the middle of the range follows the density
        assertEquals(SPECTRUM.expected(x1, mid) / expected, below / sum, 0.01);
        assertEquals(SPECTRUM.draw(3, 7), SPECTRUM.draw(3, 7));
    }
}
