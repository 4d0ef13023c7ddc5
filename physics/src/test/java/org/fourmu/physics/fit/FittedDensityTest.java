package org.fourmu.physics.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;
import org.junit.jupiter.api.Test;

class FittedDensityTest {

    @Test
    void fittedCurvesShouldHoldAsManyEntriesAsTheWindowLikeEveryExtendedFitWithFreeNormalisation() {
        Histogram h = Histogram.reducedMass();
        MassPointFitTest.toy(RandomStreams.forKeys(11, 0), 3000, 150).forEach(h::fill);
        MassPointFit fit = new MassPointFit(h, MassPointFitTest.shape(), MassPointFitTest.LOW, MassPointFitTest.HIGH, 1);
        MassPointFit.Result r = fit.fit();
        DoubleUnaryOperator free = fit.fittedDensity(true);
        DoubleUnaryOperator background = fit.fittedDensity(false);
        IterativeLegendreGaussIntegrator gauss = new IterativeLegendreGaussIntegrator(8, 1e-10, 1e-10);
        double lo = fit.windowLowGeV();
        double hi = fit.windowHighGeV();
        // at the extended-likelihood maximum the expected total equals the observed total (d lnL/d norm = 0)
        assertEquals(r.entries(), gauss.integrate(100_000, free::applyAsDouble, lo, hi), 1e-6 * r.entries());
        assertEquals(r.entries(), gauss.integrate(100_000, background::applyAsDouble, lo, hi), 1e-6 * r.entries());
        // the peak the signal-free curve adds holds the fitted signal (the background-only fit spreads it)
        double peak = free.applyAsDouble(MassPointFitTest.MEAN) - background.applyAsDouble(MassPointFitTest.MEAN);
        assertTrue(peak > 0);
        double s = r.signalYield();
        double expectedPeak = s * MassPointFitTest.shape().density(MassPointFitTest.MEAN);
        assertEquals(expectedPeak, peak, 0.1 * expectedPeak);
    }
}
