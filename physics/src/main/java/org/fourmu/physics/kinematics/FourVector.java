package org.fourmu.physics.kinematics;

/**
 * A Lorentz four-vector (E, px, py, pz) in GeV, metric (+, -, -, -).
 */
public record FourVector(double e, double px, double py, double pz) {

    public static final FourVector ZERO = new FourVector(0, 0, 0, 0);

    /** The four-momentum of a particle of the given mass and three-momentum. */
    public static FourVector fromMomentumAndMass(double px, double py, double pz, double mass) {
        return new FourVector(Math.sqrt(px * px + py * py + pz * pz + mass * mass), px, py, pz);
    }

    /** The four-momentum from |p|, polar angle theta, azimuth phi and mass. */
    public static FourVector fromPolar(double p, double theta, double phi, double mass) {
        double st = Math.sin(theta);
        return fromMomentumAndMass(p * st * Math.cos(phi), p * st * Math.sin(phi), p * Math.cos(theta), mass);
    }

    public FourVector plus(FourVector o) {
        return new FourVector(e + o.e, px + o.px, py + o.py, pz + o.pz);
    }

    public FourVector minus(FourVector o) {
        return new FourVector(e - o.e, px - o.px, py - o.py, pz - o.pz);
    }

    public FourVector times(double f) {
        return new FourVector(e * f, px * f, py * f, pz * f);
    }

    /** Minkowski product with (+, -, -, -). */
    public double dot(FourVector o) {
        return e * o.e - px * o.px - py * o.py - pz * o.pz;
    }

    /** Invariant mass squared; negative for space-like vectors. */
    public double mass2() {
        return e * e - p2();
    }

    /** Invariant mass; minus the square root of -m^2 for space-like vectors. */
    public double mass() {
        double m2 = mass2();
        return m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
    }

    public double p2() {
        return px * px + py * py + pz * pz;
    }

    public double p() {
        return Math.sqrt(p2());
    }

    public double pt() {
        return Math.sqrt(px * px + py * py); // no overflow at GeV scales; Math.hypot costs several times more
    }

    public double theta() {
        return Math.atan2(pt(), pz);
    }

    public double cosTheta() {
        double p = p();
        return p == 0 ? 1.0 : pz / p;
    }

    public double phi() {
        return (px == 0 && py == 0) ? 0.0 : Math.atan2(py, px);
    }

    /** Velocity of the frame in which this vector is at rest, (px, py, pz)/E. */
    public double[] boostVector() {
        return new double[] {px / e, py / e, pz / e};
    }

    /** This vector seen from a frame moving with velocity -beta, i.e. boosted by +beta (ROOT's TLorentzVector::Boost). */
    public FourVector boost(double bx, double by, double bz) {
        double b2 = bx * bx + by * by + bz * bz;
        if (b2 == 0) {
            return this;
        }
        if (b2 >= 1) {
            throw new IllegalArgumentException("boost velocity must be below 1, got beta^2=" + b2);
        }
        double gamma = 1.0 / Math.sqrt(1.0 - b2);
        double bp = bx * px + by * py + bz * pz;
        double gamma2 = (gamma - 1.0) / b2;
        double f = gamma2 * bp + gamma * e;
        return new FourVector(gamma * (e + bp), px + f * bx, py + f * by, pz + f * bz);
    }

    /** This vector in the rest frame of {@code frame}. */
    public FourVector inRestFrameOf(FourVector frame) {
        return boost(-frame.px / frame.e, -frame.py / frame.e, -frame.pz / frame.e);
    }

    /** Cosine of the opening angle between the three-momenta. */
    public double cosAngle(FourVector o) {
        double d = p() * o.p();
        return d == 0 ? 1.0 : (px * o.px + py * o.py + pz * o.pz) / d;
    }
}
