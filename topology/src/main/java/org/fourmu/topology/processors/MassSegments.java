package org.fourmu.topology.processors;

import java.util.ArrayList;
import java.util.List;

/**
 * The search range 0.212-9.000 GeV in M(mumu) cut into equal segments: the key of
 * {@code fourmu.candidates} and {@code fourmu.scan}, so the scan's work spreads over partitions.
 * A segment owns the test masses inside it and keeps the histogram its fit windows need, which
 * reaches {@link #HISTOGRAM_REACH_GEV} past its edges: a candidate near an edge goes to both segments.
 */
public record MassSegments(double lowGeV, double highGeV, int count) {

    /**
     * How far past its edges a segment's histogram reaches, in M(mumu): more than half the widest
     * fit window (30 resolutions of at most ~5 MeV = 0.15 GeV in reduced mass, which is less in M).
     */
    public static final double HISTOGRAM_REACH_GEV = 0.2;

    /** 32 segments over the paper's search range (ARCHITECTURE.md). */
    public static final MassSegments DEFAULT = new MassSegments(0.212, 9.0, 32);

    public double width() {
        return (highGeV - lowGeV) / count;
    }

    public double segmentLowGeV(int segment) {
        return lowGeV + segment * width();
    }

    /** Upper edge of a segment; the last one includes the end of the search range. */
    public double segmentHighGeV(int segment) {
        return segment == count - 1 ? Math.nextUp(highGeV) : lowGeV + (segment + 1) * width();
    }

    /** The segment of a mass, clamped to the first and last segment. */
    public int of(double massGeV) {
        int s = (int) Math.floor((massGeV - lowGeV) / (highGeV - lowGeV) * count);
        return Math.max(0, Math.min(count - 1, s));
    }

    /** Every segment whose histogram must hold a candidate of this mass. */
    public List<Integer> segmentsNeeding(double massGeV) {
        List<Integer> out = new ArrayList<>(2);
        for (int s = Math.max(0, of(massGeV - HISTOGRAM_REACH_GEV)); s <= Math.min(count - 1, of(massGeV + HISTOGRAM_REACH_GEV)); s++) {
            if (massGeV >= segmentLowGeV(s) - HISTOGRAM_REACH_GEV && massGeV < segmentHighGeV(s) + HISTOGRAM_REACH_GEV) {
                out.add(s);
            }
        }
        return out;
    }
}
