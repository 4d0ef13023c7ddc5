package org.fourmu.physics.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;

class SignalShapeModelTest {

    static final double[] M = {0.212, 1.0, 5.0, 9.0};
    static final SignalShapeModel FITTED = new SignalShapeModel(M, new double[] {0.002, 0.003, 0.006, 0.004},
            new double[] {1.5, 1.4, 1.3, 1.2}, new double[] {3, 4, 5, 6}, new double[] {0.004, 0.006, 0.012, 0.008},
            new double[] {-2, -1.9, -1.8, -1.7}, new double[] {5, 5, 5, 5}, new double[] {0.7, 0.7, 0.75, 0.8},
            new double[] {0.0025, 0.0037, 0.0072, 0.0048}, new double[] {0.0, -1e-4, -2e-4, 1e-4});

    @Test
    void interpolationIsExactAtTheNodesAndLinearBetween() {
        for (int i = 0; i < M.length; i++) {
            assertEquals(FITTED.resolutionGeV()[i], FITTED.resolutionGeV(M[i]), 0.0);
            assertEquals(FITTED.meanShiftGeV()[i], FITTED.meanShiftGeV(M[i]), 0.0);
            DoubleCrystalBall s = FITTED.shape(M[i], 2.0, 1.8, 2.2);
            assertEquals(FITTED.sigma1GeV()[i], s.first().sigma(), 0.0);
            assertEquals(FITTED.n2()[i], s.second().n(), 0.0);
            assertEquals(FITTED.fraction()[i], s.fraction(), 0.0);
            assertEquals(2.0 + FITTED.meanShiftGeV()[i], s.mean(), 0.0);
        }
        assertEquals((0.0037 + 0.0072) / 2, FITTED.resolutionGeV(3.0), 1e-15);
        assertEquals(0.0025, FITTED.resolutionGeV(0.1), 0.0);
        assertEquals(0.0048, FITTED.resolutionGeV(9.5), 0.0);
    }

    @Test
    void paperDefaultKeepsTheCoreWidthAsResolutionAndNoShift() {
        SignalShapeModel p = SignalShapeModel.paperDefault();
        for (double m : new double[] {0.3, 1.0, 3.0, 5.0, 8.0}) {
            assertEquals(p.shape(m, 1.0, 0.9, 1.1).first().sigma(), p.resolutionGeV(m), 0.0);
            assertEquals(0.0, p.meanShiftGeV(m), 0.0);
        }
    }

    @Test
    void effectiveSigmaOfAGaussianIsSigma() {
        // alpha far out: the Crystal Ball is a Gaussian
        CrystalBall g = new CrystalBall(3.0, 0.004, 30, 5);
        DoubleCrystalBall dcb = new DoubleCrystalBall(g, new CrystalBall(3.0, 0.004, -30, 5), 0.5, 2.9, 3.1);
        assertEquals(0.004, dcb.effectiveSigma(), 1e-8);
    }

    @Test
    void effectiveSigmaMatchesABruteForceShortestInterval() {
        DoubleCrystalBall dcb = new DoubleCrystalBall(new CrystalBall(3.0, 0.004, 1.2, 3), new CrystalBall(3.0, 0.009, -1.5, 4),
                0.65, 2.85, 3.15);
        // independent route: the CDF on a fine grid by 6-point Gauss-Legendre quadrature of the density, then the
        // shortest grid interval holding 68.27%
        int n = 30000;
        double lo = 2.85;
        double step = 0.3 / n;
        double[] cdf = new double[n + 1];
        GaussIntegratorFactory gauss = new GaussIntegratorFactory();
        for (int i = 0; i < n; i++) {
            cdf[i + 1] = cdf[i] + gauss.legendre(6, lo + i * step, lo + (i + 1) * step).integrate(dcb::density);
        }
        double best = Double.MAX_VALUE;
        int j = 0;
        for (int i = 0; i <= n; i++) {
            while (j <= n && cdf[j] - cdf[i] < DoubleCrystalBall.ONE_SIGMA_CONTENT) {
                j++;
            }
            if (j > n) {
                break;
            }
            best = Math.min(best, (j - i) * step);
        }
        assertEquals(best / 2, dcb.effectiveSigma(), 2 * step);
        // narrower than the wide component, wider than the core
        assertEquals(true, dcb.effectiveSigma() > 0.004 && dcb.effectiveSigma() < 0.009);
    }

    @Test
    void quantileInvertsTheIntegral() {
        DoubleCrystalBall dcb = FITTED.shape(5.0, 5.0, 4.8, 5.2);
        for (double p : new double[] {0.01, 0.3, 0.5, 0.9, 0.999}) {
            assertEquals(p, dcb.probability(4.8, dcb.quantile(p)), 1e-9);
        }
    }
}
