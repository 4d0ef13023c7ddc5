package org.fourmu.topology.aggregation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.ScanSegment;
import org.fourmu.avro.SpectrumBin;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.MassSegments;

/**
 * Fills each mass segment's histograms (cumulative, per run and per bucket of the recent window,
 * per MLP range) from its candidates, and on a wall-clock punctuation rescans every segment whose
 * histograms changed (and all of them when a run ends), publishing one {@link ScanSegment} per
 * segment with an increasing version and the 10 MeV spectrum and count of the candidates it owns ({@link PublishedSpectrum}). A segment's scan is a few tens of fits: far inside the
 * exactly-once transaction timeout (docs/performance.md). The window's clock is the segment's
 * latest record time, so the window content does not depend on the order candidates arrive in.
 */
public final class SegmentScanProcessor implements Processor<Integer, Candidate, Object, ScanSegment> {

    /**
     * Scanning time one punctuation may start segments in: a fifth of the default exactly-once
     * transaction timeout (10 s). One segment takes well under a second (docs/performance.md);
     * segments left over wait for the next punctuation.
     */
    public static final Duration SCAN_BUDGET = Duration.ofSeconds(2);

    private final String spectrumStoreName;
    private final String segmentStoreName;
    private final String runsStoreName;
    private final SegmentScan segmentScan;
    private final SpectrumWindow window;
    private final String analysisId;
    private final String calibrationId;
    private final Duration interval;
    private final SearchMetrics metrics;
    private final String scanChild;
    private final String assemblyChild;

    private ProcessorContext<Object, ScanSegment> context;
    private SpectrumStore spectra;
    /** Per segment: {@link SegmentState}. */
    private KeyValueStore<Integer, long[]> segmentState;
    private KeyValueStore<String, RunInfo> runs;
    private final TreeSet<Integer> dirty = new TreeSet<>();
    /** Where the next punctuation starts looking for changed segments (round robin). */
    private int nextSegment;
    private long endedRuns = -1;

    public SegmentScanProcessor(String spectrumStoreName, String segmentStoreName, String runsStoreName, MassSegments segments,
                                FitScan scan, SpectrumWindow window, String analysisId, String calibrationId,
                                Duration interval, SearchMetrics metrics, String scanChild, String assemblyChild) {
        this.spectrumStoreName = spectrumStoreName;
        this.segmentStoreName = segmentStoreName;
        this.runsStoreName = runsStoreName;
        this.segmentScan = new SegmentScan(segments, scan);
        this.window = window;
        this.analysisId = analysisId;
        this.calibrationId = calibrationId;
        this.interval = interval;
        this.metrics = metrics;
        this.scanChild = scanChild;
        this.assemblyChild = assemblyChild;
    }

    @Override
    public void init(ProcessorContext<Object, ScanSegment> context) {
        this.context = context;
        this.spectra = new SpectrumStore(context.getStateStore(spectrumStoreName));
        this.segmentState = context.getStateStore(segmentStoreName);
        this.runs = context.getStateStore(runsStoreName);
        // after a restart or rebalance: rescan what this task holds once
        try (KeyValueIterator<Integer, long[]> it = segmentState.all()) {
            while (it.hasNext()) {
                dirty.add(it.next().key);
            }
        }
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> punctuate(now));
    }

    @Override
    public void process(Record<Integer, Candidate> record) {
        Candidate c = record.value();
        int segment = record.key() == null ? c.getSegment() : record.key();
        spectra.fill(SpectrumStore.View.CUMULATIVE, 0, segment, c.getMlpRange(), c.getReducedMass());
        spectra.fill(SpectrumStore.View.RUN, SpectrumStore.runLabel(c.getExperiment(), c.getRun()), segment, c.getMlpRange(),
                c.getReducedMass());
        SegmentState state = SegmentState.of(segmentState.get(segment));
        long clock = advanceClock(segment, state.clockMillis(), record.timestamp());
        long bucket = window.bucketOf(record.timestamp());
        if (bucket >= window.firstLiveBucket(clock)) {
            spectra.fill(SpectrumStore.View.WINDOW, bucket, segment, c.getMlpRange(), c.getReducedMass());
        }
        segmentState.put(segment, new SegmentState(state.entries() + 1, state.version(), clock).toArray());
        dirty.add(segment);
    }

    /** Move a segment's window clock to {@code timestamp} if later, dropping the buckets that leave the window. */
    private long advanceClock(int segment, long clock, long timestamp) {
        if (timestamp <= clock) {
            return clock;
        }
        if (clock != SegmentState.NO_CLOCK) {
            long firstDropped = window.firstLiveBucket(clock);
            long lastDropped = Math.min(window.bucketOf(clock), window.firstLiveBucket(timestamp) - 1);
            spectra.dropBuckets(segment, firstDropped, lastDropped);
        }
        return timestamp;
    }

    void punctuate(long now) {
        RunTotals totals = RunTotals.of(runs);
        if (totals.ended() > endedRuns && endedRuns >= 0) {
            try (KeyValueIterator<Integer, long[]> it = segmentState.all()) {
                while (it.hasNext()) {
                    dirty.add(it.next().key);
                }
            }
        }
        endedRuns = totals.ended();
        // segments in turn from where the last punctuation stopped; stop after the budget so that the
        // transaction this punctuation's output belongs to stays short whatever the number of changed segments
        long start = System.nanoTime();
        while (!dirty.isEmpty() && System.nanoTime() - start < SCAN_BUDGET.toNanos()) {
            Integer segment = dirty.ceiling(nextSegment);
            if (segment == null) {
                segment = dirty.first();
            }
            dirty.remove(segment);
            nextSegment = segment + 1;
            publish(segment, now, totals.lumiInvFb());
        }
    }

    private void publish(int segment, long now, double lumiInvFb) {
        long t0 = System.nanoTime();
        // the segment's cumulative bins, every MLP range, read once: for its fits and for its spectrum
        List<SpectrumStore.Bins> cumulative = spectra.bins(SpectrumStore.View.CUMULATIVE, 0, 0, segment, 0, Integer.MAX_VALUE);
        List<FitScan.Point> points = segmentScan.run(segment, r -> SpectrumStore.histogram(cumulative, r));
        List<MassPoint> wire = new ArrayList<>(points.size());
        for (FitScan.Point p : points) {
            wire.add(ScanPublication.massPoint(p));
        }
        SegmentState state = SegmentState.of(segmentState.get(segment));
        long version = state.version() + 1;
        segmentState.put(segment, new SegmentState(state.entries(), version, state.clockMillis()).toArray());
        double millis = (System.nanoTime() - t0) / 1e6;
        metrics.scanned(points.size(), millis / 1e3);
        List<SpectrumBin> owned = PublishedSpectrum.ofSegment(segmentScan.segments(), segment, cumulative);
        // candidates: those it owns, each once; its histograms also hold its neighbours' near its edges
        ScanSegment result = ScanSegment.newBuilder()
                .setAnalysisId(analysisId).setCalibrationId(calibrationId).setSegment(segment).setVersion(version)
                .setCandidates(PublishedSpectrum.entries(owned)).setHistogramEntries(state.entries())
                .setIntegratedLuminosity(lumiInvFb).setScanMillis(now)
                .setScanDurationMillis(millis).setExpectedFromToys(false).setPoints(wire)
                .setSpectrum(owned)
                .build();
        context.forward(new Record<>(segment, result, now), scanChild);
        context.forward(new Record<>(analysisId, result, now), assemblyChild);
    }
}
