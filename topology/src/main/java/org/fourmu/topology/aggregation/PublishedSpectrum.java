package org.fourmu.topology.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.fourmu.avro.SpectrumBin;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.processors.MassSegments;

/**
 * The spectrum a result carries: candidates per 10 MeV bin of the reduced mass M_R, bins aligned to
 * M_R = 0 (bin k is [k, k+1) x 10 MeV, so the search's lower end 0.212 GeV in M lies inside a bin), per
 * MLP range, non-empty bins only. Each candidate is counted once: a fine (0.1 MeV) bin of the state
 * store is counted by the segment that owns the mass at its centre, in the histogram of that mass's
 * MLP range, as the query endpoint's spectrum reads it; every segment that holds a candidate near its
 * edge agrees on that owner, because its histogram reaches far past the edge.
 */
public final class PublishedSpectrum {

    /** Published bins per GeV of M_R (10 MeV bins). */
    public static final int BINS_PER_GEV = 100;
    private static final Histogram FINE = Histogram.reducedMass();
    /** Fine bins of the state store per published bin. */
    private static final int FINE_PER_BIN = (int) Math.round(1.0 / BINS_PER_GEV / FINE.binWidth());

    static {
        if (FINE.low() != 0 || Math.abs(FINE_PER_BIN * FINE.binWidth() * BINS_PER_GEV - 1) > 1e-9) {
            throw new IllegalStateException("10 MeV bins must be whole groups of the state store's bins from M_R = 0");
        }
    }

    private PublishedSpectrum() {
    }

    /**
     * The share of one segment: its cumulative fine bins ({@link SpectrumStore#bins}, every MLP range) whose
     * centre mass it owns, each from the histogram of that mass's MLP range, rebinned to 10 MeV.
     */
    public static List<SpectrumBin> ofSegment(MassSegments segments, int segment, List<SpectrumStore.Bins> cumulative) {
        Map<Long, Long> counts = new TreeMap<>();
        for (SpectrumStore.Bins b : cumulative) {
            for (int i = 0; i < b.bins().length; i++) {
                if (segments.of(massAtCentre(b.bins()[i])) == segment) {
                    countIfOwnRange(counts, b.mlpRange(), b.bins()[i], b.counts()[i]);
                }
            }
        }
        return bins(counts);
    }

    /**
     * The spectrum of whole histograms, one per MLP range (the batch path, which has no segments): each fine bin
     * from the histogram of its centre mass's range, the rule of {@link #ofSegment}. Filled with the candidates
     * some segment holds ({@link MassSegments#segmentsNeeding} not empty), it equals the segments' spectra summed.
     */
    public static List<SpectrumBin> ofHistograms(IntFunction<Histogram> histogramOfRange) {
        Map<Long, Long> counts = new TreeMap<>();
        for (MlpRange r : MlpRange.values()) {
            Histogram h = histogramOfRange.apply(r.number());
            if (!h.sameBinning(FINE)) {
                throw new IllegalArgumentException("the spectrum is made from the state store's binning, got " + h.bins() + " bins");
            }
            for (int bin = 0; bin < h.bins(); bin++) {
                if (h.count(bin) != 0) {
                    countIfOwnRange(counts, r.number(), bin, h.count(bin));
                }
            }
        }
        return bins(counts);
    }

    private static double massAtCentre(int fineBin) {
        return CandidateBuilder.massFromReduced(FINE.binCentre(fineBin));
    }

    /**
     * Counts a fine bin of the histogram of {@code range} if its centre mass lies in that range: a candidate
     * scored by two networks near a boundary counts once, by the network of its own mass's range.
     */
    private static void countIfOwnRange(Map<Long, Long> counts, int range, int fineBin, long n) {
        if (MlpRange.of(massAtCentre(fineBin)).number() == range) {
            counts.merge(key(range, fineBin / FINE_PER_BIN), n, Long::sum);
        }
    }

    /** The segments' spectra summed bin by bin (a 10 MeV bin may straddle a segment edge). */
    public static List<SpectrumBin> sum(List<List<SpectrumBin>> parts) {
        Map<Long, Long> counts = new TreeMap<>();
        for (List<SpectrumBin> part : parts) {
            for (SpectrumBin b : part) {
                counts.merge(key(b.getMlpRange(), (int) Math.round(b.getReducedMassLow() * BINS_PER_GEV)), b.getEntries(), Long::sum);
            }
        }
        return bins(counts);
    }

    /**
     * Candidates in a spectrum: the distinct candidates of the result, each once, that passed the MLP cut of their
     * own mass's range ({@code LimitCurve.candidates} and {@code ScanSegment.candidates}).
     */
    public static long entries(List<SpectrumBin> spectrum) {
        long n = 0;
        for (SpectrumBin b : spectrum) {
            n += b.getEntries();
        }
        return n;
    }

    /** Ordered by MLP range, then mass. */
    private static long key(int range, int bin) {
        return ((long) range << 32) | bin;
    }

    private static List<SpectrumBin> bins(Map<Long, Long> counts) {
        List<SpectrumBin> out = new ArrayList<>(counts.size());
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            int range = (int) (e.getKey() >>> 32);
            int bin = (int) (long) e.getKey();
            out.add(SpectrumBin.newBuilder().setMlpRange(range).setReducedMassLow(bin / (double) BINS_PER_GEV)
                    .setReducedMassHigh((bin + 1) / (double) BINS_PER_GEV).setEntries(e.getValue()).build());
        }
        return out;
    }
}
