package org.fourmu.physics.candidates;

/**
 * The five M(mumu) intervals with separate MLPs (paper Sec. IV D), in GeV.
 */
public enum MlpRange {
    R1(0.21, 1.00),
    R2(1.00, 3.75),
    R3(3.75, 6.25),
    R4(6.25, 8.25),
    R5(8.25, 10.00);

    /** values() copies its array on every call; the stream asks for a range per candidate. */
    private static final MlpRange[] ALL = values();

    private final double lowGeV;
    private final double highGeV;

    MlpRange(double lowGeV, double highGeV) {
        this.lowGeV = lowGeV;
        this.highGeV = highGeV;
    }

    public double lowGeV() {
        return lowGeV;
    }

    public double highGeV() {
        return highGeV;
    }

    /** 1-based number used in metrics and on the wire. */
    public int number() {
        return ordinal() + 1;
    }

    public static MlpRange ofNumber(int number) {
        return ALL[number - 1];
    }

    /** The range containing the dimuon mass, clamped to the first and last range outside 0.21-10 GeV. */
    public static MlpRange of(double massGeV) {
        for (MlpRange r : ALL) {
            if (massGeV < r.highGeV) {
                return r;
            }
        }
        return R5;
    }
}
