package org.fourmu.simulation.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.calibration.CalibrationBundleFormat;
import org.fourmu.physics.fit.CrystalBall;
import org.fourmu.physics.fit.DoubleCrystalBall;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

/**
 * The demo's injected signal against the shipped bundle's signal shape at 5.3 GeV, on a few thousand
 * events (seconds); the full numbers: docs/validation/injected-peak.md.
 */
class InjectedPeakTest {

    static final Path SHIPPED = Path.of("../app/src/main/resources/calibration/default.json");
    static final double MASS = 5.3;

    @Test
    void narrowInjectionAgreesWithTheBundleShape() throws Exception {
        CalibrationBundle bundle = CalibrationBundleFormat.read(SHIPPED);
        // the demo's default coupling: 0.37 MeV wide
        InjectedPeak.Result r = InjectedPeak.measure(bundle, "zprime", MASS, 0.03, 3000, 21);
        double res = r.resolutionGeV();
        assertTrue(r.xCandidates().length > 1000, "X candidates: " + r.xCandidates().length);
        // 20000-event run: shift 3.67 vs 3.64 MeV, half-width 10.74 vs 10.62 MeV; here ~1300 candidates
        assertEquals(r.shapeMeanShiftGeV(), r.observedMeanShiftGeV(), 0.1 * res);
        assertEquals(1, r.observedHalfWidthGeV() / r.shapeHalfWidthGeV(), 0.08);
        assertTrue(r.ksPValue() > 1e-3, "KS p " + r.ksPValue());
        assertEquals(r.shapeFraction(InjectedPeak.OBSERVED_WINDOWS_GEV[0]), r.observedFraction(InjectedPeak.OBSERVED_WINDOWS_GEV[0]), 0.04);
    }

    @Test
    void wideInjectionIsTheShapeBroadenedByTheNaturalWidth() throws Exception {
        CalibrationBundle bundle = CalibrationBundleFormat.read(SHIPPED);
        // the demo's former default g' = 0.3: Gamma = 36.8 MeV
        InjectedPeak.Result r = InjectedPeak.measure(bundle, "zprime", MASS, 0.3, 3000, 22);
        assertEquals(0.0368, r.naturalWidthGeV(), 0.0005);
        for (double d : InjectedPeak.OBSERVED_WINDOWS_GEV) {
            assertEquals(r.broadenedFraction(d), r.observedFraction(d), 0.04, "within +-" + d + " GeV");
        }
        assertTrue(r.shapeFraction(InjectedPeak.OBSERVED_WINDOWS_GEV[0]) - r.observedFraction(InjectedPeak.OBSERVED_WINDOWS_GEV[0]) > 0.3);
        assertTrue(r.ksPValue() < 1e-6, "the narrow shape does not describe a 37 MeV wide peak");
    }

    @Test
    void broadeningANarrowPeakGivesTheBreitWignerFractionInTheWindow() {
        double m = 5.3;
        double low = m - 0.3;
        double high = m + 0.3;
        CrystalBall spike = new CrystalBall(m, 1e-6, 5, 5);
        DoubleCrystalBall shape = new DoubleCrystalBall(spike, spike, 0.5, low, high);
        double gamma = 0.0368;
        InjectedPeak.Result r = new InjectedPeak.Result("zprime", m, 0.3, gamma, 1, m, low, high, new double[0], new double[0], shape, 0.01);
        for (double d : new double[] {0.005, 0.0185, 0.045, 0.2}) {
            // Cauchy: P(|y| < d) = (2/pi) atan(2d/Gamma), conditioned on |y| < 0.3
            double expected = Math.atan(2 * d / gamma) / Math.atan(2 * 0.3 / gamma);
            assertEquals(expected, r.broadenedFraction(d), 2e-3, "d = " + d);
        }
    }

    @Test
    void shortestHalfIntervalOfAGaussianIsSigma() {
        UniformRandomProvider rng = RandomStreams.forKeys(5);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 + 0.01 * g.sample();
        }
        assertEquals(0.01, InjectedPeak.shortestHalfInterval(x, DoubleCrystalBall.ONE_SIGMA_CONTENT), 1e-4);
    }
}
