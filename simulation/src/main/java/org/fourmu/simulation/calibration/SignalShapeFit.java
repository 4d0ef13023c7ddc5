package org.fourmu.simulation.calibration;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.fourmu.physics.fit.CrystalBall;
import org.fourmu.physics.fit.DoubleCrystalBall;

/**
 * Maximum-likelihood fit of the paper's signal shape (Sec. V) to simulated reduced masses, in
 * bins far narrower than the peak: a double Crystal Ball with a shared mean, normalised on the fit window, the first
 * component with its tail on the low side (alpha1 > 0), the second on the high side (alpha2 < 0).
 * BOBYQA (bounded, derivative-free; Powell 2009) minimises the negative log-likelihood in scaled
 * parameters from three starting points (the best minimum wins); errors come from the inverse of a finite-difference
 * Hessian at the minimum. Deterministic.
 */
public final class SignalShapeFit {

    /** Parameter names in fit order. */
    public static final String[] NAMES = {"mean", "sigma1", "alpha1", "n1", "sigma2", "alpha2", "n2", "fraction"};
    private static final int P = NAMES.length;
    /** Likelihood bins per robust width (half the central 68%). */
    static final int BINS_PER_WIDTH = 16;

    /**
     * A fitted shape.
     *
     * @param parameters  mean, sigma1, alpha1, n1, sigma2, alpha2, n2, fraction (GeV where dimensioned)
     * @param errors      their errors (NaN for a parameter at a bound)
     * @param atBound     whether each parameter ended at its bound
     * @param nll         negative log-likelihood at the minimum
     * @param entries     events in the window
     * @param low         window low edge (reduced mass, GeV)
     * @param high        window high edge
     * @param evaluations likelihood evaluations
     */
    public record Result(double[] parameters, double[] errors, boolean[] atBound, double nll, int entries, double low,
                         double high, int evaluations) {

        public double parameter(String name) {
            return parameters[index(name)];
        }

        public double error(String name) {
            return errors[index(name)];
        }

        public DoubleCrystalBall shape() {
            return SignalShapeFit.shape(parameters, low, high);
        }

        /** Half the shortest interval holding 68.27% of the fitted shape. */
        public double effectiveSigma() {
            return shape().effectiveSigma();
        }
    }

    private SignalShapeFit() {
    }

    static int index(String name) {
        int i = Arrays.asList(NAMES).indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return i;
    }

    static DoubleCrystalBall shape(double[] p, double low, double high) {
        return new DoubleCrystalBall(new CrystalBall(p[0], p[1], p[2], p[3]), new CrystalBall(p[0], p[4], p[5], p[6]), p[7],
                low, high);
    }

    /** Half the width of the central 68% of values: a tail-robust width (NaN for fewer than 20 values). */
    public static double coreWidth(double[] values) {
        double[] r = values.clone();
        if (r.length < 20) {
            return Double.NaN;
        }
        Arrays.sort(r);
        return (r[(int) (0.84 * r.length)] - r[(int) (0.16 * r.length)]) / 2;
    }

    /** Fit the values inside [low, high] (others are ignored). */
    public static Result fit(double[] values, double low, double high) {
        double[] x = Arrays.stream(values).filter(v -> v >= low && v <= high).sorted().toArray();
        if (x.length < 50) {
            throw new IllegalArgumentException("a double Crystal Ball fit needs at least 50 entries in the window, got " + x.length);
        }
        double median = x[x.length / 2];
        double width = coreWidth(x);
        Scale scale = new Scale(median, width);
        Likelihood nll = new Likelihood(x, low, high, width / BINS_PER_WIDTH);
        ObjectiveFunction objective = new ObjectiveFunction(u -> nll.value(scale.natural(u)));
        double[] lower = {-3, 0.1, 0.3, Math.log(1.01), 0.2, -8, Math.log(1.01), 0.01};
        double[] upper = {3, 5, 8, Math.log(60), 20, -0.3, Math.log(60), 0.99};
        double[][] starts = {
            {0, 0.8, 1.5, Math.log(5), 1.6, -1.5, Math.log(5), 0.5},
            {0, 1.0, 1.0, Math.log(3), 2.5, -2.0, Math.log(3), 0.8},
            {0, 1.2, 2.0, Math.log(5), 0.7, -2.0, Math.log(5), 0.5},
        };
        PointValuePair best = null;
        int evaluations = 0;
        for (double[] start : starts) {
            BOBYQAOptimizer bobyqa = new BOBYQAOptimizer(2 * P + 1, 0.25, 1e-8);
            PointValuePair r = bobyqa.optimize(new MaxEval(20_000), objective, GoalType.MINIMIZE, new InitialGuess(start),
                    new SimpleBounds(lower, upper));
            evaluations += bobyqa.getEvaluations();
            if (best == null || r.getValue() < best.getValue()) {
                best = r;
            }
        }
        double[] u = best.getPoint();
        boolean[] atBound = new boolean[P];
        for (int i = 0; i < P; i++) {
            double span = upper[i] - lower[i];
            atBound[i] = u[i] - lower[i] < 1e-4 * span || upper[i] - u[i] < 1e-4 * span;
        }
        double[] p = scale.natural(u);
        return new Result(p, errors(nll, p, atBound), atBound, best.getValue(), x.length, low, high, evaluations);
    }

    /** Fit parameters <-> scaled ones of order one: mean and widths in units of the robust width, n as log n. */
    private record Scale(double median, double width) {
        double[] natural(double[] u) {
            return new double[] {median + u[0] * width, u[1] * width, u[2], Math.exp(u[3]), u[4] * width, u[5], Math.exp(u[6]), u[7]};
        }
    }

    /**
     * The multinomial likelihood of the values in fine bins (a sixteenth of the robust width) with
     * exact bin integrals: as good as unbinned at this bin width, at a cost set by the non-empty
     * bins rather than the entries.
     */
    private static final class Likelihood {
        private final double low;
        private final double high;
        private final double[] binLow;
        private final double[] binHigh;
        private final double[] counts;

        Likelihood(double[] sorted, double low, double high, double binWidth) {
            this.low = low;
            this.high = high;
            int bins = Math.max(1, (int) Math.ceil((high - low) / binWidth));
            double w = (high - low) / bins;
            double[] c = new double[bins];
            for (double v : sorted) {
                c[Math.min(bins - 1, (int) ((v - low) / w))]++;
            }
            int nonEmpty = (int) Arrays.stream(c).filter(v -> v > 0).count();
            binLow = new double[nonEmpty];
            binHigh = new double[nonEmpty];
            counts = new double[nonEmpty];
            int k = 0;
            for (int b = 0; b < bins; b++) {
                if (c[b] > 0) {
                    binLow[k] = low + b * w;
                    binHigh[k] = b == bins - 1 ? high : low + (b + 1) * w;
                    counts[k++] = c[b];
                }
            }
        }

        double value(double[] p) {
            DoubleCrystalBall dcb;
            try {
                dcb = shape(p, low, high);
            } catch (IllegalArgumentException e) {
                return Double.MAX_VALUE;
            }
            double s = 0;
            for (int k = 0; k < counts.length; k++) {
                double prob = dcb.probability(binLow[k], binHigh[k]);
                if (!(prob > 0)) {
                    return Double.MAX_VALUE;
                }
                s -= counts[k] * Math.log(prob);
            }
            return s;
        }
    }

    /** Errors from the inverse Hessian of the NLL over the free parameters (central differences). */
    private static double[] errors(Likelihood nll, double[] p, boolean[] atBound) {
        int[] free = java.util.stream.IntStream.range(0, P).filter(i -> !atBound[i]).toArray();
        double[] errors = new double[P];
        Arrays.fill(errors, Double.NaN);
        int k = free.length;
        double[] h = new double[P];
        for (int i = 0; i < P; i++) {
            h[i] = 1e-4 * Math.max(Math.abs(p[i]), i == 0 ? p[1] : 1e-3);
        }
        h[0] = 1e-3 * p[1];
        double f0 = nll.value(p);
        double[][] hess = new double[k][k];
        for (int a = 0; a < k; a++) {
            int i = free[a];
            for (int b = a; b < k; b++) {
                int j = free[b];
                double v;
                if (i == j) {
                    v = (nll.value(shift(p, i, h[i], i, 0)) - 2 * f0 + nll.value(shift(p, i, -h[i], i, 0))) / (h[i] * h[i]);
                } else {
                    v = (nll.value(shift(p, i, h[i], j, h[j])) - nll.value(shift(p, i, h[i], j, -h[j]))
                            - nll.value(shift(p, i, -h[i], j, h[j])) + nll.value(shift(p, i, -h[i], j, -h[j])))
                            / (4 * h[i] * h[j]);
                }
                hess[a][b] = v;
                hess[b][a] = v;
            }
        }
        try {
            RealMatrix cov = new LUDecomposition(new Array2DRowRealMatrix(hess, false)).getSolver().getInverse();
            for (int a = 0; a < k; a++) {
                double var = cov.getEntry(a, a);
                errors[free[a]] = var > 0 ? Math.sqrt(var) : Double.NaN;
            }
        } catch (SingularMatrixException e) {
            // leave NaN: the shape is still usable, its errors are not
        }
        return errors;
    }

    private static double[] shift(double[] p, int i, double di, int j, double dj) {
        double[] q = p.clone();
        q[i] += di;
        q[j] += dj;
        return q;
    }
}
