package org.fourmu.simulation.amplitude;

import org.fourmu.physics.kinematics.FourVector;

/**
 * Numerical Dirac algebra in the chiral (Weyl) representation of Peskin and Schroeder:
 * gamma^mu = [[0, sigma^mu], [sigmabar^mu, 0]], psi = (psi_L, psi_R).
 *
 * <p>Complex numbers are stored interleaved (re, im) in double arrays: a spinor or a complex
 * four-vector (contravariant components, metric +,-,-,-) is a double[8]. A "row" spinor is a
 * Dirac adjoint (psibar = psi^dagger gamma^0) already conjugated, so row.psi needs no further
 * conjugation. Nothing here allocates except the returned arrays.
 */
public final class Dirac {

    private Dirac() {
    }

    /** u(p, h) for a fermion of mass m and helicity h = +1 or -1 (twice the spin projection on p). */
    public static double[] u(FourVector p, double m, int h) {
        double[] xi = helicitySpinor(p, h);
        double[] w = weights(p, m, h);
        // u = (sqrt(E - h|p|) xi, sqrt(E + h|p|) xi)
        return new double[] {w[0] * xi[0], w[0] * xi[1], w[0] * xi[2], w[0] * xi[3],
            w[1] * xi[0], w[1] * xi[1], w[1] * xi[2], w[1] * xi[3]};
    }

    /** v(p, h) for an antifermion of mass m and helicity h; eta = xi_{-h}. */
    public static double[] v(FourVector p, double m, int h) {
        double[] eta = helicitySpinor(p, -h);
        double[] w = weights(p, m, -h);
        // v = (sqrt(p.sigma) eta, -sqrt(p.sigmabar) eta) with sigma.phat eta = -h eta
        return new double[] {w[0] * eta[0], w[0] * eta[1], w[0] * eta[2], w[0] * eta[3],
            -w[1] * eta[0], -w[1] * eta[1], -w[1] * eta[2], -w[1] * eta[3]};
    }

    /** The Dirac adjoint psibar = psi^dagger gamma^0, as a row (gamma^0 swaps the chiral halves). */
    public static double[] bar(double[] psi) {
        return new double[] {psi[4], -psi[5], psi[6], -psi[7], psi[0], -psi[1], psi[2], -psi[3]};
    }

    /** sqrt(E - s|p|) and sqrt(E + s|p|), the small one computed without cancellation. */
    private static double[] weights(FourVector p, double m, int s) {
        double e = p.e();
        double ap = p.p();
        double big = Math.sqrt(e + ap);
        double small = big == 0 ? 0 : m / big; // sqrt(E - |p|) = m / sqrt(E + |p|)
        if (m == 0) {
            small = 0;
        }
        return s > 0 ? new double[] {small, big} : new double[] {big, small};
    }

    /** Two-component helicity eigenstate xi_h of sigma.phat (complex, interleaved, length 4). */
    static double[] helicitySpinor(FourVector p, int h) {
        double ap = p.p();
        double theta = ap == 0 ? 0 : Math.acos(Math.max(-1, Math.min(1, p.pz() / ap)));
        double phi = (p.px() == 0 && p.py() == 0) ? 0 : Math.atan2(p.py(), p.px());
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        if (h > 0) {
            return new double[] {c, 0, s * Math.cos(phi), s * Math.sin(phi)};
        }
        return new double[] {-s * Math.cos(phi), s * Math.sin(phi), c, 0};
    }

    /** A real four-vector as a complex four-vector. */
    public static double[] complex(FourVector p) {
        return new double[] {p.e(), 0, p.px(), 0, p.py(), 0, p.pz(), 0};
    }

    /** aslash psi = a_mu gamma^mu psi for a complex four-vector a. */
    public static double[] slash(double[] a, double[] psi) {
        double[] out = new double[8];
        // A = a.sigma = [[a0 - a3, -a1 + i a2], [-a1 - i a2, a0 + a3]] acts on the lower half
        // B = a.sigmabar = [[a0 + a3, a1 - i a2], [a1 + i a2, a0 - a3]] acts on the upper half
        double a0r = a[0], a0i = a[1], a1r = a[2], a1i = a[3], a2r = a[4], a2i = a[5], a3r = a[6], a3i = a[7];
        double mr = a0r - a3r, mi = a0i - a3i;      // a0 - a3
        double pr = a0r + a3r, pi = a0i + a3i;      // a0 + a3
        double xr = a1r - (-a2i), xi = a1i - a2r;   // a1 - i a2  (i a2 = -a2i + i a2r)
        double yr = a1r + (-a2i), yi = a1i + a2r;   // a1 + i a2
        double l0r = psi[4], l0i = psi[5], l1r = psi[6], l1i = psi[7];
        double u0r = psi[0], u0i = psi[1], u1r = psi[2], u1i = psi[3];
        // upper = A lower
        out[0] = mr * l0r - mi * l0i - (xr * l1r - xi * l1i);
        out[1] = mr * l0i + mi * l0r - (xr * l1i + xi * l1r);
        out[2] = -(yr * l0r - yi * l0i) + pr * l1r - pi * l1i;
        out[3] = -(yr * l0i + yi * l0r) + pr * l1i + pi * l1r;
        // lower = B upper
        out[4] = pr * u0r - pi * u0i + xr * u1r - xi * u1i;
        out[5] = pr * u0i + pi * u0r + xr * u1i + xi * u1r;
        out[6] = yr * u0r - yi * u0i + mr * u1r - mi * u1i;
        out[7] = yr * u0i + yi * u0r + mr * u1i + mi * u1r;
        return out;
    }

    /** row aslash for a row spinor and a complex four-vector a. */
    public static double[] slashRow(double[] row, double[] a) {
        double[] out = new double[8];
        double a0r = a[0], a0i = a[1], a1r = a[2], a1i = a[3], a2r = a[4], a2i = a[5], a3r = a[6], a3i = a[7];
        double mr = a0r - a3r, mi = a0i - a3i;
        double pr = a0r + a3r, pi = a0i + a3i;
        double xr = a1r + a2i, xi = a1i - a2r;      // a1 - i a2
        double yr = a1r - a2i, yi = a1i + a2r;      // a1 + i a2
        double u0r = row[0], u0i = row[1], u1r = row[2], u1i = row[3];
        double l0r = row[4], l0i = row[5], l1r = row[6], l1i = row[7];
        // columns 0,1 = row_lower B ; columns 2,3 = row_upper A
        out[0] = l0r * pr - l0i * pi + l1r * yr - l1i * yi;
        out[1] = l0r * pi + l0i * pr + l1r * yi + l1i * yr;
        out[2] = l0r * xr - l0i * xi + l1r * mr - l1i * mi;
        out[3] = l0r * xi + l0i * xr + l1r * mi + l1i * mr;
        out[4] = u0r * mr - u0i * mi - (u1r * yr - u1i * yi);
        out[5] = u0r * mi + u0i * mr - (u1r * yi + u1i * yr);
        out[6] = -(u0r * xr - u0i * xi) + u1r * pr - u1i * pi;
        out[7] = -(u0r * xi + u0i * xr) + u1r * pi + u1i * pr;
        return out;
    }

    /** The current J^mu = row gamma^mu psi (contravariant). */
    public static double[] current(double[] r, double[] psi) {
        double[] j = new double[8];
        // J^0 = r0 p2 + r1 p3 + r2 p0 + r3 p1
        cadd(j, 0, r, 0, psi, 2, 1);
        cadd(j, 0, r, 1, psi, 3, 1);
        cadd(j, 0, r, 2, psi, 0, 1);
        cadd(j, 0, r, 3, psi, 1, 1);
        // J^1 = r0 p3 + r1 p2 - r2 p1 - r3 p0
        cadd(j, 1, r, 0, psi, 3, 1);
        cadd(j, 1, r, 1, psi, 2, 1);
        cadd(j, 1, r, 2, psi, 1, -1);
        cadd(j, 1, r, 3, psi, 0, -1);
        // J^2 = i (-r0 p3 + r1 p2 + r2 p1 - r3 p0)
        double[] t = new double[2];
        double sr = 0, si = 0;
        sr -= mulr(r, 0, psi, 3); si -= muli(r, 0, psi, 3);
        sr += mulr(r, 1, psi, 2); si += muli(r, 1, psi, 2);
        sr += mulr(r, 2, psi, 1); si += muli(r, 2, psi, 1);
        sr -= mulr(r, 3, psi, 0); si -= muli(r, 3, psi, 0);
        t[0] = -si;
        t[1] = sr;
        j[4] = t[0];
        j[5] = t[1];
        // J^3 = r0 p2 - r1 p3 - r2 p0 + r3 p1
        cadd(j, 3, r, 0, psi, 2, 1);
        cadd(j, 3, r, 1, psi, 3, -1);
        cadd(j, 3, r, 2, psi, 0, -1);
        cadd(j, 3, r, 3, psi, 1, 1);
        return j;
    }

    /** row . psi (a complex number, as {re, im}). */
    public static double[] contract(double[] row, double[] psi) {
        double re = 0, im = 0;
        for (int k = 0; k < 4; k++) {
            re += mulr(row, k, psi, k);
            im += muli(row, k, psi, k);
        }
        return new double[] {re, im};
    }

    /** Real part of row . psi. */
    static double contractRe(double[] row, double[] psi) {
        double re = 0;
        for (int k = 0; k < 4; k++) {
            re += mulr(row, k, psi, k);
        }
        return re;
    }

    /** Fermion propagator numerator applied to psi, divided by the denominator: (pslash + m) psi / (p^2 - m^2). */
    public static double[] propagate(FourVector p, double m, double[] psi) {
        double[] out = slash(complex(p), psi);
        double d = 1.0 / (p.mass2() - m * m);
        for (int k = 0; k < 8; k++) {
            out[k] = (out[k] + m * psi[k]) * d;
        }
        return out;
    }

    /** row (pslash + m) / (p^2 - m^2). */
    public static double[] propagateRow(double[] row, FourVector p, double m) {
        double[] out = slashRow(row, complex(p));
        double d = 1.0 / (p.mass2() - m * m);
        for (int k = 0; k < 8; k++) {
            out[k] = (out[k] + m * row[k]) * d;
        }
        return out;
    }

    /** Minkowski product a.b of two complex four-vectors (no conjugation). */
    public static double[] dot(double[] a, double[] b) {
        double re = a[0] * b[0] - a[1] * b[1];
        double im = a[0] * b[1] + a[1] * b[0];
        for (int mu = 1; mu < 4; mu++) {
            re -= a[2 * mu] * b[2 * mu] - a[2 * mu + 1] * b[2 * mu + 1];
            im -= a[2 * mu] * b[2 * mu + 1] + a[2 * mu + 1] * b[2 * mu];
        }
        return new double[] {re, im};
    }

    /** a scaled by the complex factor (fr + i fi). */
    public static double[] scale(double[] a, double fr, double fi) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k += 2) {
            out[k] = a[k] * fr - a[k + 1] * fi;
            out[k + 1] = a[k] * fi + a[k + 1] * fr;
        }
        return out;
    }

    /** a + b for arrays of complex numbers. */
    public static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k] + b[k];
        }
        return out;
    }

    private static double mulr(double[] a, int i, double[] b, int j) {
        return a[2 * i] * b[2 * j] - a[2 * i + 1] * b[2 * j + 1];
    }

    private static double muli(double[] a, int i, double[] b, int j) {
        return a[2 * i] * b[2 * j + 1] + a[2 * i + 1] * b[2 * j];
    }

    private static void cadd(double[] j, int mu, double[] a, int i, double[] b, int k, int sign) {
        j[2 * mu] += sign * mulr(a, i, b, k);
        j[2 * mu + 1] += sign * muli(a, i, b, k);
    }
}
