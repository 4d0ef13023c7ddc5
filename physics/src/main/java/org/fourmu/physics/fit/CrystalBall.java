package org.fourmu.physics.fit;

import org.apache.commons.numbers.gamma.ErfDifference;

/**
 * The Crystal Ball function in ROOT's convention: t = (x - mean)/sigma (t -> -t when alpha < 0),
 * f = exp(-t^2/2) for t >= -|alpha|, else A (B - t)^-n with A = (n/|alpha|)^n exp(-alpha^2/2),
 * B = n/|alpha| - |alpha|. Unnormalised; {@link #integral} is analytic (log form when n = 1).
 */
public record CrystalBall(double mean, double sigma, double alpha, double n) {

    private static final double SQRT_HALF_PI = Math.sqrt(Math.PI / 2);
    private static final double N_ONE_TOLERANCE = 1e-9;

    public CrystalBall {
        if (!(sigma > 0) || !(Math.abs(alpha) > 0) || !(n > 0)) {
            throw new IllegalArgumentException("Crystal Ball needs sigma > 0, alpha != 0, n > 0; got sigma=" + sigma
                    + " alpha=" + alpha + " n=" + n);
        }
    }

    private double a() {
        double abs = Math.abs(alpha);
        return Math.exp(n * Math.log(n / abs) - 0.5 * abs * abs);
    }

    private double b() {
        double abs = Math.abs(alpha);
        return n / abs - abs;
    }

    public double value(double x) {
        double t = (x - mean) / sigma;
        if (alpha < 0) {
            t = -t;
        }
        double abs = Math.abs(alpha);
        if (t >= -abs) {
            return Math.exp(-0.5 * t * t);
        }
        return a() * Math.pow(b() - t, -n);
    }

    /** Integral of {@link #value} over [x1, x2]. */
    public double integral(double x1, double x2) {
        double t1 = (x1 - mean) / sigma;
        double t2 = (x2 - mean) / sigma;
        if (alpha < 0) {
            double tmp = -t2;
            t2 = -t1;
            t1 = tmp;
        }
        return sigma * standardIntegral(t1, t2);
    }

    /** Integral over t in [t1, t2] of the alpha > 0 form. */
    private double standardIntegral(double t1, double t2) {
        double abs = Math.abs(alpha);
        double total = 0;
        if (t2 > -abs) {
            double lo = Math.max(t1, -abs);
            total += SQRT_HALF_PI * ErfDifference.value(lo / Math.sqrt(2), t2 / Math.sqrt(2));
        }
        if (t1 < -abs) {
            double hi = Math.min(t2, -abs);
            double a = a();
            double b = b();
            if (Math.abs(n - 1) < N_ONE_TOLERANCE) {
                total += a * (Math.log(b - t1) - Math.log(b - hi));
            } else {
                total += a / (n - 1) * (Math.pow(b - hi, 1 - n) - Math.pow(b - t1, 1 - n));
            }
        }
        return total;
    }
}
