package org.fourmu.topology.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.processors.MassSegments;

/**
 * The scan of one mass segment: the test masses the segment owns, each fitted on the histogram of
 * its MLP range. What the punctuator runs on the stream thread, and what the scan benchmark times.
 */
public record SegmentScan(MassSegments segments, FitScan scan) {

    /** The test masses of the scan inside the segment (its lower edge included, the upper one not). */
    public List<Double> masses(int segment) {
        double low = segments.segmentLowGeV(segment);
        double high = segments.segmentHighGeV(segment);
        List<Double> owned = new ArrayList<>();
        for (double m : scan.masses()) {
            if (m >= low && m < high) {
                owned.add(m);
            }
        }
        return owned;
    }

    /** The MLP ranges whose histograms the segment's fits read. */
    public List<Integer> ranges(int segment) {
        return masses(segment).stream().map(m -> MlpRange.of(m).number()).distinct().toList();
    }

    /** Fit every test mass of the segment on one thread; {@code histogramOfRange} is asked once per range used. */
    public List<FitScan.Point> run(int segment, IntFunction<Histogram> histogramOfRange) {
        Histogram[] byRange = new Histogram[MlpRange.values().length + 1];
        return scan.scan(masses(segment), r -> {
            if (byRange[r] == null) {
                byRange[r] = histogramOfRange.apply(r);
            }
            return byRange[r];
        }, false);
    }
}
