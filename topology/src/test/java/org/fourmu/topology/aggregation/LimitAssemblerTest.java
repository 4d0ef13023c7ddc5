package org.fourmu.topology.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.avro.ScanSegment;
import org.fourmu.avro.SpectrumBin;
import org.fourmu.physics.calibration.EfficiencyCurve;
import org.fourmu.physics.calibration.ModelLimitConversion;
import org.fourmu.physics.calibration.ModelTable;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.MassPointFit;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonphilicScalar;
import org.fourmu.physics.models.SignalCrossSectionTable;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.MassSegments;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LimitAssembler} keeps the latest scans decoded and converted between assemblies: every curve it publishes
 * must be the one assembled from scratch from its stores (every scan decoded, every point converted), to the byte.
 */
class LimitAssemblerTest {

    private static final String ANALYSIS = "live/test";
    private static final MassSegments SEGMENTS = MassSegments.DEFAULT;
    private static final int POINTS_PER_SEGMENT = 12;
    private static final long SEED = 11;

    private SchemaRegistryServer registry;
    private KeyValueStore<Integer, ScanSegment> latest;
    private KeyValueStore<String, LimitCurve> curves;
    private KeyValueStore<String, RunInfo> runs;
    private final List<ModelLimitConversion> conversions = List.of(conversion(LmuLtauZPrime.NAME), conversion(MuonphilicScalar.NAME));
    private final SearchMetrics metrics = new SearchMetrics(new SimpleMeterRegistry());

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        MockProcessorContext<String, LimitCurve> storeContext = new MockProcessorContext<>();
        latest = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SearchTopology.LATEST_SCANS_STORE), Serdes.Integer(),
                onTopic(RegistryAvroSerde.forValues(ScanSegment.class, client), "scans")).withLoggingDisabled().build();
        curves = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SearchTopology.LATEST_LIMITS_STORE), Serdes.String(),
                onTopic(RegistryAvroSerde.forValues(LimitCurve.class, client), "curves")).withLoggingDisabled().build();
        runs = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SearchTopology.RUNS_STORE), Serdes.String(),
                onTopic(RegistryAvroSerde.forValues(RunInfo.class, client), "runs")).withLoggingDisabled().build();
        latest.init(storeContext.getStateStoreContext(), latest);
        curves.init(storeContext.getStateStoreContext(), curves);
        runs.init(storeContext.getStateStoreContext(), runs);
    }

    /** The serde of a store, registering under its own topic (the mock context names every store's changelog alike). */
    private static <T> Serde<T> onTopic(Serde<T> serde, String topic) {
        return Serdes.serdeFrom((t, v) -> serde.serializer().serialize(topic, v), (t, b) -> serde.deserializer().deserialize(topic, b));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void curveAssembledIncrementallyEqualsCurveAssembledFromScratch() {
        putRun(1, 10.0);
        putRun(2, 12.5);
        Assembler a = new Assembler();
        for (int s = 0; s < SEGMENTS.count(); s++) {
            a.process(scan(s, 1));
        }
        LimitCurve first = a.assembleMatchingScratch(1_000);
        assertEquals(1, first.getVersion());
        assertEquals(SEGMENTS.count() * POINTS_PER_SEGMENT, first.getFits());

        // two segments rescanned, and a late record of an older scan of a third, which must be ignored
        a.process(scan(3, 2));
        a.process(scan(17, 2));
        ScanSegment stale = scan(5, 0);
        a.process(stale);
        assertSameBytes(scan(5, 1), latest.get(5));
        assertEquals(2, a.assembleMatchingScratch(2_000).getVersion());

        // nothing changed: nothing published
        a.context.resetForwards();
        a.processor.assemble(3_000);
        assertTrue(a.context.forwarded().isEmpty());

        // the luminosity grows (every point's model limits change) and one segment is rescanned
        putRun(2, 25.0);
        a.process(scan(8, 2));
        LimitCurve moreLumi = a.assembleMatchingScratch(4_000);
        assertEquals(35.0, moreLumi.getIntegratedLuminosity(), 1e-12);
        // sigma_UL = N_UL / (efficiency L): a point whose scan did not change scales as 1 / L
        MassPoint before = pointAt(first, 20, 4);
        MassPoint after = pointAt(moreLumi, 20, 4);
        assertTrue(before.getXsecLimitZPrime() > 0 && before.getXsecLimitScalar() > 0);
        assertEquals(before.getXsecLimitZPrime() * 22.5, after.getXsecLimitZPrime() * 35.0, 1e-9 * before.getXsecLimitZPrime() * 22.5);
        assertEquals(before.getXsecLimitScalar() * 22.5, after.getXsecLimitScalar() * 35.0, 1e-9 * before.getXsecLimitScalar() * 22.5);

        // a restart: a new processor reads the stores in init() and numbers the next curve after the stored one
        Assembler restarted = new Assembler();
        restarted.process(scan(20, 2));
        assertEquals(4, restarted.assembleMatchingScratch(5_000).getVersion());

        // a restore under exactly-once: the stores roll back to other content and Kafka Streams runs init() again
        latest.put(11, scan(11, 7));
        latest.delete(30);
        latest.put(2, scan(2, 0));
        curves.put(ANALYSIS, LimitCurve.newBuilder(curves.get(ANALYSIS)).setVersion(2).build());
        putRun(3, 1.25);
        restarted.processor.init(restarted.context);
        restarted.process(scan(1, 3));
        restarted.process(scan(2, 1));
        LimitCurve restored = restarted.assembleMatchingScratch(6_000);
        assertEquals(3, restored.getVersion());
        assertEquals((SEGMENTS.count() - 1) * POINTS_PER_SEGMENT, restored.getFits());
    }

    /** A processor on the test's stores, and the curves it forwards. */
    private final class Assembler {
        final MockProcessorContext<String, LimitCurve> context = new MockProcessorContext<>();
        final LimitAssembler processor = new LimitAssembler(SearchTopology.LATEST_SCANS_STORE, SearchTopology.LATEST_LIMITS_STORE,
                SearchTopology.RUNS_STORE, Duration.ofSeconds(5), conversions, metrics);

        Assembler() {
            context.addStateStore(latest);
            context.addStateStore(curves);
            context.addStateStore(runs);
            processor.init(context);
        }

        void process(ScanSegment s) {
            processor.process(new Record<>(ANALYSIS, s, 0));
        }

        /** Assemble at {@code now}, check the one curve forwarded against the stores' curve from scratch, return it. */
        LimitCurve assembleMatchingScratch(long now) {
            LimitCurve expected = fromScratch(now);
            context.resetForwards();
            processor.assemble(now);
            assertEquals(1, context.forwarded().size());
            LimitCurve published = (LimitCurve) context.forwarded().get(0).record().value();
            assertSameBytes(expected, published);
            assertSameBytes(published, curves.get(ANALYSIS));
            return published;
        }
    }

    /** The curve as the assembler built it before it kept anything between assemblies: every stored scan decoded and converted. */
    private LimitCurve fromScratch(long now) {
        List<MassPoint> points = new ArrayList<>();
        long histogramEntries = 0;
        List<List<SpectrumBin>> spectra = new ArrayList<>();
        String calibration = "";
        try (KeyValueIterator<Integer, ScanSegment> it = latest.all()) {
            while (it.hasNext()) {
                KeyValue<Integer, ScanSegment> kv = it.next();
                points.addAll(kv.value.getPoints());
                histogramEntries = histogramEntries < 0 || kv.value.getHistogramEntries() < 0 ? -1
                        : histogramEntries + kv.value.getHistogramEntries();
                spectra.add(kv.value.getSpectrum());
                calibration = kv.value.getCalibrationId();
            }
        }
        RunTotals totals = RunTotals.of(runs);
        LimitCurve previous = curves.get(ANALYSIS);
        long version = previous == null ? 1 : previous.getVersion() + 1;
        return LimitAssembler.curve(ANALYSIS, calibration, version, now, points, PublishedSpectrum.sum(spectra), histogramEntries,
                totals.lumiInvFb(), totals.events(), conversions);
    }

    /**
     * Equal to the bit, compared as serialised records: the generated classes' equals compares doubles with ==, so a
     * curve with a failed fit's NaN limits is not equal even to a copy of itself.
     */
    private void assertSameBytes(SpecificRecord expected, SpecificRecord actual) {
        assertArrayEquals(bytes(expected), bytes(actual));
    }

    private static byte[] bytes(SpecificRecord r) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(r.getSchema()).write(r, e);
            e.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static MassPoint pointAt(LimitCurve curve, int segment, int index) {
        return curve.getPoints().get(segment * POINTS_PER_SEGMENT + index);
    }

    private void putRun(int run, double lumiInvFb) {
        runs.put("26/" + run, RunInfo.newBuilder().setExperiment(26).setRun(run).setState(RunState.RUNNING)
                .setIntegratedLuminosity(lumiInvFb).setHerEnergy(7.004).setLerEnergy(4.002).setStartMillis(0)
                .setEvents(1000L * run).build());
    }

    /**
     * A scan of a segment as {@link SegmentScanProcessor} publishes it: points at increasing masses inside the segment,
     * with random fit results (one failed fit per scan, whose limits stay unconverted), and a few spectrum bins.
     */
    private static ScanSegment scan(int segment, long version) {
        UniformRandomProvider rng = RandomStreams.forKeys(SEED, segment, version);
        double low = SEGMENTS.segmentLowGeV(segment);
        double step = (SEGMENTS.segmentHighGeV(segment) - low) / POINTS_PER_SEGMENT;
        List<MassPoint> points = new ArrayList<>();
        for (int i = 0; i < POINTS_PER_SEGMENT; i++) {
            double mass = low + (i + 0.5) * step;
            double limit = 2 + 20 * rng.nextDouble();
            double[] expected = {0.5 * limit, 0.7 * limit, limit, 1.4 * limit, 1.9 * limit};
            boolean failed = i == (int) (version % POINTS_PER_SEGMENT);
            points.add(ScanPublication.massPoint(new FitScan.Point(mass, CandidateBuilder.reducedMass(mass), 0.003,
                    MlpRange.of(mass), failed ? MassPointFit.Status.FAILED : MassPointFit.Status.CONVERGED,
                    rng.nextDouble() * 10 - 3, 2 + rng.nextDouble(), 100 * rng.nextDouble(), 3 * rng.nextDouble(),
                    failed ? Double.NaN : limit, expected, 50)));
        }
        List<SpectrumBin> spectrum = new ArrayList<>();
        int firstBin = (int) Math.ceil(CandidateBuilder.reducedMass(low) * PublishedSpectrum.BINS_PER_GEV);
        for (int b = firstBin; b < firstBin + 3; b++) {
            spectrum.add(SpectrumBin.newBuilder().setMlpRange(MlpRange.of(low).number()).setReducedMassLow(b / 100.0)
                    .setReducedMassHigh((b + 1) / 100.0).setEntries(1 + rng.nextInt(5)).build());
        }
        return ScanSegment.newBuilder().setAnalysisId(ANALYSIS).setCalibrationId("test").setSegment(segment).setVersion(version)
                .setCandidates(PublishedSpectrum.entries(spectrum)).setIntegratedLuminosity(0).setScanMillis(0)
                .setScanDurationMillis(1).setPoints(points).setHistogramEntries(40 + segment + version).setSpectrum(spectrum).build();
    }

    /** A model's conversion with the shipped sigma x B table and a flat-ish efficiency (B(mumu) set to 1 for the coupling). */
    private static ModelLimitConversion conversion(String model) {
        SignalCrossSectionTable table = SignalCrossSectionTable.shipped(model);
        double[] branching = new double[table.massesGeV().length];
        Arrays.fill(branching, 1.0);
        EfficiencyCurve efficiency = new EfficiencyCurve(model, "test", new double[] {0.2, 10.0}, new double[] {0.3, 0.5},
                new double[] {0.01, 0.01}, 1.0, 0.0);
        return new ModelLimitConversion(model, efficiency, new ModelTable(table, branching));
    }
}
