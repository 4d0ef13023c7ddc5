package org.fourmu.topology.processors;

/**
 * The search range 0.212-9.000 GeV in M(mumu) cut into equal segments: the key of
 * {@code fourmu.candidates} and {@code fourmu.scan}, so the scan's work spreads over partitions.
 */
public record MassSegments(double lowGeV, double highGeV, int count) {

    /** 32 segments over the paper's search range (ARCHITECTURE.md). */
    public static final MassSegments DEFAULT = new MassSegments(0.212, 9.0, 32);

    /** The segment of a mass, clamped to the first and last segment. */
    public int of(double massGeV) {
        int s = (int) Math.floor((massGeV - lowGeV) / (highGeV - lowGeV) * count);
        return Math.max(0, Math.min(count - 1, s));
    }
}
