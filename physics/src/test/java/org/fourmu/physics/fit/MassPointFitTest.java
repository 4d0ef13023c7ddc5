package org.fourmu.physics.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;
import org.junit.jupiter.api.Test;

class MassPointFitTest {

    static final SignalShapeModel MODEL = SignalShapeModel.paperDefault();
    static final double MASS = 3.0;
    static final double MEAN = MASS; // test in reduced-mass space directly
    static final double SIGMA = MODEL.resolutionGeV(MASS);
    static final double LOW = MEAN - 30 * SIGMA;
    static final double HIGH = MEAN + 30 * SIGMA;

    static DoubleCrystalBall shape() {
        return MODEL.shape(MASS, MEAN, LOW, HIGH);
    }

    /** Events: a linear background (slope across the window) and a signal drawn by accept-reject from the shape. */
    static List<Double> toy(UniformRandomProvider rng, double background, double signal) {
        List<Double> xs = new ArrayList<>();
        long nb = PoissonSampler.of(rng, background).sample();
        while (xs.size() < nb) {
            double u = rng.nextDouble();
            // density proportional to 1 + 0.3 u' with u' in [-1, 1]
            double up = 2 * u - 1;
            if (rng.nextDouble() * 1.3 < 1 + 0.3 * up) {
                xs.add(LOW + u * (HIGH - LOW));
            }
        }
        long ns = signal > 0 ? PoissonSampler.of(rng, signal).sample() : 0;
        DoubleCrystalBall dcb = shape();
        double peak = dcb.density(MEAN) * 1.01;
        int added = 0;
        while (added < ns) {
            double x = LOW + rng.nextDouble() * (HIGH - LOW);
            if (rng.nextDouble() * peak < dcb.density(x)) {
                xs.add(x);
                added++;
            }
        }
        return xs;
    }

    static Histogram histogram(List<Double> xs) {
        Histogram h = Histogram.reducedMass();
        xs.forEach(h::fill);
        return h;
    }

    @Test
    void injectedSignalIsFoundUnbiasedWithUnitPulls() {
        int toys = 300;
        double injected = 40;
        double sum = 0;
        double sum2 = 0;
        double yieldSum = 0;
        for (int t = 0; t < toys; t++) {
            List<Double> xs = toy(RandomStreams.forKeys(11, t), 800, injected);
            MassPointFit.Result r = new MassPointFit(histogram(xs), shape(), LOW, HIGH, 1).fit();
            assertEquals(MassPointFit.Status.CONVERGED, r.status());
            double pull = (r.signalYield() - injected) / r.signalError();
            sum += pull;
            sum2 += pull * pull;
            yieldSum += r.signalYield();
        }
        double mean = sum / toys;
        double width = Math.sqrt(sum2 / toys - mean * mean);
        // for 300 toys: standard error of the mean pull 0.058, of the width ~0.041
        assertEquals(0.0, mean, 0.2, "mean pull");
        assertEquals(1.0, width, 0.15, "pull width");
        assertEquals(injected, yieldSum / toys, 2.0, "mean fitted yield");
    }

    @Test
    void backgroundOnlyGivesSmallSignificanceAndStrongSignalALargeOne() {
        MassPointFit.Result none = new MassPointFit(histogram(toy(RandomStreams.forKeys(5, 1), 800, 0)), shape(), LOW, HIGH, 1).fit();
        assertTrue(Math.abs(none.localSignificance()) < 4, "Z = " + none.localSignificance());
        MassPointFit.Result strong = new MassPointFit(histogram(toy(RandomStreams.forKeys(5, 2), 800, 150)), shape(), LOW, HIGH, 1).fit();
        assertTrue(strong.localSignificance() > 5, "Z = " + strong.localSignificance());
    }

    @Test
    void binnedFitAgreesWithAnIndependentUnbinnedFit() {
        List<Double> xs = toy(RandomStreams.forKeys(9, 3), 600, 60);
        MassPointFit.Result binned = new MassPointFit(histogram(xs), shape(), LOW, HIGH, 1).fit();
        DoubleCrystalBall dcb = shape();
        double width = HIGH - LOW;
        // unbinned extended NLL in (s, c0, c1), minimised by Nelder-Mead: a different likelihood and a different minimiser
        MultivariateFunction nll = p -> {
            double s = p[0];
            double c0 = p[1];
            double c1 = p[2];
            double v = s + c0;
            for (double x : xs) {
                double u = 2 * (x - LOW) / width - 1;
                double d = s * dcb.density(x) + (c0 + c1 * u) / width;
                if (!(d > 0)) {
                    return 1e30;
                }
                v -= Math.log(d);
            }
            return v;
        };
        PointValuePair best = new SimplexOptimizer(1e-12, 1e-12).optimize(new MaxEval(200_000), new ObjectiveFunction(nll),
                GoalType.MINIMIZE, new InitialGuess(new double[] {binned.signalYield() + 5, xs.size() - 50.0, 0.0}),
                new NelderMeadSimplex(new double[] {5, 20, 10}));
        double unbinnedSignal = best.getPoint()[0];
        // 0.1 MeV bins against a 5 MeV resolution: the yields agree to a few percent of their error
        assertEquals(unbinnedSignal, binned.signalYield(), 0.05 * binned.signalError());
    }
}
