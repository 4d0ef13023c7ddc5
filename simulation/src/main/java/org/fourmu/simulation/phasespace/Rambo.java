package org.fourmu.simulation.phasespace;

import org.apache.commons.numbers.gamma.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;

/**
 * RAMBO (R. Kleiss, W.J. Stirling, S.D. Ellis, Comput. Phys. Commun. 40 (1986) 359): n-body
 * phase space in the c.m. frame, exactly flat for massless particles, and with a per-point
 * weight for massive ones. Phase space is dPhi_n = (2 pi)^4 delta^4(P - sum p) prod d^3p/((2 pi)^3 2E).
 */
public final class Rambo {

    private Rambo() {
    }

    /** The massless n-body phase-space volume (pi/2)^(n-1) s^(n-2) / ((n-1)! (n-2)!) / (2 pi)^(3n-4). */
    public static double masslessVolume(int n, double s) {
        return Math.pow(Math.PI / 2, n - 1) * Math.pow(s, n - 2)
            / (Gamma.value(n) * Gamma.value(n - 1)) / Math.pow(2 * Math.PI, 3 * n - 4);
    }

    /** One point in the c.m. frame at energy sqrtS for the given masses; weight in GeV^(2n-4). */
    public static PhaseSpacePoint generate(UniformRandomProvider rng, double sqrtS, double[] masses) {
        int n = masses.length;
        double[][] q = new double[n][4];
        double[] sum = new double[4];
        for (int i = 0; i < n; i++) {
            double c = 2 * rng.nextDouble() - 1;
            double phi = 2 * Math.PI * rng.nextDouble();
            double e = -Math.log((1 - rng.nextDouble()) * (1 - rng.nextDouble()));
            double st = Math.sqrt(1 - c * c);
            q[i][0] = e;
            q[i][1] = e * st * Math.cos(phi);
            q[i][2] = e * st * Math.sin(phi);
            q[i][3] = e * c;
            for (int k = 0; k < 4; k++) {
                sum[k] += q[i][k];
            }
        }
        double m = Math.sqrt(sum[0] * sum[0] - sum[1] * sum[1] - sum[2] * sum[2] - sum[3] * sum[3]);
        double bx = -sum[1] / m, by = -sum[2] / m, bz = -sum[3] / m;
        double gamma = sum[0] / m;
        double a = 1 / (1 + gamma);
        double x = sqrtS / m;
        double[][] p = new double[n][4];
        for (int i = 0; i < n; i++) {
            double bq = bx * q[i][1] + by * q[i][2] + bz * q[i][3];
            p[i][0] = x * (gamma * q[i][0] + bq);
            p[i][1] = x * (q[i][1] + bx * q[i][0] + a * bq * bx);
            p[i][2] = x * (q[i][2] + by * q[i][0] + a * bq * by);
            p[i][3] = x * (q[i][3] + bz * q[i][0] + a * bq * bz);
        }
        double w0 = masslessVolume(n, sqrtS * sqrtS);
        FourVector[] out = new FourVector[n];
        boolean massless = true;
        for (double mi : masses) {
            massless &= mi == 0;
        }
        if (massless) {
            for (int i = 0; i < n; i++) {
                out[i] = new FourVector(p[i][0], p[i][1], p[i][2], p[i][3]);
            }
            return new PhaseSpacePoint(out, w0);
        }
        double xi = rescaling(p, masses, sqrtS);
        for (int i = 0; i < n; i++) {
            out[i] = FourVector.fromMomentumAndMass(xi * p[i][1], xi * p[i][2], xi * p[i][3], masses[i]);
        }
        return new PhaseSpacePoint(out, w0 * massWeightFactor(out, sqrtS));
    }

    /** The massive weight factor of a c.m.-frame configuration: the density of RAMBO is 1/(massless volume x this). */
    public static double massWeightFactor(FourVector[] k, double sqrtS) {
        int n = k.length;
        double sumP = 0, prod = 1, sumP2overE = 0;
        for (FourVector ki : k) {
            double ap = ki.p();
            sumP += ap;
            prod *= ap / ki.e();
            sumP2overE += ap * ap / ki.e();
        }
        return Math.pow(sumP / sqrtS, 2 * n - 3) * prod * sqrtS / sumP2overE;
    }

    /** Solve sum_i sqrt(m_i^2 + xi^2 |p_i|^2) = sqrtS for xi in (0, 1) by Newton's method (monotone, convex). */
    private static double rescaling(double[][] p, double[] masses, double sqrtS) {
        double msum = 0;
        for (double m : masses) {
            msum += m;
        }
        if (msum >= sqrtS) {
            throw new IllegalArgumentException("sqrtS " + sqrtS + " below threshold " + msum);
        }
        double xi = Math.sqrt(1 - (msum / sqrtS) * (msum / sqrtS));
        for (int it = 0; it < 100; it++) {
            double f = -sqrtS, df = 0;
            for (int i = 0; i < p.length; i++) {
                double e = Math.sqrt(masses[i] * masses[i] + xi * xi * p[i][0] * p[i][0]);
                f += e;
                df += xi * p[i][0] * p[i][0] / e;
            }
            double step = f / df;
            xi -= step;
            if (Math.abs(step) < 1e-15 * xi) {
                break;
            }
        }
        return xi;
    }
}
