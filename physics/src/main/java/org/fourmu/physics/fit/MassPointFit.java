package org.fourmu.physics.fit;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.fourmu.physics.spectrum.Histogram;

/**
 * The binned extended maximum-likelihood fit at one test mass (paper Sec. V): signal yield times a
 * fixed double Crystal Ball plus a background polynomial (Legendre basis on the window) in a window
 * of the reduced-mass histogram. Every free parameter enters the expected counts linearly, so the
 * Poisson likelihood is convex in them and Newton's method with step halving (to keep every
 * expected count positive) converges in a few iterations; only non-empty bins enter the sums, so a
 * fit costs O(entries in the window), whatever the bin width. Uncertainties from the curvature.
 */
public final class MassPointFit {

    /** How a fit ended. */
    public enum Status { CONVERGED, EMPTY, FAILED }

    /** The fit with the signal free, and the background-only fit. */
    public record Result(Status status, double signalYield, double signalError, double backgroundYield,
                         double nll, double nllBackgroundOnly, double localSignificance, long entries) {
    }

    private static final int MAX_ITERATIONS = 100;

    private final int params;      // signal + background coefficients
    private final double[][] basis; // [nonEmptyBin][param]
    private final double[] counts;
    private final double[] total;   // integral of each basis function over the window
    private final double[][] checkPoints; // basis densities at points where the model must stay non-negative
    private final long entries;
    private final DoubleCrystalBall shape;
    private final double windowLow;
    private final double windowWidth;
    private final int polyDegree;

    /**
     * @param h          the reduced-mass histogram
     * @param shape      signal shape normalised on the window
     * @param low        window low edge (reduced mass, GeV); snapped to the bin edge
     * @param high       window high edge
     * @param polyDegree background polynomial degree (2 below 1 GeV, 1 above: paper Sec. V)
     */
    public MassPointFit(Histogram h, DoubleCrystalBall shape, double low, double high, int polyDegree) {
        int bLo = Math.max(0, h.binOf(low));
        int bHi = Math.min(h.bins() - 1, h.binOf(high) - 1);
        double lo = h.binLow(bLo);
        double hi = h.binLow(bHi + 1);
        params = polyDegree + 2;
        this.shape = shape;
        this.windowLow = lo;
        this.windowWidth = hi - lo;
        this.polyDegree = polyDegree;
        int nonEmpty = 0;
        long n = 0;
        for (int b = bLo; b <= bHi; b++) {
            if (h.count(b) != 0) {
                nonEmpty++;
                n += h.count(b);
            }
        }
        entries = n;
        basis = new double[nonEmpty][params];
        counts = new double[nonEmpty];
        int k = 0;
        double width = hi - lo;
        for (int b = bLo; b <= bHi; b++) {
            long c = h.count(b);
            if (c == 0) {
                continue;
            }
            double x1 = h.binLow(b);
            double x2 = h.binLow(b + 1);
            basis[k][0] = shape.probability(x1, x2);
            double u1 = 2 * (x1 - lo) / width - 1;
            double u2 = 2 * (x2 - lo) / width - 1;
            for (int d = 0; d <= polyDegree; d++) {
                basis[k][d + 1] = legendreIntegral(d, u1, u2) / 2;
            }
            counts[k++] = c;
        }
        total = new double[params];
        total[0] = shape.probability(lo, hi);
        total[1] = 1.0;
        // positivity of the expected density: window edges, centre, signal peak, quadratic vertex region
        double[] us = {-1, -0.5, 0, 0.5, 1, 2 * (shape.mean() - lo) / width - 1};
        checkPoints = new double[us.length][params];
        for (int i = 0; i < us.length; i++) {
            double u = Math.max(-1, Math.min(1, us[i]));
            double x = lo + (u + 1) / 2 * width;
            checkPoints[i][0] = shape.density(x) * width / 2;
            for (int d = 0; d <= polyDegree; d++) {
                checkPoints[i][d + 1] = legendre(d, u) / 2;
            }
        }
    }

    static double legendre(int d, double u) {
        return switch (d) {
            case 0 -> 1;
            case 1 -> u;
            case 2 -> 1.5 * u * u - 0.5;
            default -> throw new IllegalArgumentException("background degree up to 2");
        };
    }

    /** Integral of P_d(u) over [u1, u2]. */
    static double legendreIntegral(int d, double u1, double u2) {
        return switch (d) {
            case 0 -> u2 - u1;
            case 1 -> (u2 * u2 - u1 * u1) / 2;
            case 2 -> ((u2 * u2 * u2 - u2) - (u1 * u1 * u1 - u1)) / 2;
            default -> throw new IllegalArgumentException("background degree up to 2");
        };
    }

    public long entries() {
        return entries;
    }

    /** Fit with the signal free and with the signal fixed at zero. */
    public Result fit() {
        if (entries == 0) {
            return new Result(Status.EMPTY, 0, Double.NaN, 0, 0, 0, 0, 0);
        }
        Minimum free = minimise(Double.NaN);
        Minimum background = minimise(0.0);
        if (free == null || background == null) {
            return new Result(Status.FAILED, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, entries);
        }
        double q = Math.max(0, 2 * (background.nll - free.nll));
        double z = Math.copySign(Math.sqrt(q), free.theta[0]);
        return new Result(Status.CONVERGED, free.theta[0], free.error0, free.theta[1], free.nll, background.nll, z, entries);
    }

    /** The fit window's low edge after snapping to bin edges (reduced mass, GeV). */
    public double windowLowGeV() {
        return windowLow;
    }

    /** The fit window's high edge after snapping to bin edges. */
    public double windowHighGeV() {
        return windowLow + windowWidth;
    }

    /**
     * The fitted model as expected entries per GeV of reduced mass, with the signal yield free or fixed
     * at zero (background only): for drawing the fit over the data. Null if the fit fails.
     */
    public DoubleUnaryOperator fittedDensity(boolean signalFree) {
        Minimum m = entries == 0 ? null : minimise(signalFree ? Double.NaN : 0.0);
        if (m == null) {
            return null;
        }
        double[] theta = m.theta.clone();
        return x -> {
            double u = 2 * (x - windowLow) / windowWidth - 1;
            double density = theta[0] * shape.density(x);
            for (int d = 0; d <= polyDegree; d++) {
                density += theta[d + 1] * legendre(d, u) / windowWidth;
            }
            return density;
        };
    }

    /** The negative log-likelihood with the signal yield fixed at {@code signal}, background profiled; NaN if infeasible. */
    public double profileNll(double signal) {
        Minimum m = minimise(signal);
        return m == null ? Double.NaN : m.nll;
    }

    private record Minimum(double[] theta, double nll, double error0) {
    }

    /** Newton minimisation; {@code fixedSignal} NaN frees the signal yield. */
    private Minimum minimise(double fixedSignal) {
        boolean free = Double.isNaN(fixedSignal);
        int first = free ? 0 : 1;
        int m = params - first;
        double[] theta = new double[params];
        theta[0] = free ? 0 : fixedSignal;
        theta[1] = Math.max(entries - Math.max(0, theta[0]), 0.5);
        if (!feasible(theta)) {
            // a negative fixed signal needs a larger flat background to keep the density positive
            theta[1] = entries + 10 * Math.abs(theta[0]) + 1;
            if (!feasible(theta)) {
                return null;
            }
        }
        double nll = nll(theta);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[] g = new double[m];
            double[][] hess = new double[m][m];
            for (int j = 0; j < m; j++) {
                g[j] = total[j + first];
            }
            for (int i = 0; i < counts.length; i++) {
                double nu = dot(theta, basis[i]);
                double w = counts[i] / nu;
                double w2 = w / nu;
                for (int j = 0; j < m; j++) {
                    double bj = basis[i][j + first];
                    g[j] -= w * bj;
                    for (int l = 0; l <= j; l++) {
                        hess[j][l] += w2 * bj * basis[i][l + first];
                    }
                }
            }
            for (int j = 0; j < m; j++) {
                for (int l = j + 1; l < m; l++) {
                    hess[j][l] = hess[l][j];
                }
            }
            double[] step = solve(hess, g);
            if (step == null) {
                return null;
            }
            double lambda = 1;
            double[] next = theta.clone();
            double nextNll = Double.NaN;
            for (int halvings = 0; halvings < 60; halvings++) {
                for (int j = 0; j < m; j++) {
                    next[j + first] = theta[j + first] - lambda * step[j];
                }
                if (feasible(next)) {
                    nextNll = nll(next);
                    if (nextNll <= nll + 1e-12 * Math.abs(nll)) {
                        break;
                    }
                }
                lambda /= 2;
                nextNll = Double.NaN;
            }
            if (Double.isNaN(nextNll)) {
                break; // no improving step: at the minimum to machine precision
            }
            double change = nll - nextNll;
            theta = next.clone();
            nll = nextNll;
            if (change < 1e-10) {
                break;
            }
        }
        double error0 = Double.NaN;
        if (free) {
            double[][] hess = new double[params][params];
            for (int i = 0; i < counts.length; i++) {
                double nu = dot(theta, basis[i]);
                double w2 = counts[i] / (nu * nu);
                for (int j = 0; j < params; j++) {
                    for (int l = 0; l < params; l++) {
                        hess[j][l] += w2 * basis[i][j] * basis[i][l];
                    }
                }
            }
            try {
                RealMatrix inv = new LUDecomposition(new Array2DRowRealMatrix(hess, false)).getSolver().getInverse();
                error0 = Math.sqrt(Math.max(0, inv.getEntry(0, 0)));
            } catch (MathIllegalArgumentException e) {
                error0 = Double.NaN;
            }
        }
        return new Minimum(theta, nll, error0);
    }

    private boolean feasible(double[] theta) {
        for (double[] b : basis) {
            if (!(dot(theta, b) > 0)) {
                return false;
            }
        }
        for (double[] c : checkPoints) {
            if (dot(theta, c) < 0) {
                return false;
            }
        }
        return true;
    }

    private double nll(double[] theta) {
        double s = 0;
        for (int j = 0; j < params; j++) {
            s += theta[j] * total[j];
        }
        for (int i = 0; i < counts.length; i++) {
            s -= counts[i] * Math.log(dot(theta, basis[i]));
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Solve H x = g; a window with fewer distinct entries than parameters has a singular H, and
     * then a small ridge (Levenberg) makes the step well defined without changing the minimum.
     */
    private static double[] solve(double[][] a, double[] b) {
        for (double ridge : new double[] {0, 1e-10, 1e-6, 1e-2}) {
            double scale = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i][i]));
            }
            double[][] m = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                m[i] = a[i].clone();
                m[i][i] += ridge * Math.max(scale, 1e-12);
            }
            try {
                return new LUDecomposition(new Array2DRowRealMatrix(m, false)).getSolver()
                        .solve(new ArrayRealVector(b, false)).toArray();
            } catch (MathIllegalArgumentException e) {
                // singular: try with a ridge
            }
        }
        return null;
    }
}
