package org.fourmu.physics.fit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.spectrum.Histogram;

/**
 * The J/psi monitor's fit: a Gaussian peak (mass and width free) on a linear background in a window of the
 * dimuon-mass histogram around the PDG J/psi mass, by binned extended maximum likelihood. The Gaussian is
 * integrated over each bin (no bin-centre approximation), the background is (B / W)(1 + a t) with t in
 * [-1, 1] across the window. Minimised by Fisher scoring with step halving (the Poisson likelihood's
 * expected Hessian sum(dnu dnu^T / nu) is positive definite wherever the model is), and the uncertainties
 * are the square roots of the diagonal of its inverse at the minimum.
 */
public final class JpsiPeakFit {

    /** How a fit ended. */
    public enum Status { CONVERGED, TOO_FEW_ENTRIES, FAILED }

    /**
     * The fitted peak: mass and width [GeV], signal yield (Gaussian integrated over all masses) and the
     * background in the window [events], each with its uncertainty; NaN where the fit did not converge.
     */
    public record Result(Status status, double massGeV, double massErrorGeV, double widthGeV, double widthErrorGeV,
                         double yield, double yieldError, double background, double backgroundSlope, long entries) {

        public boolean converged() {
            return status == Status.CONVERGED;
        }

        static Result failed(Status status, long entries) {
            return new Result(status, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, entries);
        }
    }

    /**
     * Window and binning of the monitor's histogram: 2.9-3.3 GeV in 2 MeV bins, +-0.2 GeV around the J/psi
     * (many times the few-MeV to 20 MeV dimuon resolution at 3.1 GeV, and below the psi(2S) at 3.686 GeV).
     */
    public static final double LOW_GEV = 2.9;
    public static final double HIGH_GEV = 3.3;
    public static final int BINS = 200;
    /** Fewer entries in the window than this are not fitted: five free parameters. */
    public static final long MIN_ENTRIES = 20;
    /** Starting width [GeV]; the fit frees it. */
    static final double START_WIDTH_GEV = 0.015;

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private static final int MAX_ITERATIONS = 200;
    private static final int S = 0;
    private static final int B = 1;
    private static final int MU = 2;
    private static final int SIGMA = 3;
    private static final int SLOPE = 4;

    private final double[] lo;
    private final double[] hi;
    private final double[] n;
    private final double windowLow;
    private final double windowWidth;
    private final double minWidth;
    private final long entries;

    private JpsiPeakFit(Histogram h) {
        int bins = h.bins();
        lo = new double[bins];
        hi = new double[bins];
        n = new double[bins];
        long sum = 0;
        for (int b = 0; b < bins; b++) {
            lo[b] = h.binLow(b);
            hi[b] = h.binLow(b + 1);
            n[b] = h.count(b);
            sum += h.count(b);
        }
        entries = sum;
        windowLow = h.low();
        windowWidth = h.high() - h.low();
        minWidth = h.binWidth() / 4;
    }

    /** An empty histogram with the monitor's window and binning. */
    public static Histogram histogram() {
        return new Histogram(LOW_GEV, HIGH_GEV, BINS);
    }

    /** Fits the whole range of {@code h} (under- and overflow are not used). */
    public static Result fit(Histogram h) {
        return new JpsiPeakFit(h).minimise();
    }

    private Result minimise() {
        if (entries < MIN_ENTRIES) {
            return Result.failed(Status.TOO_FEW_ENTRIES, entries);
        }
        double[] theta = start();
        double nll = nll(theta);
        int iteration = 0;
        boolean converged = false;
        double[][] fisher = null;
        while (iteration++ < MAX_ITERATIONS) {
            double[] gradient = new double[5];
            fisher = new double[5][5];
            derivatives(theta, gradient, fisher);
            double[] step;
            try {
                step = new LUDecomposition(new Array2DRowRealMatrix(fisher, false)).getSolver()
                        .solve(new ArrayRealVector(gradient, false)).toArray();
            } catch (SingularMatrixException e) {
                return Result.failed(Status.FAILED, entries);
            }
            double scale = 1;
            double[] next = null;
            double nextNll = Double.NaN;
            for (int halving = 0; halving < 40; halving++) {
                double[] trial = new double[5];
                for (int k = 0; k < 5; k++) {
                    trial[k] = theta[k] - scale * step[k];
                }
                double value = allowed(trial) ? nll(trial) : Double.NaN;
                if (value <= nll) {
                    next = trial;
                    nextNll = value;
                    break;
                }
                scale /= 2;
            }
            if (next == null) {
                // no step decreases the likelihood: at the minimum to machine precision
                converged = gradientSmall(gradient, fisher);
                break;
            }
            double change = nll - nextNll;
            theta = next;
            nll = nextNll;
            if (change < 1e-9) {
                converged = true;
                break;
            }
        }
        if (!converged) {
            return Result.failed(Status.FAILED, entries);
        }
        double[] gradient = new double[5];
        fisher = new double[5][5];
        derivatives(theta, gradient, fisher);
        RealMatrix covariance;
        try {
            covariance = new LUDecomposition(new Array2DRowRealMatrix(fisher, false)).getSolver().getInverse();
        } catch (SingularMatrixException e) {
            return Result.failed(Status.FAILED, entries);
        }
        return new Result(Status.CONVERGED, theta[MU], Math.sqrt(covariance.getEntry(MU, MU)), theta[SIGMA],
                Math.sqrt(covariance.getEntry(SIGMA, SIGMA)), theta[S], Math.sqrt(covariance.getEntry(S, S)), theta[B],
                theta[SLOPE], entries);
    }

    /** Newton's decrement sqrt(g^T I^-1 g) below 1e-4: the remaining change of the likelihood is negligible. */
    private static boolean gradientSmall(double[] gradient, double[][] fisher) {
        try {
            double[] x = new LUDecomposition(new Array2DRowRealMatrix(fisher, true)).getSolver()
                    .solve(new ArrayRealVector(gradient, true)).toArray();
            double d = 0;
            for (int k = 0; k < 5; k++) {
                d += gradient[k] * x[k];
            }
            return d < 1e-8;
        } catch (SingularMatrixException e) {
            return false;
        }
    }

    /** Start: the PDG mass, a typical width, the background from the outer fifths of the window. */
    private double[] start() {
        int bins = n.length;
        int side = Math.max(1, bins / 5);
        double sides = 0;
        for (int b = 0; b < side; b++) {
            sides += n[b] + n[bins - 1 - b];
        }
        double background = Math.max(1, sides / (2.0 * side) * bins);
        double signal = Math.max(1, entries - background);
        return new double[] {signal, Math.min(background, Math.max(1, entries - 1)), PhysicalConstants.JPSI_MASS_GEV,
                Math.max(START_WIDTH_GEV, 2 * minWidth), 0};
    }

    private boolean allowed(double[] t) {
        if (!(t[SIGMA] > minWidth && t[SIGMA] < windowWidth / 2 && t[MU] > windowLow && t[MU] < windowLow + windowWidth)) {
            return false;
        }
        for (int b = 0; b < n.length; b++) {
            if (!(expected(t, b) > 0)) {
                return false;
            }
        }
        return true;
    }

    private double expected(double[] t, int b) {
        double peak = STANDARD.cumulativeProbability((hi[b] - t[MU]) / t[SIGMA])
                - STANDARD.cumulativeProbability((lo[b] - t[MU]) / t[SIGMA]);
        return t[S] * peak + t[B] * backgroundShape(t[SLOPE], b);
    }

    /** Fraction of a unit background in bin b: (w / W)(1 + a t) at the bin centre (exact for a linear density). */
    private double backgroundShape(double slope, int b) {
        return (hi[b] - lo[b]) / windowWidth * (1 + slope * position(b));
    }

    /** Bin centre mapped to [-1, 1] across the window. */
    private double position(int b) {
        return (0.5 * (lo[b] + hi[b]) - windowLow) / windowWidth * 2 - 1;
    }

    private double nll(double[] t) {
        double sum = 0;
        for (int b = 0; b < n.length; b++) {
            double nu = expected(t, b);
            sum += nu - (n[b] > 0 ? n[b] * Math.log(nu) : 0);
        }
        return sum;
    }

    /** Gradient of the negative log-likelihood and the expected Hessian (Fisher information). */
    private void derivatives(double[] t, double[] gradient, double[][] fisher) {
        double[] d = new double[5];
        for (int b = 0; b < n.length; b++) {
            double zLo = (lo[b] - t[MU]) / t[SIGMA];
            double zHi = (hi[b] - t[MU]) / t[SIGMA];
            double peak = STANDARD.cumulativeProbability(zHi) - STANDARD.cumulativeProbability(zLo);
            double phiLo = STANDARD.density(zLo);
            double phiHi = STANDARD.density(zHi);
            double shape = backgroundShape(t[SLOPE], b);
            double nu = t[S] * peak + t[B] * shape;
            d[S] = peak;
            d[B] = shape;
            d[MU] = t[S] * (phiLo - phiHi) / t[SIGMA];
            d[SIGMA] = t[S] * (phiLo * zLo - phiHi * zHi) / t[SIGMA];
            d[SLOPE] = t[B] * (hi[b] - lo[b]) / windowWidth * position(b);
            double w = 1 - n[b] / nu;
            for (int i = 0; i < 5; i++) {
                gradient[i] += w * d[i];
                for (int j = 0; j < 5; j++) {
                    fisher[i][j] += d[i] * d[j] / nu;
                }
            }
        }
    }
}
