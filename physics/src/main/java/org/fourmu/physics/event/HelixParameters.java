package org.fourmu.physics.event;

import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.kinematics.FourVector;

/**
 * A track's helix at the point of closest approach to the z axis, in the Belle II (basf2
 * TrackFitResult) convention: d0 [cm], phi0 [rad], omega [1/cm, signed curvature, sign = charge
 * for a field along +z], z0 [cm], tanLambda = cot(theta). The covariance is the symmetric 5x5
 * matrix in that parameter order, stored as its 15-element upper triangle, row by row.
 */
public record HelixParameters(double d0, double phi0, double omega, double z0, double tanLambda, double[] covariance) {

    public static final int D0 = 0;
    public static final int PHI0 = 1;
    public static final int OMEGA = 2;
    public static final int Z0 = 3;
    public static final int TAN_LAMBDA = 4;
    public static final int DIMENSION = 5;
    public static final int PACKED_SIZE = DIMENSION * (DIMENSION + 1) / 2;

    public HelixParameters {
        if (covariance == null || covariance.length != PACKED_SIZE) {
            throw new IllegalArgumentException("helix covariance needs " + PACKED_SIZE + " upper-triangle elements");
        }
        covariance = covariance.clone();
    }

    /** pT [GeV] per unit |omega| [1/cm] in field B [T]: pT = 0.299792458 B / (100 |omega|). */
    public static double ptTimesOmega(double fieldTesla) {
        return PhysicalConstants.SPEED_OF_LIGHT_M_PER_NS * fieldTesla / 100.0;
    }

    /** The helix of a charged particle with momentum p (GeV) produced at (d0, z0), in field B (T). */
    public static HelixParameters fromMomentum(double px, double py, double pz, int charge, double d0, double z0,
                                               double fieldTesla, double[] covariance) {
        double pt = Math.hypot(px, py);
        double omega = charge * ptTimesOmega(fieldTesla) / pt;
        return new HelixParameters(d0, Math.atan2(py, px), omega, z0, pz / pt, covariance);
    }

    public int charge() {
        return omega >= 0 ? 1 : -1;
    }

    public double pt(double fieldTesla) {
        return ptTimesOmega(fieldTesla) / Math.abs(omega);
    }

    /** Momentum at the point of closest approach. */
    public FourVector momentum(double mass, double fieldTesla) {
        double pt = pt(fieldTesla);
        return FourVector.fromMomentumAndMass(pt * Math.cos(phi0), pt * Math.sin(phi0), pt * tanLambda, mass);
    }

    /** Element (i, j) of the covariance. */
    public double cov(int i, int j) {
        int r = Math.min(i, j);
        int c = Math.max(i, j);
        return covariance[r * DIMENSION - r * (r - 1) / 2 + (c - r)];
    }

    /** Index of element (i, j), i <= j, in the packed upper triangle. */
    public static int packedIndex(int i, int j) {
        int r = Math.min(i, j);
        int c = Math.max(i, j);
        return r * DIMENSION - r * (r - 1) / 2 + (c - r);
    }

    /** The covariance as a full 5x5 matrix. */
    public double[][] covarianceMatrix() {
        double[][] m = new double[DIMENSION][DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            for (int j = 0; j < DIMENSION; j++) {
                m[i][j] = cov(i, j);
            }
        }
        return m;
    }

    /**
     * Whether the covariance is positive definite: a Cholesky factorisation exists, every pivot positive. Done in
     * place on a copy of the packed upper triangle (the validation of every track of every event asks; a general
     * matrix decomposition with an exception for the answer no cost more than the rest of the validation). The
     * updates are Commons Math's CholeskyDecomposition's (row i scaled by the reciprocal of its pivot's root, the
     * trailing upper triangle reduced), so the decision is the same to the last bit, the tests check it.
     */
    public boolean hasPositiveDefiniteCovariance() {
        double[] u = covariance.clone();
        for (int i = 0; i < DIMENSION; i++) {
            int ii = packedIndex(i, i);
            if (!(u[ii] > 0)) {
                return false;
            }
            double root = Math.sqrt(u[ii]);
            double inverse = 1.0 / root;
            for (int q = i + 1; q < DIMENSION; q++) {
                u[ii + q - i] *= inverse;
            }
            for (int q = i + 1; q < DIMENSION; q++) {
                double uiq = u[ii + q - i];
                int qq = packedIndex(q, q);
                for (int r = q; r < DIMENSION; r++) {
                    u[qq + r - q] -= uiq * u[ii + r - i];
                }
            }
        }
        return true;
    }

    @Override
    public double[] covariance() {
        return covariance.clone();
    }
}
