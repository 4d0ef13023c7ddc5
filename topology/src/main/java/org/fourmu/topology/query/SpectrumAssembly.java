package org.fourmu.topology.query;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.aggregation.SegmentState;
import org.fourmu.topology.aggregation.SpectrumStore;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.processors.MassSegments;

/**
 * A spectrum over a mass range from the segments' histograms: each fine bin is read from the
 * segment that owns the mass at the bin's centre. That segment holds every candidate of the bin,
 * because its histogram reaches {@link MassSegments#reachGeV()} past its edges, far more
 * than a bin's width. The window view ends at the latest clock of the segments read.
 */
public record SpectrumAssembly(MassSegments segments, SpectrumWindow window) {

    private static final Histogram BINNING = Histogram.reducedMass();

    /** The fine bins {@code [fromBin, toBin)} one segment contributes. */
    public record Part(int segment, int fromBin, int toBin) {
    }

    /** The fine bins of the request, {@code [first, last)}, a whole number of rebinned bins. */
    static int[] fineBins(SpectrumRequest r) {
        int first = BINNING.binOf(CandidateBuilder.reducedMass(r.massLowGeV()));
        int last = Math.min(BINNING.bins(), BINNING.binOf(CandidateBuilder.reducedMass(r.massHighGeV())));
        int out = Math.max(1, (last - first + r.rebin() - 1) / r.rebin());
        return new int[] {first, Math.min(BINNING.bins(), first + out * r.rebin())};
    }

    static double massAtCentre(int bin) {
        return CandidateBuilder.massFromReduced(BINNING.binCentre(bin));
    }

    /** The parts of the request, in increasing bin order. */
    public List<Part> parts(SpectrumRequest r) {
        int[] bins = fineBins(r);
        List<Part> parts = new ArrayList<>();
        int start = bins[0];
        int segment = segments.of(massAtCentre(start));
        for (int b = bins[0] + 1; b < bins[1]; b++) {
            int s = segments.of(massAtCentre(b));
            if (s != segment) {
                parts.add(new Part(segment, start, b));
                start = b;
                segment = s;
            }
        }
        parts.add(new Part(segment, start, bins[1]));
        return parts;
    }

    /** The labels a part reads in a view: the run, or the live buckets of a segment's window; cumulative has one. */
    public long[] labels(SpectrumRequest r, long clockMillis) {
        return switch (r.view()) {
            case CUMULATIVE -> new long[] {0, 0};
            case RUN -> new long[] {SpectrumStore.runLabel(r.experiment(), r.run()), SpectrumStore.runLabel(r.experiment(), r.run())};
            case WINDOW -> clockMillis == SegmentState.NO_CLOCK ? new long[] {0, -1}
                    : new long[] {window.firstLiveBucket(clockMillis), window.bucketOf(clockMillis)};
        };
    }

    /** Sum the segments' bins into the requested spectrum. */
    public Answers.Spectrum assemble(SpectrumRequest r, List<Answers.SegmentBins> pieces) {
        int[] bins = fineBins(r);
        long clock = SegmentState.NO_CLOCK;
        for (Answers.SegmentBins p : pieces) {
            clock = Math.max(clock, p.clockMillis());
        }
        long firstLabel = Long.MIN_VALUE;
        long lastLabel = Long.MAX_VALUE;
        if (r.view() == SpectrumStore.View.WINDOW) {
            firstLabel = clock == SegmentState.NO_CLOCK ? 0 : window.firstLiveBucket(clock);
            lastLabel = clock == SegmentState.NO_CLOCK ? -1 : window.bucketOf(clock);
        }
        long[] fine = new long[bins[1] - bins[0]];
        for (Answers.SegmentBins p : pieces) {
            for (SpectrumStore.Bins b : p.bins()) {
                if (b.label() < firstLabel || b.label() > lastLabel) {
                    continue;
                }
                for (int i = 0; i < b.bins().length; i++) {
                    int bin = b.bins()[i];
                    if (bin >= bins[0] && bin < bins[1] && segments.of(massAtCentre(bin)) == p.segment()
                            && b.mlpRange() == rangeOf(r, bin)) {
                        fine[bin - bins[0]] += b.counts()[i];
                    }
                }
            }
        }
        long[] counts = new long[(fine.length + r.rebin() - 1) / r.rebin()];
        long entries = 0;
        for (int i = 0; i < fine.length; i++) {
            counts[i / r.rebin()] += fine[i];
            entries += fine[i];
        }
        boolean window = r.view() == SpectrumStore.View.WINDOW && clock != SegmentState.NO_CLOCK;
        boolean run = r.view() == SpectrumStore.View.RUN;
        return new Answers.Spectrum(r.view().name().toLowerCase(java.util.Locale.ROOT), run ? r.experiment() : null,
                run ? r.run() : null, r.mlpRange() == 0 ? "auto" : Integer.toString(r.mlpRange()), r.massLowGeV(),
                r.massHighGeV(), BINNING.binLow(bins[0]), BINNING.binLow(bins[1]), r.rebin() * BINNING.binWidth(), r.rebin(),
                entries, window ? this.window.bucketStartMillis(firstLabel) : null, window ? clock : null, counts);
    }

    private static int rangeOf(SpectrumRequest r, int bin) {
        return r.mlpRange() != 0 ? r.mlpRange() : MlpRange.of(massAtCentre(bin)).number();
    }
}
