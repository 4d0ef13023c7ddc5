package org.fourmu.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.Event;
import java.time.Duration;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.ScanSegment;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.topology.aggregation.JpsiHistogramStore;
import org.fourmu.topology.aggregation.JpsiRunFitter;
import org.fourmu.topology.aggregation.LimitAssembler;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.fourmu.topology.aggregation.LongArraySerde;
import org.fourmu.topology.aggregation.SegmentScanProcessor;
import org.fourmu.topology.aggregation.SpectrumWindow;
import java.util.List;
import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.calibration.ModelLimitConversion;
import org.fourmu.physics.models.MuonphilicScalar;
import org.fourmu.physics.kinfit.FourConstraintFit;
import org.fourmu.physics.mlp.MlpSelection;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.pid.ParticleIdentification;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.SelectionParameters;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;
import org.fourmu.physics.trigger.TriggerEmulation;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.DecodeEventProcessor;
import org.fourmu.topology.processors.JpsiFitsUpdater;
import org.fourmu.topology.processors.MassSegments;
import org.fourmu.topology.processors.RunsStoreUpdater;
import org.fourmu.topology.processors.RunsStoreVersion;
import org.fourmu.topology.processors.SelectEventsProcessor;

/**
 * Builds the search topology: decode, validate and drop duplicate events -> the per-event chain (trigger, particle
 * ID, selection, 4C fit, candidates; the run's cut flow and accepted events counted in one store) -> {@code fourmu.candidates} keyed by mass
 * segment; bad records to {@code fourmu.deadletter}; runs from {@code fourmu.runs} in a global
 * store. Every node and store has an explicit name (a constant here): store names are state.
 */
public final class SearchTopology {

    public static final String EVENTS_SOURCE = "events-source";
    public static final String DECODE = "decode-validate";
    public static final String SELECT = "select-events";
    public static final String CANDIDATES_SINK = "candidates-sink";
    public static final String DEAD_LETTER_SINK = "deadletter-sink";
    public static final String RUNS_SOURCE = "runs-source";
    public static final String RUNS_UPDATE = "runs-update";
    /** Event numbers accepted per run, as bit sets ({@link org.fourmu.topology.processors.SeenEventNumbers}). */
    public static final String SEEN_EVENTS_STORE = "seen-events";
    /**
     * Cut-flow counts per run, keyed "experiment/run" ({@link org.fourmu.topology.aggregation.CutFlowStore}), with the
     * run's accepted events (a separate "run-events" store and processor until 2026-11-29: one store update per event now).
     */
    public static final String CUT_FLOW_STORE = "cut-flow";
    /** Global store of RunInfo, keyed "experiment/run". */
    public static final String RUNS_STORE = "runs";
    public static final String CANDIDATES_SOURCE = "candidates-source";
    public static final String SCAN_SEGMENTS = "scan-segments";
    public static final String SCAN_SINK = "scan-sink";
    public static final String SCAN_ASSEMBLY_SINK = "scan-assembly-sink";
    public static final String SCAN_ASSEMBLY_SOURCE = "scan-assembly-source";
    public static final String ASSEMBLE_LIMITS = "assemble-limits";
    public static final String LIMITS_SINK = "limits-sink";
    /** Reduced-mass histograms bin by bin: (view, experiment, run, segment, MLP range, bin) -> count. */
    public static final String SPECTRA_STORE = "spectra";
    /** Per segment: candidates and the version of its last published scan. */
    public static final String SEGMENTS_STORE = "segments";
    /** The latest scan of each segment, for the limit curve. */
    public static final String LATEST_SCANS_STORE = "latest-scans";
    /** The last published limit curve per analysis (its version numbers the next). */
    public static final String LATEST_LIMITS_STORE = "latest-limits";
    /** Per run, the task's histogram of muon-pair masses in the J/psi monitor's window ({@link JpsiHistogramStore}). */
    public static final String JPSI_HISTOGRAMS_STORE = "jpsi-histograms";
    public static final String JPSI_PARTIALS_SINK = "jpsi-partials-sink";
    public static final String JPSI_PARTIALS_SOURCE = "jpsi-partials-source";
    public static final String FIT_JPSI = "fit-jpsi";
    /** The latest partial histogram of every source task per run, keyed "experiment/run/partition". */
    public static final String JPSI_PARTIALS_STORE = "jpsi-partials";
    public static final String JPSI_SINK = "jpsi-sink";
    public static final String JPSI_FITS_SOURCE = "jpsi-fits-source";
    public static final String JPSI_FITS_UPDATE = "jpsi-fits-update";
    /** Global store of the runs' J/psi fits from fourmu.jpsi, keyed "experiment/run": the gauges of every instance. */
    public static final String JPSI_FITS_STORE = "jpsi-fits";

    private SearchTopology() {
    }

    /** The serdes the topology needs; built from the registry in production, from a test registry in tests. */
    public record WireSerdes(Serde<Event> events, Serde<DeadLetter> deadLetters, Serde<Candidate> candidates,
                             Serde<RunInfo> runs, Serde<ScanSegment> scans, Serde<LimitCurve> limits,
                             Serde<JpsiRunFit> jpsiFits) {

        /** Registry-backed serdes for every wire record (schemas registered on first use). */
        public static WireSerdes of(SchemaRegistryClient registry) {
            return new WireSerdes(RegistryAvroSerde.forEvents(registry),
                    RegistryAvroSerde.forValues(DeadLetter.class, registry), RegistryAvroSerde.forValues(Candidate.class, registry),
                    RegistryAvroSerde.forValues(RunInfo.class, registry), RegistryAvroSerde.forValues(ScanSegment.class, registry),
                    RegistryAvroSerde.forValues(LimitCurve.class, registry), RegistryAvroSerde.forValues(JpsiRunFit.class, registry));
        }
    }

    /**
     * The analysis the topology runs: the per-event chain, the MLP selection (null: no MLP cut), the mass
     * segmentation, the scan, and the calibration's name.
     */
    public record Analysis(String analysisId, EventSelection selection, MlpSelection mlp, MassSegments segments, FitScan scan,
                           String calibrationId, Duration scanInterval, List<ModelLimitConversion> limitConversions) {

        /** PID decision thresholds on the muon and electron likelihood ratios (the calibration's efficiencies assume them). */
        public static final double PID_THRESHOLD = 0.5;

        /**
         * The analysis a calibration bundle defines: its trigger maps and PID PDFs in the chain, its MLPs and
         * mass-dependent cut, the Z' signal shapes and resolution in the scan with the Table I systematics as the
         * efficiency uncertainty; named by the bundle's short id.
         */
        public static Analysis fromBundle(CalibrationBundle bundle) {
            EventSelection selection = new EventSelection(new TriggerEmulation(bundle.trigger(), 0),
                    new ParticleIdentification(bundle.pid(), PID_THRESHOLD, PID_THRESHOLD), SelectionParameters.PAPER,
                    FourConstraintFit.forMuons());
            FitScan paper = FitScan.paper(bundle.shape(LmuLtauZPrime.NAME));
            FitScan scan = new FitScan(paper.shapes(), paper.lowGeV(), paper.highGeV(), paper.windowInResolutions(),
                    paper.vetoLowGeV(), paper.vetoHighGeV(), paper.yieldScale(), bundle.systematics()::totalRelative, paper.cl());
            MlpSelection mlp = bundle.hasMlpSelection() ? MlpSelection.fromBytes(bundle.mlp().bytes()) : null;
            return new Analysis("live/" + bundle.shortId(), selection, mlp, MassSegments.forScan(scan), scan, bundle.shortId(),
                    Duration.ofSeconds(5), List.of(ModelLimitConversion.of(bundle, LmuLtauZPrime.NAME),
                    ModelLimitConversion.of(bundle, MuonphilicScalar.NAME)));
        }

        /**
         * The MLP ranges whose histograms a candidate fills: its own range and, within a fit window of a range
         * boundary, the neighbour's, each if the candidate passes that range's MLP cut.
         */
        public List<org.fourmu.physics.candidates.MlpRange> histogramRanges(org.fourmu.physics.candidates.Candidate c) {
            return org.fourmu.physics.spectrum.CandidateSpectra.rangesFilled(c, mlp, segments.reachGeV());
        }

        /**
         * The paper's selection with paper-based trigger maps and the paper's scan with the default
         * signal shapes; PID from the given PDFs (null: the events must carry precomputed likelihoods).
         */
        public static Analysis paper(PidPdfs pidPdfs, String calibrationId) {
            EventSelection selection = new EventSelection(new TriggerEmulation(TriggerEfficiencyMaps.PAPER, 0),
                    new ParticleIdentification(pidPdfs, 0.5, 0.5), SelectionParameters.PAPER, FourConstraintFit.forMuons());
            return new Analysis("live/" + calibrationId, selection, null, MassSegments.DEFAULT,
                    FitScan.paper(SignalShapeModel.paperDefault()), calibrationId, Duration.ofSeconds(5), List.of());
        }

        public Analysis withScanInterval(Duration interval) {
            return new Analysis(analysisId, selection, mlp, segments, scan, calibrationId, interval, limitConversions);
        }

        /** The same analysis under another id: results are keyed by dataset and calibration. */
        public Analysis withAnalysisId(String id) {
            return new Analysis(id, selection, mlp, segments, scan, calibrationId, scanInterval, limitConversions);
        }
    }

    /** The topology with the default recent window of the spectra (the last hour in 5-minute buckets). */
    public static Topology build(Analysis analysis, WireSerdes serdes, SearchMetrics metrics) {
        return build(analysis, serdes, metrics, SpectrumWindow.DEFAULT);
    }

    /** A pure function of its arguments: the same inputs give the same topology. */
    public static Topology build(Analysis analysis, WireSerdes serdes, SearchMetrics metrics, SpectrumWindow window) {
        Topology t = new Topology();
        RunsStoreVersion runsVersion = new RunsStoreVersion();
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RUNS_STORE), Serdes.String(),
                        serdes.runs()).withLoggingDisabled(),
                RUNS_SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Topics.RUNS,
                RUNS_UPDATE, () -> new RunsStoreUpdater(RUNS_STORE, serdes.runs().deserializer(), metrics, runsVersion));

        t.addSource(EVENTS_SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Topics.EVENTS);
        t.addProcessor(DECODE, () -> new DecodeEventProcessor(serdes.events().deserializer(), metrics,
                SELECT, DEAD_LETTER_SINK, SEEN_EVENTS_STORE), EVENTS_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN_EVENTS_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), DECODE);
        t.addProcessor(SELECT, () -> new SelectEventsProcessor(analysis.selection(), analysis.mlp(), metrics, analysis.segments(),
                RUNS_STORE, runsVersion, CUT_FLOW_STORE, JPSI_HISTOGRAMS_STORE, analysis.calibrationId(), CANDIDATES_SINK,
                DEAD_LETTER_SINK, JPSI_PARTIALS_SINK), DECODE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUT_FLOW_STORE), Serdes.String(),
                LongArraySerde.serde()).withCachingEnabled(), SELECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(JPSI_HISTOGRAMS_STORE), Serdes.String(),
                LongArraySerde.serde()).withCachingEnabled(), SELECT);
        t.addSink(JPSI_PARTIALS_SINK, Topics.JPSI_PARTIALS, Serdes.String().serializer(), LongArraySerde.serde().serializer(),
                SELECT);
        t.addSink(CANDIDATES_SINK, Topics.CANDIDATES, Serdes.Integer().serializer(), serdes.candidates().serializer(), SELECT);
        t.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTER, Serdes.ByteArray().serializer(),
                serdes.deadLetters().serializer(), DECODE, SELECT);

        // aggregation: candidates by segment -> histograms -> the segment's scan, on wall-clock punctuation
        t.addSource(CANDIDATES_SOURCE, Serdes.Integer().deserializer(), serdes.candidates().deserializer(), Topics.CANDIDATES);
        t.addProcessor(SCAN_SEGMENTS, () -> new SegmentScanProcessor(SPECTRA_STORE, SEGMENTS_STORE, RUNS_STORE,
                analysis.segments(), analysis.scan(), window, analysis.analysisId(), analysis.calibrationId(), analysis.scanInterval(),
                metrics, SCAN_SINK, SCAN_ASSEMBLY_SINK), CANDIDATES_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SPECTRA_STORE), Serdes.Bytes(),
                Serdes.Long()).withCachingEnabled(), SCAN_SEGMENTS);
        // cached like the spectra: each candidate record updates its segment's state, the changelog gets one per commit
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEGMENTS_STORE), Serdes.Integer(),
                LongArraySerde.serde()).withCachingEnabled(), SCAN_SEGMENTS);
        t.addSink(SCAN_SINK, Topics.SCAN, Serdes.Integer().serializer(), serdes.scans().serializer(), SCAN_SEGMENTS);
        t.addSink(SCAN_ASSEMBLY_SINK, Topics.SCAN_ASSEMBLY, Serdes.String().serializer(), serdes.scans().serializer(),
                SCAN_SEGMENTS);

        // the limit curve: every segment's latest scan, assembled in one task
        t.addSource(SCAN_ASSEMBLY_SOURCE, Serdes.String().deserializer(), serdes.scans().deserializer(), Topics.SCAN_ASSEMBLY);
        t.addProcessor(ASSEMBLE_LIMITS, () -> new LimitAssembler(LATEST_SCANS_STORE, LATEST_LIMITS_STORE, RUNS_STORE,
                analysis.scanInterval(), analysis.limitConversions(), metrics), SCAN_ASSEMBLY_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LATEST_SCANS_STORE), Serdes.Integer(),
                serdes.scans()), ASSEMBLE_LIMITS);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LATEST_LIMITS_STORE), Serdes.String(),
                serdes.limits()), ASSEMBLE_LIMITS);
        t.addSink(LIMITS_SINK, Topics.LIMITS, Serdes.String().serializer(), serdes.limits().serializer(), ASSEMBLE_LIMITS);

        // the J/psi monitor: every task's partial histograms per run, summed and fitted in one task; the fits in a
        // global store for every instance's gauges
        t.addSource(JPSI_PARTIALS_SOURCE, Serdes.String().deserializer(), LongArraySerde.serde().deserializer(),
                Topics.JPSI_PARTIALS);
        t.addProcessor(FIT_JPSI, () -> new JpsiRunFitter(JPSI_PARTIALS_STORE), JPSI_PARTIALS_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(JPSI_PARTIALS_STORE), Serdes.String(),
                LongArraySerde.serde()), FIT_JPSI);
        t.addSink(JPSI_SINK, Topics.JPSI, Serdes.String().serializer(), serdes.jpsiFits().serializer(), FIT_JPSI);
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(JPSI_FITS_STORE), Serdes.String(),
                        serdes.jpsiFits()).withLoggingDisabled(),
                JPSI_FITS_SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Topics.JPSI,
                JPSI_FITS_UPDATE, () -> new JpsiFitsUpdater(JPSI_FITS_STORE, serdes.jpsiFits().deserializer(), metrics));
        return t;
    }
}
