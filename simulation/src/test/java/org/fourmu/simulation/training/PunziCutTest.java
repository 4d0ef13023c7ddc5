package org.fourmu.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.junit.jupiter.api.Test;

class PunziCutTest {

    /**
     * Signal scores with density 2x on [0, 1] (eps(c) = 1 - c^2), background flat (B(c) = B0 (1 - c)),
     * represented by their quantiles. The optimum of (1 - c^2) / (a/2 + sqrt(B0 (1 - c))) found by
     * Brent's method on the continuous function is the known answer.
     */
    @Test
    void findsTheContinuousOptimumOfAToyWithKnownEfficiencyCurves() {
        int n = 20_000;
        double[] signal = new double[n];
        double[] background = new double[n];
        for (int i = 0; i < n; i++) {
            signal[i] = Math.sqrt((i + 0.5) / n);
            background[i] = (i + 0.5) / n;
        }
        for (double b0 : new double[] {5, 50, 500}) {
            double[] expected = new double[n];
            java.util.Arrays.fill(expected, b0 / n);
            double a = PunziCut.DEFAULT_A;
            UnivariateFunction fom = c -> (1 - c * c) / (a / 2 + Math.sqrt(b0 * (1 - c)));
            double known = new BrentOptimizer(1e-12, 1e-12).optimize(new MaxEval(1000), new UnivariateObjectiveFunction(fom),
                    GoalType.MAXIMIZE, new SearchInterval(0, 1)).getPoint();
            PunziCut cut = PunziCut.maximise(signal, null, background, expected, a);
            // the maximum is flat: a cut 0.005 away changes the figure of merit by ~1e-6 (checked below)
            assertEquals(known, cut.cut(), 5e-3, "B0 = " + b0);
            assertEquals(fom.value(known), fom.value(cut.cut()), 2e-5 * fom.value(known));
            assertEquals(1 - cut.cut() * cut.cut(), cut.signalEfficiency(), 1e-3);
            assertEquals(b0 * (1 - cut.cut()), cut.background(), 1e-3 * b0);
            assertEquals(fom.value(known), cut.figureOfMerit(), 1e-4);
        }
    }

    @Test
    void keepsEverythingWithoutBackgroundAndCutsHarderWithMore() {
        double[] signal = {0.2, 0.5, 0.9};
        double[] background = {0.1, 0.3, 0.6};
        PunziCut none = PunziCut.maximise(signal, null, background, new double[] {0, 0, 0}, 3);
        assertEquals(0.2, none.cut(), 0);
        assertEquals(1, none.signalEfficiency(), 0);
        // with 100 expected per example: keeping all gives 1 / (1.5 + sqrt 300) = 0.0522;
        // >= 0.5: (2/3) / (1.5 + 10) = 0.0580; >= 0.9: (1/3) / 1.5 = 0.222
        PunziCut hard = PunziCut.maximise(signal, null, background, new double[] {100, 100, 100}, 3);
        assertEquals(0.9, hard.cut(), 0);
        assertEquals((1.0 / 3) / 1.5, hard.figureOfMerit(), 1e-15);
    }
}
