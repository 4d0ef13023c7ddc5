package org.fourmu.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.avro.ScanSegment;
import org.fourmu.avro.SpectrumBin;
import org.fourmu.physics.calibration.CalibrationBundleFormat;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.MassPointFit;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.aggregation.LimitAssembler;
import org.fourmu.topology.aggregation.PublishedSpectrum;
import org.fourmu.topology.aggregation.ScanPublication;
import org.fourmu.topology.aggregation.SegmentScan;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One wall-clock assembly of the limit curve ({@link LimitAssembler}) with every segment of the shipped calibration's
 * analysis in the latest-scans store (32 segments, 2647 mass points, both models' limit conversions) and
 * {@code changedSegments} of them rescanned since the last assembly (1; or all 32, as in the throughput harness, where
 * every segment gets candidates every interval): each changed segment's {@code ScanSegment} decoded from its wire bytes
 * and processed, the punctuation, and the published curve serialised as the limits sink does. With
 * {@code lumiChanges} a run's luminosity also grows before each assembly, so every point's model limits change. The stores are in-memory stores
 * with the registry serdes the topology uses (the topology's are RocksDB: the same decoding, a cheaper lookup);
 * 36 runs in the runs store, as in the 178 fb^-1 replay. Only the processor's public API is used, so the same
 * benchmark times any build of the class. Run from the repository root (the bundle is read from
 * {@code app/src/main/resources}); CPU time per call as in {@link ScanBenchmarks.Cpu}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.fourmu.avro",
        "-Dorg.apache.avro.limits.collectionItems.maxLength=100000"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LimitAssemblyBenchmarks {

    static final int RUNS = 36;
    static final double RUN_LUMI_INV_FB = 5.0;

    @State(Scope.Benchmark)
    public static class Assembly {
        @Param({"1", "32"})
        public int changedSegments;
        @Param({"false", "true"})
        public boolean lumiChanges;
        SchemaRegistryServer registry;
        Serde<ScanSegment> scanSerde;
        Serde<LimitCurve> curveSerde;
        KeyValueStore<String, RunInfo> runs;
        MockProcessorContext<String, LimitCurve> context;
        LimitAssembler processor;
        Punctuator punctuation;
        String analysisId;
        /** Each segment's scan as it arrives on fourmu.scan-assembly. */
        byte[][] wire;
        int next;
        long now;
        double extraLumi;

        @Setup
        public void fill() throws IOException {
            SearchTopology.Analysis analysis = SearchTopology.Analysis.fromBundle(CalibrationBundleFormat.read(ChainBenchmarks.BUNDLE));
            analysisId = analysis.analysisId();
            registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            scanSerde = RegistryAvroSerde.forValues(ScanSegment.class, client);
            curveSerde = RegistryAvroSerde.forValues(LimitCurve.class, client);
            context = new MockProcessorContext<>();
            KeyValueStore<Integer, ScanSegment> latest = store(SearchTopology.LATEST_SCANS_STORE, Serdes.Integer(), scanSerde);
            KeyValueStore<String, LimitCurve> curves = store(SearchTopology.LATEST_LIMITS_STORE, Serdes.String(), curveSerde);
            runs = store(SearchTopology.RUNS_STORE, Serdes.String(), RegistryAvroSerde.forValues(RunInfo.class, client));
            for (int r = 1; r <= RUNS; r++) {
                runs.put("26/" + r, run(r, RUN_LUMI_INV_FB));
            }
            SegmentScan segmentScan = new SegmentScan(analysis.segments(), analysis.scan());
            wire = new byte[analysis.segments().count()][];
            for (int s = 0; s < wire.length; s++) {
                wire[s] = scanSerde.serializer().serialize(Topics.SCAN_ASSEMBLY, scan(analysisId, s, segmentScan.masses(s)));
            }
            processor = new LimitAssembler(SearchTopology.LATEST_SCANS_STORE, SearchTopology.LATEST_LIMITS_STORE,
                    SearchTopology.RUNS_STORE, Duration.ofSeconds(5), analysis.limitConversions(),
                    new SearchMetrics(new SimpleMeterRegistry()));
            processor.init(context);
            punctuation = context.scheduledPunctuators().get(0).getPunctuator();
            for (int s = 0; s < wire.length; s++) {
                process(s);
            }
            assembleAndSerialise();
        }

        @TearDown
        public void stop() {
            registry.close();
        }

        private <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
            // each store's values under their own subject (the mock context names every store's changelog alike)
            Serde<V> own = Serdes.serdeFrom((t, v) -> values.serializer().serialize(name, v),
                    (t, b) -> values.deserializer().deserialize(name, b));
            KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, own)
                    .withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            return store;
        }

        void process(int segment) {
            ScanSegment s = scanSerde.deserializer().deserialize(Topics.SCAN_ASSEMBLY, wire[segment]);
            processor.process(new Record<>(analysisId, s, now));
        }

        byte[] assembleAndSerialise() {
            context.resetForwards();
            punctuation.punctuate(now);
            LimitCurve curve = (LimitCurve) context.forwarded().get(0).record().value();
            return curveSerde.serializer().serialize(Topics.LIMITS, curve);
        }
    }

    @Benchmark
    public byte[] assemble(Assembly a, ScanBenchmarks.Cpu cpu) {
        a.now += 5000;
        if (a.lumiChanges) {
            a.extraLumi += 0.001;
            a.runs.put("26/1", run(1, RUN_LUMI_INV_FB + a.extraLumi));
        }
        for (int i = 0; i < a.changedSegments; i++) {
            a.process(a.next++ % a.wire.length);
        }
        return a.assembleAndSerialise();
    }

    static RunInfo run(int run, double lumiInvFb) {
        return RunInfo.newBuilder().setExperiment(26).setRun(run).setState(RunState.ENDED).setIntegratedLuminosity(lumiInvFb)
                .setHerEnergy(7.004).setLerEnergy(4.002).setStartMillis(0).setEvents(1_000_000).build();
    }

    /** A segment's scan with random fit results at its masses and a spectrum with every 10 MeV bin it owns filled. */
    static ScanSegment scan(String analysisId, int segment, List<Double> masses) {
        UniformRandomProvider rng = RandomStreams.forKeys(7, segment);
        List<MassPoint> points = new ArrayList<>(masses.size());
        for (double m : masses) {
            double limit = 2 + 20 * rng.nextDouble();
            points.add(ScanPublication.massPoint(new FitScan.Point(m, CandidateBuilder.reducedMass(m), 0.003, MlpRange.of(m),
                    MassPointFit.Status.CONVERGED, 10 * rng.nextDouble() - 3, 3, 100 * rng.nextDouble(), 2 * rng.nextDouble(), limit,
                    new double[] {0.5 * limit, 0.7 * limit, limit, 1.4 * limit, 1.9 * limit}, 100)));
        }
        List<SpectrumBin> spectrum = new ArrayList<>();
        int first = (int) Math.ceil(CandidateBuilder.reducedMass(masses.get(0)) * PublishedSpectrum.BINS_PER_GEV);
        int last = (int) (CandidateBuilder.reducedMass(masses.get(masses.size() - 1)) * PublishedSpectrum.BINS_PER_GEV);
        for (int b = first; b < last; b++) {
            double low = b / (double) PublishedSpectrum.BINS_PER_GEV;
            spectrum.add(SpectrumBin.newBuilder().setMlpRange(MlpRange.of(CandidateBuilder.massFromReduced(low)).number())
                    .setReducedMassLow(low).setReducedMassHigh((b + 1) / (double) PublishedSpectrum.BINS_PER_GEV)
                    .setEntries(1 + rng.nextInt(50)).build());
        }
        return ScanSegment.newBuilder().setAnalysisId(analysisId).setCalibrationId("bench").setSegment(segment).setVersion(1)
                .setCandidates(PublishedSpectrum.entries(spectrum)).setIntegratedLuminosity(RUNS * RUN_LUMI_INV_FB)
                .setScanMillis(0).setScanDurationMillis(50).setPoints(points).setHistogramEntries(1000).setSpectrum(spectrum)
                .build();
    }
}
