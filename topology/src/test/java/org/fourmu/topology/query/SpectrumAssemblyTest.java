package org.fourmu.topology.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.aggregation.SpectrumStore;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.processors.MassSegments;
import org.junit.jupiter.api.Test;

class SpectrumAssemblyTest {

    private static final MassSegments SEGMENTS = MassSegments.DEFAULT;
    private static final SpectrumAssembly ASSEMBLY = new SpectrumAssembly(SEGMENTS, SpectrumWindow.DEFAULT);

    @Test
    void partsCoverTheRequestOnceEachFromASegmentWhoseHistogramReachesThem() {
        SpectrumRequest r = SpectrumRequest.parse(Map.of("massLow", "0.5", "massHigh", "8.7"), SEGMENTS);
        List<SpectrumAssembly.Part> parts = ASSEMBLY.parts(r);
        Histogram binning = Histogram.reducedMass();
        assertEquals(binning.binOf(CandidateBuilder.reducedMass(0.5)), parts.get(0).fromBin());
        for (int i = 1; i < parts.size(); i++) {
            assertEquals(parts.get(i - 1).toBin(), parts.get(i).fromBin(), "contiguous");
            assertEquals(parts.get(i - 1).segment() + 1, parts.get(i).segment(), "in segment order");
        }
        for (SpectrumAssembly.Part p : parts) {
            // every candidate in the part's bins has a mass inside the segment's histogram reach
            double low = CandidateBuilder.massFromReduced(binning.binLow(p.fromBin()));
            double high = CandidateBuilder.massFromReduced(binning.binLow(p.toBin()));
            assertTrue(low >= SEGMENTS.segmentLowGeV(p.segment()) - MassSegments.HISTOGRAM_REACH_GEV, p.toString());
            assertTrue(high <= SEGMENTS.segmentHighGeV(p.segment()) + MassSegments.HISTOGRAM_REACH_GEV, p.toString());
        }
        assertEquals(SEGMENTS.of(8.7) - SEGMENTS.of(0.5) + 1, parts.size());
    }

    @Test
    void assembledSpectrumEqualsTheHistogramOfTheCandidatesBinByBin() {
        Random random = new Random(4);
        List<Double> masses = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            masses.add(0.22 + 9.1 * random.nextDouble());
        }
        // what the segments hold: every candidate in each segment whose reach it is in, by its own MLP range
        Map<Integer, Map<Integer, Histogram>> stores = new HashMap<>();
        Map<Integer, Histogram> direct = new HashMap<>();
        for (double m : masses) {
            int range = MlpRange.of(m).number();
            for (int s : SEGMENTS.segmentsNeeding(m)) {
                stores.computeIfAbsent(s, k -> new HashMap<>()).computeIfAbsent(range, k -> Histogram.reducedMass())
                        .fill(CandidateBuilder.reducedMass(m));
            }
            if (!SEGMENTS.segmentsNeeding(m).isEmpty()) {
                direct.computeIfAbsent(range, k -> Histogram.reducedMass()).fill(CandidateBuilder.reducedMass(m));
            }
        }
        for (String range : List.of("auto", "1", "3", "5")) {
            SpectrumRequest r = SpectrumRequest.parse(Map.of("mlpRange", range, "rebin", "7"), SEGMENTS);
            Answers.Spectrum s = ASSEMBLY.assemble(r, pieces(ASSEMBLY.parts(r), stores, 0, 1000L));
            Histogram h = Histogram.reducedMass();
            for (Map.Entry<Integer, Histogram> e : direct.entrySet()) {
                if (range.equals("auto") || e.getKey() == Integer.parseInt(range)) {
                    h.add(e.getValue());
                }
            }
            int first = h.binOf(s.reducedMassLowGeV() + h.binWidth() / 2);
            long[] expected = new long[s.counts().length];
            for (int b = first; b < first + 7 * expected.length; b++) {
                expected[(b - first) / 7] += b < h.bins() ? h.count(b) : 0;
            }
            assertArrayEquals(expected, s.counts(), "range " + range);
            assertEquals(h.entries(), s.entries(), "range " + range);
            assertEquals(7 * Histogram.reducedMass().binWidth(), s.binWidthGeV(), 1e-15);
            assertNull(s.windowStartMillis());
        }
    }

    @Test
    void windowKeepsOnlyTheBucketsOfTheLatestClockAmongTheSegments() {
        SpectrumWindow w = SpectrumWindow.DEFAULT;
        long clock = 1_700_000_000_000L;
        long last = w.bucketOf(clock);
        SpectrumRequest r = SpectrumRequest.parse(Map.of("view", "window", "massLow", "5", "massHigh", "5.2"), SEGMENTS);
        int bin = Histogram.reducedMass().binOf(CandidateBuilder.reducedMass(5.1));
        int segment = SEGMENTS.of(5.1);
        int range = MlpRange.of(5.1).number();
        List<Answers.SegmentBins> pieces = List.of(new Answers.SegmentBins(segment, clock - 3_600_000L, List.of(
                new SpectrumStore.Bins(last - 13, range, new int[] {bin}, new long[] {5}),
                new SpectrumStore.Bins(last - 11, range, new int[] {bin}, new long[] {2}))),
                new Answers.SegmentBins(SEGMENTS.of(5.19), clock, List.of()));
        Answers.Spectrum s = ASSEMBLY.assemble(r, pieces);
        assertEquals(2, s.entries(), "a bucket 13 back is out of the window that ends at the latest clock");
        assertEquals(clock, s.windowEndMillis());
        assertEquals(w.bucketStartMillis(last - 11), s.windowStartMillis());
    }

    @Test
    void badRequestsNameTheParameter() {
        assertThrows(IllegalArgumentException.class, () -> SpectrumRequest.parse(Map.of("view", "weekly"), SEGMENTS));
        IllegalArgumentException run = assertThrows(IllegalArgumentException.class,
                () -> SpectrumRequest.parse(Map.of("view", "run", "run", "3"), SEGMENTS));
        assertTrue(run.getMessage().contains("experiment"), run.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpectrumRequest.parse(Map.of("mlpRange", "6"), SEGMENTS));
        assertThrows(IllegalArgumentException.class, () -> SpectrumRequest.parse(Map.of("massLow", "5", "massHigh", "4"), SEGMENTS));
        assertThrows(IllegalArgumentException.class, () -> SpectrumRequest.parse(Map.of("massLow", "NaN"), SEGMENTS));
        assertThrows(IllegalArgumentException.class, () -> SpectrumRequest.parse(Map.of("rebin", "0"), SEGMENTS));
        SpectrumRequest defaults = SpectrumRequest.parse(Map.of("rebin", "10"), SEGMENTS);
        assertEquals(SEGMENTS.highGeV() + MassSegments.HISTOGRAM_REACH_GEV, defaults.massHighGeV());
        assertEquals(0, defaults.mlpRange());
    }

    private static List<Answers.SegmentBins> pieces(List<SpectrumAssembly.Part> parts, Map<Integer, Map<Integer, Histogram>> stores,
                                                    long label, long clock) {
        List<Answers.SegmentBins> out = new ArrayList<>();
        for (SpectrumAssembly.Part p : parts) {
            List<SpectrumStore.Bins> bins = new ArrayList<>();
            for (Map.Entry<Integer, Histogram> e : stores.getOrDefault(p.segment(), Map.of()).entrySet()) {
                List<Integer> b = new ArrayList<>();
                for (int i = p.fromBin(); i < p.toBin(); i++) {
                    if (e.getValue().count(i) > 0) {
                        b.add(i);
                    }
                }
                bins.add(new SpectrumStore.Bins(label, e.getKey(), b.stream().mapToInt(Integer::intValue).toArray(),
                        b.stream().mapToLong(i -> e.getValue().count(i)).toArray()));
            }
            out.add(new Answers.SegmentBins(p.segment(), clock, bins));
        }
        return out;
    }
}
