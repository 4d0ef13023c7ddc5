package org.fourmu.topology.processors;

import java.util.ArrayList;
import java.util.List;

/**
 * The search range 0.212-9.000 GeV in M(mumu) cut into equal segments: the key of
 * {@code fourmu.candidates} and {@code fourmu.scan}, so the scan's work spreads over partitions.
 * A segment owns the test masses inside it and keeps the histogram its fit windows need, which
 * reaches {@code reachGeV} past its edges: a candidate near an edge goes to every segment that needs it.
 *
 * @param reachGeV how far past its edges a segment's histogram reaches, in M(mumu): at least half the widest
 *                 fit window of the scan, converted from reduced mass
 */
public record MassSegments(double lowGeV, double highGeV, int count, double reachGeV) {

    /**
     * The reach for the paper's resolutions: more than half the widest fit window (30 resolutions of at most
     * ~5 MeV = 0.15 GeV in reduced mass, which is less in M).
     */
    public static final double HISTOGRAM_REACH_GEV = 0.2;

    /** 32 segments over the paper's search range (ARCHITECTURE.md), for the paper's resolutions. */
    public static final MassSegments DEFAULT = new MassSegments(0.212, 9.0, 32, HISTOGRAM_REACH_GEV);

    /**
     * 32 segments whose reach covers every fit window of {@code scan} (its resolutions come from the
     * calibration and may be wider than the paper's), with 5% to spare.
     */
    public static MassSegments forScan(org.fourmu.physics.fit.FitScan scan) {
        double reach = 0;
        for (double m : scan.masses()) {
            double halfWindow = scan.windowInResolutions() / 2 * scan.shapes().resolutionGeV(m);
            double reduced = org.fourmu.physics.candidates.CandidateBuilder.reducedMass(m);
            double up = org.fourmu.physics.candidates.CandidateBuilder.massFromReduced(reduced + halfWindow) - m;
            double down = m - org.fourmu.physics.candidates.CandidateBuilder.massFromReduced(Math.max(0, reduced - halfWindow));
            reach = Math.max(reach, Math.max(up, down));
        }
        return new MassSegments(scan.lowGeV(), scan.highGeV(), 32, Math.max(HISTOGRAM_REACH_GEV, 1.05 * reach));
    }

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

    /**
     * The segment whose [{@link #segmentLowGeV}, {@link #segmentHighGeV}) holds a mass: {@link #of}, moved by one where
     * rounding puts a mass on a segment edge into the neighbour. The segment that scans a test mass
     * ({@code SegmentScan.masses}).
     */
    public int holding(double massGeV) {
        int s = of(massGeV);
        while (s > 0 && massGeV < segmentLowGeV(s)) {
            s--;
        }
        while (s < count - 1 && massGeV >= segmentHighGeV(s)) {
            s++;
        }
        return s;
    }

    /** Every segment whose histogram must hold a candidate of this mass. */
    public List<Integer> segmentsNeeding(double massGeV) {
        List<Integer> out = new ArrayList<>(2);
        for (int s = Math.max(0, of(massGeV - reachGeV)); s <= Math.min(count - 1, of(massGeV + reachGeV)); s++) {
            if (massGeV >= segmentLowGeV(s) - reachGeV && massGeV < segmentHighGeV(s) + reachGeV) {
                out.add(s);
            }
        }
        return out;
    }
}
