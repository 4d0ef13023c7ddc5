package org.fourmu.physics.kinfit;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;

/**
 * The 4C kinematic fit: the four muon four-momenta must add up to the initial-state
 * four-momentum. Lagrange multipliers with linearised constraints, iterated (P. Avery, "Applied
 * fitting theory VI: formulas for kinematic fitting", CBX 98-37). Each track contributes the
 * helix parameters (omega, phi0, tanLambda) with their 3x3 covariance block; d0 and z0 do not
 * enter the momentum.
 */
public final class FourConstraintFit {

    /** Parameters per track: omega, phi0, tanLambda. */
    static final int PER_TRACK = 3;
    static final int CONSTRAINTS = 4;
    private static final int[] HELIX_INDEX = {HelixParameters.OMEGA, HelixParameters.PHI0, HelixParameters.TAN_LAMBDA};

    private final double fieldTesla;
    private final double mass;
    private final int maxIterations;
    private final double chi2Tolerance;
    private final double constraintToleranceGeV;

    /** The fit of the paper: muon mass hypothesis, Belle II field, at most 20 iterations. */
    public static FourConstraintFit forMuons() {
        return new FourConstraintFit(PhysicalConstants.BELLE2_SOLENOID_FIELD_T, PhysicalConstants.MUON_MASS_GEV, 20, 1e-6, 1e-6);
    }

    public FourConstraintFit(double fieldTesla, double mass, int maxIterations, double chi2Tolerance,
                             double constraintToleranceGeV) {
        this.fieldTesla = fieldTesla;
        this.mass = mass;
        this.maxIterations = maxIterations;
        this.chi2Tolerance = chi2Tolerance;
        this.constraintToleranceGeV = constraintToleranceGeV;
    }

    /** Fit {@code tracks} so that their four-momenta sum to {@code target}. */
    public KinematicFitResult fit(List<Track> tracks, FourVector target) {
        int n = tracks.size() * PER_TRACK;
        double[] alpha0 = new double[n];
        double[][] v = new double[n][n];
        for (int t = 0; t < tracks.size(); t++) {
            HelixParameters h = tracks.get(t).helix();
            for (int i = 0; i < PER_TRACK; i++) {
                alpha0[t * PER_TRACK + i] = value(h, HELIX_INDEX[i]);
                for (int j = 0; j < PER_TRACK; j++) {
                    v[t * PER_TRACK + i][t * PER_TRACK + j] = h.cov(HELIX_INDEX[i], HELIX_INDEX[j]);
                }
            }
        }
        double k = HelixParameters.ptTimesOmega(fieldTesla);
        double[] alpha = alpha0.clone();
        double chi2 = Double.NaN;
        double[][] vdInverse = null;
        double[][] d = null;
        for (int iter = 1; iter <= maxIterations; iter++) {
            d = new double[CONSTRAINTS][n];
            double[] h = constraints(alpha, k, target, d);
            // r = D (alpha0 - alpha) + H(alpha)
            double[] r = new double[CONSTRAINTS];
            for (int c = 0; c < CONSTRAINTS; c++) {
                double s = h[c];
                for (int j = 0; j < n; j++) {
                    s += d[c][j] * (alpha0[j] - alpha[j]);
                }
                r[c] = s;
            }
            double[][] dvt = multiplyTransposed(v, d);          // V D^T, n x 4
            double[][] vd = multiply(d, dvt);                    // D V D^T, 4 x 4
            vdInverse = invertSymmetric(vd);
            if (vdInverse == null) {
                return failed(KinematicFitResult.Status.SINGULAR, tracks, iter);
            }
            double[] lambda = new double[CONSTRAINTS];
            for (int a = 0; a < CONSTRAINTS; a++) {
                for (int b = 0; b < CONSTRAINTS; b++) {
                    lambda[a] += vdInverse[a][b] * r[b];
                }
            }
            double[] next = new double[n];
            for (int j = 0; j < n; j++) {
                double s = alpha0[j];
                for (int c = 0; c < CONSTRAINTS; c++) {
                    s -= dvt[j][c] * lambda[c];
                }
                next[j] = s;
            }
            for (int t = 0; t < tracks.size(); t++) {
                if (Math.signum(next[t * PER_TRACK]) != Math.signum(alpha0[t * PER_TRACK])) {
                    return failed(KinematicFitResult.Status.UNPHYSICAL, tracks, iter);
                }
            }
            double newChi2 = 0;
            for (int c = 0; c < CONSTRAINTS; c++) {
                newChi2 += lambda[c] * r[c];
            }
            alpha = next;
            double[] residual = constraints(alpha, k, target, null);
            double worst = 0;
            for (double x : residual) {
                worst = Math.max(worst, Math.abs(x));
            }
            boolean settled = !Double.isNaN(chi2) && Math.abs(newChi2 - chi2) < chi2Tolerance * Math.max(1, newChi2);
            chi2 = newChi2;
            if (settled && worst < constraintToleranceGeV) {
                d = new double[CONSTRAINTS][n];
                constraints(alpha, k, target, d);
                return converged(tracks, alpha0, alpha, v, d, chi2, iter, k);
            }
        }
        return new KinematicFitResult(KinematicFitResult.Status.NOT_CONVERGED, chi2, CONSTRAINTS, maxIterations,
                momenta(alpha, k, tracks.size()), new double[n]);
    }

    private KinematicFitResult converged(List<Track> tracks, double[] alpha0, double[] alpha, double[][] v, double[][] d,
                                         double chi2, int iterations, double k) {
        int n = alpha.length;
        double[][] dvt = multiplyTransposed(v, d);
        double[][] vdInverse = invertSymmetric(multiply(d, dvt));
        double[] pulls = new double[n];
        for (int j = 0; j < n; j++) {
            // V_fitted = V - V D^T (D V D^T)^-1 D V: the pull's variance is V - V_fitted
            double reduction = 0;
            for (int a = 0; a < CONSTRAINTS; a++) {
                for (int b = 0; b < CONSTRAINTS; b++) {
                    reduction += dvt[j][a] * (vdInverse == null ? 0 : vdInverse[a][b]) * dvt[j][b];
                }
            }
            pulls[j] = reduction > 0 ? (alpha0[j] - alpha[j]) / Math.sqrt(reduction) : 0.0;
        }
        return new KinematicFitResult(KinematicFitResult.Status.CONVERGED, chi2, CONSTRAINTS, iterations,
                momenta(alpha, k, tracks.size()), pulls);
    }

    private KinematicFitResult failed(KinematicFitResult.Status status, List<Track> tracks, int iterations) {
        List<FourVector> measured = new ArrayList<>();
        for (Track t : tracks) {
            measured.add(t.helix().momentum(mass, fieldTesla));
        }
        return new KinematicFitResult(status, Double.NaN, CONSTRAINTS, iterations, measured,
                new double[tracks.size() * PER_TRACK]);
    }

    private static double value(HelixParameters h, int index) {
        return switch (index) {
            case HelixParameters.OMEGA -> h.omega();
            case HelixParameters.PHI0 -> h.phi0();
            case HelixParameters.TAN_LAMBDA -> h.tanLambda();
            default -> throw new IllegalArgumentException("not a momentum parameter: " + index);
        };
    }

    private List<FourVector> momenta(double[] alpha, double k, int tracks) {
        List<FourVector> out = new ArrayList<>(tracks);
        for (int t = 0; t < tracks; t++) {
            double omega = alpha[t * PER_TRACK];
            double phi = alpha[t * PER_TRACK + 1];
            double tanL = alpha[t * PER_TRACK + 2];
            double pt = k / Math.abs(omega);
            out.add(FourVector.fromMomentumAndMass(pt * Math.cos(phi), pt * Math.sin(phi), pt * tanL, mass));
        }
        return out;
    }

    /** H(alpha) = sum p_i - target (E, px, py, pz); fills the Jacobian D when {@code jacobian} is not null. */
    private double[] constraints(double[] alpha, double k, FourVector target, double[][] jacobian) {
        double e = -target.e();
        double px = -target.px();
        double py = -target.py();
        double pz = -target.pz();
        int tracks = alpha.length / PER_TRACK;
        for (int t = 0; t < tracks; t++) {
            double omega = alpha[t * PER_TRACK];
            double phi = alpha[t * PER_TRACK + 1];
            double tanL = alpha[t * PER_TRACK + 2];
            double pt = k / Math.abs(omega);
            double x = pt * Math.cos(phi);
            double y = pt * Math.sin(phi);
            double z = pt * tanL;
            double p2 = pt * pt + z * z;
            double en = Math.sqrt(p2 + mass * mass);
            e += en;
            px += x;
            py += y;
            pz += z;
            if (jacobian != null) {
                int o = t * PER_TRACK;
                // d/d omega: every momentum component scales as 1/|omega|
                jacobian[0][o] = -p2 / (omega * en);
                jacobian[1][o] = -x / omega;
                jacobian[2][o] = -y / omega;
                jacobian[3][o] = -z / omega;
                // d/d phi0
                jacobian[0][o + 1] = 0;
                jacobian[1][o + 1] = -y;
                jacobian[2][o + 1] = x;
                jacobian[3][o + 1] = 0;
                // d/d tanLambda
                jacobian[0][o + 2] = z * pt / en;
                jacobian[1][o + 2] = 0;
                jacobian[2][o + 2] = 0;
                jacobian[3][o + 2] = pt;
            }
        }
        return new double[] {e, px, py, pz};
    }

    /** V D^T for symmetric V (n x n) and D (4 x n). */
    private static double[][] multiplyTransposed(double[][] v, double[][] d) {
        int n = v.length;
        double[][] out = new double[n][CONSTRAINTS];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < CONSTRAINTS; c++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += v[i][j] * d[c][j];
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] d, double[][] vdt) {
        double[][] out = new double[CONSTRAINTS][CONSTRAINTS];
        for (int a = 0; a < CONSTRAINTS; a++) {
            for (int b = 0; b < CONSTRAINTS; b++) {
                double s = 0;
                for (int j = 0; j < d[a].length; j++) {
                    s += d[a][j] * vdt[j][b];
                }
                out[a][b] = s;
            }
        }
        return out;
    }

    /** Inverse of a symmetric positive-definite matrix, or null when it is not positive definite. */
    static double[][] invertSymmetric(double[][] a) {
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-12, 0)
                    .getSolver().getInverse().getData();
        } catch (MathIllegalArgumentException e) {
            return null;
        }
    }
}
