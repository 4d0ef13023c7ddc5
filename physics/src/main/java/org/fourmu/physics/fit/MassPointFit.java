package org.fourmu.physics.fit;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.fourmu.physics.limits.BinnedChannel;
import org.fourmu.physics.limits.YieldLikelihood;
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
    private static final int[] NONE_ACTIVE = new int[0];
    /** At most this many grid intervals of positivity check points (a window of 60 resolutions needs ~120). */
    private static final int MAX_CHECK_INTERVALS = 1000;

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
        for (int b = bLo; b <= bHi; b++) {
            long c = h.count(b);
            if (c == 0) {
                continue;
            }
            binBasis(basis[k], shape, h.binLow(b), h.binLow(b + 1), lo, hi, polyDegree);
            counts[k++] = c;
        }
        total = totals(shape, lo, hi, params);
        checkPoints = checkPoints(shape, lo, hi, polyDegree);
    }

    /**
     * A fit on precomputed bins (a {@link Window}): only the non-empty ones enter. Counts may be
     * non-integer (the Asimov data set: expected counts); entries is then their rounded sum.
     */
    private MassPointFit(Window w, double[] windowCounts) {
        if (windowCounts.length != w.basis.length) {
            throw new IllegalArgumentException("need one count per window bin: " + w.basis.length + ", got " + windowCounts.length);
        }
        params = w.total.length;
        int nonEmpty = 0;
        double n = 0;
        for (double c : windowCounts) {
            if (!(c >= 0)) {
                throw new IllegalArgumentException("counts must not be negative");
            }
            if (c != 0) {
                nonEmpty++;
                n += c;
            }
        }
        entries = Math.round(n);
        basis = new double[nonEmpty][];
        counts = new double[nonEmpty];
        int k = 0;
        for (int b = 0; b < windowCounts.length; b++) {
            if (windowCounts[b] != 0) {
                basis[k] = w.basis[b];
                counts[k++] = windowCounts[b];
            }
        }
        total = w.total;
        checkPoints = w.checkPoints;
        shape = w.shape;
        windowLow = w.lowGeV;
        windowWidth = w.widthGeV;
        polyDegree = w.polyDegree;
    }

    /** Signal probability and background Legendre integrals (on the window [lo, hi]) of the bin [x1, x2]. */
    private static void binBasis(double[] row, DoubleCrystalBall shape, double x1, double x2, double lo, double hi, int degree) {
        double width = hi - lo;
        row[0] = shape.probability(x1, x2);
        double u1 = 2 * (x1 - lo) / width - 1;
        double u2 = 2 * (x2 - lo) / width - 1;
        for (int d = 0; d <= degree; d++) {
            row[d + 1] = legendreIntegral(d, u1, u2) / 2;
        }
    }

    /** Integral of each basis function over the whole window (the Legendre P_d with d > 0 integrate to zero). */
    private static double[] totals(DoubleCrystalBall shape, double lo, double hi, int params) {
        double[] t = new double[params];
        t[0] = shape.probability(lo, hi);
        t[1] = 1.0;
        return t;
    }

    /**
     * Basis densities where the model must stay non-negative: a grid over the whole window, half the
     * narrower Crystal Ball width apart, and the signal peak. The likelihood itself only holds the
     * model positive in bins with entries; where a stretch of the window is empty (below the first
     * entry at threshold) a handful of check points left the background free to dip below zero
     * between them, an impossible Poisson mean (to -3% of its mean density at the first masses of
     * the four-muon spectrum, whose Asimov data set then had negative counts). Between grid points
     * h apart a quadratic non-negative at both dips by at most |b''| h^2 / 8, and the signal changes
     * little over half its width.
     */
    private static double[][] checkPoints(DoubleCrystalBall shape, double lo, double hi, int degree) {
        double width = hi - lo;
        double spacing = Math.min(shape.first().sigma(), shape.second().sigma()) / 2;
        // a multiple of 4 keeps the window's edges, quarters and centre among the points
        int intervals = 4 * (int) Math.ceil(Math.min(MAX_CHECK_INTERVALS, Math.max(4, width / spacing)) / 4);
        double[] us = new double[intervals + 2];
        for (int i = 0; i <= intervals; i++) {
            us[i] = -1 + 2.0 * i / intervals;
        }
        us[intervals + 1] = 2 * (shape.mean() - lo) / width - 1;
        double[][] out = new double[us.length][degree + 2];
        for (int i = 0; i < us.length; i++) {
            double u = Math.max(-1, Math.min(1, us[i]));
            double x = lo + (u + 1) / 2 * width;
            out[i][0] = shape.density(x) * width / 2;
            for (int d = 0; d <= degree; d++) {
                out[i][d + 1] = legendre(d, u) / 2;
            }
        }
        return out;
    }

    /**
     * Every bin of a fit window with the signal shape and the background basis integrated over it,
     * and the observed counts: the same fit on other counts (toy experiments) then costs no shape
     * integrals, and the expected counts of any parameter set are known bin by bin.
     */
    public static final class Window {

        private final double lowGeV;
        private final double binWidthGeV;
        private final DoubleCrystalBall shape;
        private final double widthGeV;
        private final int polyDegree;
        private final double[][] basis;   // [bin][param]
        private final double[] total;
        private final double[][] checkPoints;
        private final long[] observed;
        private volatile double[] backgroundOnly; // of the observed counts, on first use
        private volatile MassPointFit asimov;     // on the background-only expectation, on first use
        private volatile double asimovNllAtZero;

        private Window(Histogram h, DoubleCrystalBall shape, double low, double high, int polyDegree, int merged) {
            if (merged < 1) {
                throw new IllegalArgumentException("merge at least one histogram bin per window bin, got " + merged);
            }
            int bLo = Math.max(0, h.binOf(low));
            int bHi = Math.min(h.bins() - 1, h.binOf(high) - 1);
            int bins = (bHi - bLo + 1) / merged; // whole merged bins only: the window ends up to merged - 1 fine bins short
            if (bins < 1) {
                throw new IllegalArgumentException("the window [" + low + ", " + high + "] holds no merged bin");
            }
            double lo = h.binLow(bLo);
            double hi = h.binLow(bLo + bins * merged);
            int params = polyDegree + 2;
            lowGeV = lo;
            binWidthGeV = merged * h.binWidth();
            this.shape = shape;
            this.widthGeV = hi - lo;
            this.polyDegree = polyDegree;
            basis = new double[bins][params];
            observed = new long[bins];
            for (int b = 0; b < bins; b++) {
                int first = bLo + b * merged;
                binBasis(basis[b], shape, h.binLow(first), h.binLow(first + merged), lo, hi, polyDegree);
                observed[b] = h.sum(first, first + merged);
            }
            total = totals(shape, lo, hi, params);
            checkPoints = checkPoints(shape, lo, hi, polyDegree);
        }

        public int bins() {
            return basis.length;
        }

        public double lowGeV() {
            return lowGeV;
        }

        public double binWidthGeV() {
            return binWidthGeV;
        }

        /** The observed counts, bin by bin. */
        public long[] observed() {
            return observed.clone();
        }

        /** The signal shape's probability in each bin (they add up to the share of the signal inside the window). */
        public double[] signalProbabilities() {
            double[] p = new double[basis.length];
            for (int b = 0; b < p.length; b++) {
                p[b] = basis[b][0];
            }
            return p;
        }

        /** Expected counts per bin for parameters (signal yield, background Legendre coefficients). */
        public double[] expected(double[] parameters) {
            double[] e = new double[basis.length];
            for (int b = 0; b < e.length; b++) {
                e[b] = dot(parameters, basis[b]);
            }
            return e;
        }

        /** The fit of other counts (one per window bin) on these bins. */
        public MassPointFit fit(long[] windowCounts) {
            return new MassPointFit(this, Arrays.stream(windowCounts).asDoubleStream().toArray());
        }

        /**
         * The yield's Asimov standard deviation at signal mu (Cowan et al., EPJC 71 (2011) 1554,
         * eq. 30): sigma_A(mu) = mu / sqrt(q_mu,A), q_mu,A = 2 [-ln L(mu) + ln L(0)] on the
         * background-only expectation. It grows with mu where the signal adds to a small
         * background (Poisson variance); at mu -> 0 it is {@link #asimovSignalError()}. NaN for an
         * empty window.
         */
        public double asimovSignalError(double mu) {
            double atZero = asimovSignalError();
            // below a thousandth of a standard deviation q_mu,A is rounding noise: the mu -> 0 limit
            if (!(mu > 1e-3 * atZero)) {
                return atZero;
            }
            MassPointFit asimov = asimovFit();
            double q = 2 * (asimov.profileNll(mu) - asimovNllAtZero);
            return q > 0 ? mu / Math.sqrt(q) : atZero;
        }

        /** The fit on the background-only expectation, and its minimum (at zero signal), made once. */
        private MassPointFit asimovFit() {
            MassPointFit f = asimov;
            if (f == null) {
                f = new MassPointFit(this, backgroundOnlyExpectation());
                asimovNllAtZero = f.profileNll(0);
                asimov = f;
            }
            return f;
        }

        /**
         * The window as a search channel for {@link org.fourmu.physics.limits.ToyCls}: toys drawn from
         * the background-only fit to the observed counts plus a signal of this shape, each refitted.
         */
        public BinnedChannel channel() {
            return new BinnedChannel(observed.clone(), backgroundOnlyExpectation(), signalProbabilities(),
                    counts -> fit(counts).likelihood());
        }

        /**
         * The yield's standard deviation expected under the background-only fit (the Asimov data set
         * of Cowan et al., EPJC 71 (2011) 1554): [I^-1]_00 with the Fisher information I = sum over
         * every bin of B B^T / nu. Unlike the curvature of the observed likelihood, which only sees
         * non-empty bins, it stays finite where no event falls under the peak. NaN for an empty window.
         */
        public double asimovSignalError() {
            double[] theta = backgroundOnlyParameters();
            if (theta == null || Arrays.stream(observed).sum() == 0) {
                return Double.NaN;
            }
            int params = total.length;
            double[] nu = expected(theta);
            double floor = 1e-9 * Arrays.stream(nu).sum();
            double[][] info = new double[params][params];
            for (int b = 0; b < nu.length; b++) {
                double w = 1 / Math.max(nu[b], floor);
                for (int j = 0; j < params; j++) {
                    for (int l = 0; l < params; l++) {
                        info[j][l] += w * basis[b][j] * basis[b][l];
                    }
                }
            }
            DecompositionSolver lu = luSolver(info);
            return lu == null ? Double.NaN : Math.sqrt(Math.max(0, lu.getInverse().getEntry(0, 0)));
        }

        /**
         * Expected counts per bin of the background-only fit to the observed counts (zeros if it fails).
         * The fit holds the density non-negative on a grid of check points; between two of them a
         * background tangent to zero can dip by a tiny amount (see {@link #checkPoints}), which no
         * Poisson mean may: such bins count zero.
         */
        public double[] backgroundOnlyExpectation() {
            double[] theta = backgroundOnlyParameters();
            return theta == null ? new double[basis.length] : Arrays.stream(expected(theta)).map(c -> Math.max(0, c)).toArray();
        }

        private double[] backgroundOnlyParameters() {
            double[] theta = backgroundOnly;
            if (theta == null) {
                theta = fit(observed).backgroundOnlyParameters();
                backgroundOnly = theta == null ? new double[0] : theta;
            }
            return theta == null || theta.length == 0 ? null : theta;
        }
    }

    /**
     * The window of a fit, bin by bin (see {@link Window}), with {@code merged} histogram bins per
     * window bin; the other arguments as for the constructor.
     */
    public static Window window(Histogram h, DoubleCrystalBall shape, double low, double high, int polyDegree, int merged) {
        return new Window(h, shape, low, high, polyDegree, merged);
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

    /**
     * This fit as a likelihood in the signal yield: the free fit is done once, here, and starts
     * every profile fit. An empty window has its best fit at zero signal and zero background; a
     * failed fit gives NaN. Not thread-safe (it caches the background-only fit).
     */
    public YieldLikelihood likelihood() {
        Minimum best = entries == 0 ? null : minimise(Double.NaN);
        double signalTotal = total[0];
        return new YieldLikelihood() {
            private double backgroundOnlyNll = Double.NaN;

            @Override
            public double signalYield() {
                return entries == 0 ? 0 : best == null ? Double.NaN : best.theta[0];
            }

            @Override
            public double minimumNll() {
                return entries == 0 ? 0 : best == null ? Double.NaN : best.nll;
            }

            @Override
            public double profileNll(double yield) {
                if (entries == 0) {
                    return yield >= 0 ? yield * signalTotal : Double.NaN;
                }
                if (best == null) {
                    return Double.NaN;
                }
                if (yield == 0 && !Double.isNaN(backgroundOnlyNll)) {
                    return backgroundOnlyNll;
                }
                Minimum m = minimise(yield, best.theta);
                double v = m == null ? Double.NaN : m.nll;
                if (yield == 0) {
                    backgroundOnlyNll = v;
                }
                return v;
            }
        };
    }

    /**
     * The background-only fit's parameters (signal yield 0, then the background Legendre
     * coefficients), or null if it fails; an empty window has no background.
     */
    public double[] backgroundOnlyParameters() {
        if (entries == 0) {
            return new double[params];
        }
        Minimum m = minimise(0.0);
        return m == null ? null : m.theta.clone();
    }

    private record Minimum(double[] theta, double nll, double error0) {
    }

    private Minimum minimise(double fixedSignal) {
        return minimise(fixedSignal, null);
    }

    /**
     * Newton minimisation; {@code fixedSignal} NaN frees the signal yield. {@code start}, if not
     * null and feasible, is where the iterations begin (a nearby minimum converges in fewer steps).
     */
    private Minimum minimise(double fixedSignal, double[] start) {
        boolean free = Double.isNaN(fixedSignal);
        int first = free ? 0 : 1;
        int m = params - first;
        double[] theta = new double[params];
        theta[0] = free ? 0 : fixedSignal;
        theta[1] = Math.max(entries - Math.max(0, theta[0]), 0.5);
        if (start != null) {
            double[] warm = start.clone();
            // move the signal to its fixed value keeping the expected total
            warm[1] += (warm[0] - theta[0]) * total[0];
            warm[0] = theta[0];
            if (feasible(warm)) {
                theta = warm;
            }
        }
        if (!feasible(theta)) {
            // a negative fixed signal needs a larger flat background to keep the density positive
            theta[1] = entries + 10 * Math.abs(theta[0]) + 1;
            if (!feasible(theta)) {
                return null;
            }
        }
        double nll = nll(theta);
        // Newton with an active set for the positivity constraints c.theta >= 0 at the check points:
        // a step that would cross one stops on it, the constraint then holds as an equality (KKT
        // system) until its multiplier says the minimum lies inside again. Step halving alone
        // stalls on the boundary, e.g. where the background vanishes at the window edge (threshold).
        boolean[] active = new boolean[checkPoints.length];
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
            int[] act = NONE_ACTIVE;
            for (boolean a : active) {
                if (a) {
                    act = IntStream.range(0, active.length).filter(k -> active[k]).toArray();
                    break;
                }
            }
            double[] kkt = solveKkt(hess, g, act, first);
            if (kkt == null) {
                return null;
            }
            double[] step = Arrays.copyOf(kkt, m); // the descent direction
            double decrease = 0;
            for (int j = 0; j < m; j++) {
                decrease -= g[j] * step[j];
            }
            if (decrease < 1e-12 * (1 + Math.abs(nll))) {
                // stationary on the active set: release the constraint with the most negative multiplier, or stop
                int release = -1;
                double most = -1e-9 * (1 + Math.abs(nll));
                for (int a = 0; a < act.length; a++) {
                    if (kkt[m + a] < most) {
                        most = kkt[m + a];
                        release = act[a];
                    }
                }
                if (release < 0) {
                    break;
                }
                active[release] = false;
                continue;
            }
            // the longest step before an inactive constraint is crossed
            double alphaMax = 1;
            int blocking = -1;
            for (int k = 0; k < checkPoints.length; k++) {
                if (active[k]) {
                    continue;
                }
                double cd = 0;
                for (int j = 0; j < m; j++) {
                    cd += checkPoints[k][j + first] * step[j];
                }
                if (cd < 0) {
                    double room = Math.max(0, dot(theta, checkPoints[k]));
                    if (room / -cd < alphaMax) {
                        alphaMax = room / -cd;
                        blocking = k;
                    }
                }
            }
            if (blocking >= 0 && alphaMax < 1e-14) {
                active[blocking] = true; // already on that boundary: hold it and recompute the step
                continue;
            }
            double lambda = alphaMax;
            double[] next = theta.clone();
            double nextNll = Double.NaN;
            for (int halvings = 0; halvings < 60; halvings++) {
                for (int j = 0; j < m; j++) {
                    next[j + first] = theta[j + first] + lambda * step[j];
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
            if (blocking >= 0 && lambda == alphaMax) {
                active[blocking] = true;
            }
            double change = nll - nextNll;
            theta = next.clone();
            nll = nextNll;
            if (change < 1e-10 && !(blocking >= 0 && lambda == alphaMax)) {
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
            DecompositionSolver lu = luSolver(hess);
            error0 = lu == null ? Double.NaN : Math.sqrt(Math.max(0, lu.getInverse().getEntry(0, 0)));
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
            double scale = 0;
            for (int j = 0; j < c.length; j++) {
                scale += Math.abs(theta[j] * c[j]);
            }
            if (dot(theta, c) < -1e-12 * scale) { // rounding on a constraint held as an equality
                return false;
            }
        }
        return true;
    }

    /**
     * The Newton step on the active constraints: [[H, -C^T], [C, 0]] (d, mu) = (-g, 0), C the
     * active check points' rows on the free parameters. Returns d followed by the multipliers mu
     * (negative: the minimum lies inside that constraint); null if singular even with a ridge.
     */
    private double[] solveKkt(double[][] hess, double[] g, int[] act, int first) {
        int m = g.length;
        if (act.length == 0) {
            double[] s = solve(hess, g);
            if (s == null) {
                return null;
            }
            for (int j = 0; j < m; j++) {
                s[j] = -s[j];
            }
            return s;
        }
        int n = m + act.length;
        double[][] a = new double[n][n];
        double[] rhs = new double[n];
        for (int j = 0; j < m; j++) {
            System.arraycopy(hess[j], 0, a[j], 0, m);
            rhs[j] = -g[j];
        }
        for (int k = 0; k < act.length; k++) {
            for (int j = 0; j < m; j++) {
                double c = checkPoints[act[k]][j + first];
                a[j][m + k] = -c;
                a[m + k][j] = c;
            }
        }
        DecompositionSolver lu = luSolver(a);
        // singular: dependent active constraints, given up as a failed fit
        return lu == null ? null : lu.solve(new ArrayRealVector(rhs, false)).toArray();
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
            DecompositionSolver lu = luSolver(m);
            if (lu != null) {
                return lu.solve(new ArrayRealVector(b, false)).toArray();
            }
            // singular: try with a ridge
        }
        return null;
    }

    /**
     * The LU solver of a square matrix, or null where the decomposition found it singular. Asked before
     * solving rather than catching the solver's SingularMatrixException: singular Newton steps are common
     * (windows with few distinct entries), and an exception with its stack trace per step dominated the scan.
     */
    private static DecompositionSolver luSolver(double[][] a) {
        DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(a, false)).getSolver();
        return solver.isNonSingular() ? solver : null;
    }
}
