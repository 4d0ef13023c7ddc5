package org.fourmu.physics.kinematics;

/**
 * Two-body kinematics shared by the generators, the selection and the candidate features.
 */
public final class Kinematics {

    private Kinematics() {
    }

    /** The Kallen function lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2ac - 2bc. */
    public static double kallen(double a, double b, double c) {
        return a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c;
    }

    /** Momentum of either daughter in the rest frame of a parent of mass squared s decaying to masses m1, m2. */
    public static double twoBodyMomentum(double s, double m1, double m2) {
        double l = kallen(s, m1 * m1, m2 * m2);
        return l <= 0 ? 0.0 : Math.sqrt(l) / (2 * Math.sqrt(s));
    }
}
