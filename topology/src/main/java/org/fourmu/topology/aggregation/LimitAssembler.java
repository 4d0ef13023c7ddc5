package org.fourmu.topology.aggregation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fourmu.physics.calibration.ModelLimitConversion;
import org.fourmu.physics.limits.YieldLimit;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonphilicScalar;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.ScanSegment;
import org.fourmu.avro.SpectrumBin;
import org.fourmu.physics.limits.GlobalSignificance;
import org.fourmu.topology.metrics.SearchMetrics;

/**
 * Keeps the latest scan of every segment of an analysis and, when any changed, assembles the
 * whole limit curve with the global significance (Gross-Vitells from the curve's up-crossings)
 * and publishes it, with the segments' spectra summed ({@link PublishedSpectrum}), to the compacted
 * {@code fourmu.limits} topic, keyed by analysis. The latest
 * curve of each analysis stays in a store for interactive queries; its version numbers the next.
 * <p>
 * The stores are the state; the processor keeps a decoded copy of the latest-scans store, each segment's points
 * already converted to model limits at the luminosity of the last assembly, and the version of each analysis's
 * latest curve, so that an assembly decodes and converts only what changed since the last one (all points
 * when the luminosity changed). The copy is rebuilt from the stores in {@link #init}, which Kafka Streams runs
 * again after a restore or a dirty close, and changes only where the stores do: the curve is the one the
 * stores alone give.
 */
public final class LimitAssembler implements Processor<String, ScanSegment, String, LimitCurve> {

    /** Up-crossings of the local-significance curve are counted at this level (sigma). */
    public static final double CROSSING_LEVEL = GlobalSignificance.REFERENCE_LEVEL;

    private final String latestStoreName;
    private final String curveStoreName;
    private final String runsStoreName;
    private final Duration interval;
    private final SearchMetrics metrics;
    /** Yield limits to cross-section and coupling limits per model (empty: yields only, as before calibration). */
    private final List<ModelLimitConversion> conversions;
    private ProcessorContext<String, LimitCurve> context;
    private KeyValueStore<Integer, ScanSegment> latest;
    private KeyValueStore<String, LimitCurve> curves;
    private KeyValueStore<String, RunInfo> runs;
    /** The latest-scans store, decoded, in its key order (Integer keys are big-endian bytes compared unsigned). */
    private final TreeMap<Integer, LatestScan> scans = new TreeMap<>(Integer::compareUnsigned);
    /** The version of the latest curve of each analysis in the curve store, once read or written. */
    private final Map<String, Long> curveVersions = new HashMap<>();
    private String changedAnalysis;

    public LimitAssembler(String latestStoreName, String curveStoreName, String runsStoreName, Duration interval,
                          List<ModelLimitConversion> conversions, SearchMetrics metrics) {
        this.conversions = List.copyOf(conversions);
        this.latestStoreName = latestStoreName;
        this.curveStoreName = curveStoreName;
        this.runsStoreName = runsStoreName;
        this.interval = interval;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, LimitCurve> context) {
        this.context = context;
        this.latest = context.getStateStore(latestStoreName);
        this.curves = context.getStateStore(curveStoreName);
        this.runs = context.getStateStore(runsStoreName);
        scans.clear();
        curveVersions.clear();
        try (KeyValueIterator<Integer, ScanSegment> it = latest.all()) {
            while (it.hasNext()) {
                KeyValue<Integer, ScanSegment> kv = it.next();
                scans.put(kv.key, new LatestScan(kv.value));
            }
        }
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::assemble);
    }

    @Override
    public void process(Record<String, ScanSegment> record) {
        ScanSegment s = record.value();
        LatestScan previous = scans.get(s.getSegment());
        if (previous == null || previous.scan.getVersion() <= s.getVersion()) {
            latest.put(s.getSegment(), s);
            scans.put(s.getSegment(), new LatestScan(s));
            changedAnalysis = s.getAnalysisId();
        }
    }

    void assemble(long now) {
        if (changedAnalysis == null) {
            return;
        }
        String analysisId = changedAnalysis;
        changedAnalysis = null;
        RunTotals runTotals = RunTotals.of(runs);
        double lumi = runTotals.lumiInvFb();
        List<MassPoint> points = new ArrayList<>();
        long histogramEntries = 0;
        List<List<SpectrumBin>> spectra = new ArrayList<>();
        String calibration = "";
        for (LatestScan s : scans.values()) {
            if (!s.scan.getAnalysisId().equals(analysisId)) {
                continue;
            }
            points.addAll(s.withModelLimits(lumi, conversions));
            // unknown (-1) if any segment's scan predates the field
            histogramEntries = histogramEntries < 0 || s.scan.getHistogramEntries() < 0 ? -1
                    : histogramEntries + s.scan.getHistogramEntries();
            spectra.add(s.scan.getSpectrum());
            calibration = s.scan.getCalibrationId();
        }
        long version = curveVersion(analysisId) + 1;
        // each candidate once, in the segment that owns its mass
        LimitCurve curve = curveOfConverted(analysisId, calibration, version, now, points, PublishedSpectrum.sum(spectra),
                histogramEntries, lumi, runTotals.events());
        curves.put(analysisId, curve);
        curveVersions.put(analysisId, version);
        metrics.limitsPublished(curve.getMaxLocalSignificance(), curve.getGlobalSignificance(), lumi, now);
        metrics.benchmarkLimits(curve);
        context.forward(new Record<>(analysisId, curve, now));
    }

    /** The version of the analysis's latest curve in the store, 0 if none. */
    private long curveVersion(String analysisId) {
        return curveVersions.computeIfAbsent(analysisId, id -> {
            LimitCurve stored = curves.get(id);
            return stored == null ? 0L : stored.getVersion();
        });
    }

    /**
     * A segment's latest scan as the store holds it, and copies of its points with the model limits at the
     * luminosity they were last converted at. The copies go into the published curves unchanged: nothing
     * modifies a point after its conversion, so curves may share them.
     */
    private static final class LatestScan {
        private final ScanSegment scan;
        private List<MassPoint> converted;
        private double convertedLumi;

        LatestScan(ScanSegment scan) {
            this.scan = scan;
        }

        List<MassPoint> withModelLimits(double lumi, List<ModelLimitConversion> conversions) {
            if (converted == null || Double.doubleToLongBits(lumi) != Double.doubleToLongBits(convertedLumi)) {
                converted = LimitAssembler.withModelLimits(scan.getPoints(), lumi, conversions);
                convertedLumi = lumi;
            }
            return converted;
        }
    }

    /**
     * The limit curve of a set of scan points (sorted here by mass), with the largest local significance
     * and its global significance, the cross-section and coupling limits of each model at the curve's
     * luminosity, and the spectrum ({@link PublishedSpectrum}) whose total is the curve's count of candidates
     * (with the records in the segments' histograms, which count overlaps, beside it); the batch path
     * ({@code fourmu replay --batch}) builds its result with it too.
     */
    public static LimitCurve curve(String analysisId, String calibration, long version, long publishedMillis,
                                   List<MassPoint> points, List<SpectrumBin> spectrum, long histogramEntries, double lumi,
                                   long events, List<ModelLimitConversion> conversions) {
        return curveOfConverted(analysisId, calibration, version, publishedMillis, withModelLimits(points, lumi, conversions),
                spectrum, histogramEntries, lumi, events);
    }

    /** Copies of scan points with the cross-section and coupling limits of each model at a luminosity. */
    static List<MassPoint> withModelLimits(List<MassPoint> points, double lumi, List<ModelLimitConversion> conversions) {
        List<MassPoint> converted = new ArrayList<>(points.size());
        for (MassPoint p : points) {
            converted.add(withModelLimits(MassPoint.newBuilder(p).build(), lumi, conversions));
        }
        return converted;
    }

    /** {@link #curve} of points that already carry their model limits at {@code lumi}. */
    private static LimitCurve curveOfConverted(String analysisId, String calibration, long version, long publishedMillis,
                                               List<MassPoint> converted, List<SpectrumBin> spectrum, long histogramEntries,
                                               double lumi, long events) {
        List<MassPoint> sorted = new ArrayList<>(converted);
        sorted.sort(Comparator.comparingDouble(MassPoint::getMass));
        double[] z = sorted.stream().mapToDouble(MassPoint::getLocalSignificance).toArray();
        MassPoint max = sorted.stream().max(Comparator.comparingDouble(MassPoint::getLocalSignificance)).orElse(null);
        int crossings = GlobalSignificance.upCrossings(z, CROSSING_LEVEL);
        double zMax = max == null ? 0 : max.getLocalSignificance();
        double global = GlobalSignificance.globalSignificance(zMax, crossings, CROSSING_LEVEL);
        return LimitCurve.newBuilder()
                .setAnalysisId(analysisId).setCalibrationId(calibration).setVersion(version).setPublishedMillis(publishedMillis)
                .setIntegratedLuminosity(lumi).setEvents(events).setCandidates(PublishedSpectrum.entries(spectrum))
                .setHistogramEntries(histogramEntries).setFits(sorted.size())
                .setMaxLocalSignificance(zMax).setMaxLocalSignificanceMass(max == null ? 0 : max.getMass())
                .setGlobalSignificance(global).setUpCrossings(crossings).setPoints(sorted).setSpectrum(spectrum).build();
    }

    private static MassPoint withModelLimits(MassPoint p, double lumi, List<ModelLimitConversion> conversions) {
        double[] expected = p.getExpectedYieldLimits().stream().mapToDouble(Double::doubleValue).toArray();
        if (expected.length != 5 || !Double.isFinite(p.getYieldUpperLimit())) {
            return p;
        }
        YieldLimit yield = new YieldLimit(p.getMass(), p.getYieldUpperLimit(), expected);
        for (ModelLimitConversion c : conversions) {
            ModelLimitConversion.Converted r = c.convert(yield, lumi);
            if (r == null) {
                continue;
            }
            List<Double> band = java.util.Arrays.stream(r.crossSection().expectedFb()).boxed().toList();
            if (c.model().equals(LmuLtauZPrime.NAME)) {
                p.setEfficiencyZPrime(r.efficiency());
                p.setXsecLimitZPrime(r.crossSection().observedFb());
                p.setExpectedXsecLimitsZPrime(band);
                p.setCouplingLimitZPrime(r.coupling().observed());
            } else if (c.model().equals(MuonphilicScalar.NAME)) {
                p.setEfficiencyScalar(r.efficiency());
                p.setXsecLimitScalar(r.crossSection().observedFb());
                p.setExpectedXsecLimitsScalar(band);
                p.setCouplingLimitScalar(r.coupling().observed());
            }
        }
        return p;
    }
}
