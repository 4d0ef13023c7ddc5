package org.fourmu.topology.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.Event;
import org.fourmu.avro.JpsiFitStatus;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.ScanSegment;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.selection.SelectionFixtures;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.RunsStoreVersion;
import org.fourmu.topology.processors.SelectEventsProcessor;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The J/psi monitor's path: per-task partial histograms -> fourmu.jpsi.partials -> one fit per run on fourmu.jpsi
 * -> every instance's gauges. The fit is that of the run's pairs however they are spread over tasks.
 */
class JpsiRunFitterTest {

    private static final double SIGMA_GEV = 0.010;

    private SchemaRegistryServer registry;
    private RegistryAvroSerde<Event> eventSerde;
    private RegistryAvroSerde<JpsiRunFit> fitSerde;
    private SearchTopology.WireSerdes serdes;
    private final List<TopologyTestDriver> drivers = new ArrayList<>();
    @TempDir
    java.nio.file.Path stateDir;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        eventSerde = RegistryAvroSerde.forValues(Event.class, client);
        fitSerde = RegistryAvroSerde.forValues(JpsiRunFit.class, client);
        serdes = new SearchTopology.WireSerdes(eventSerde, RegistryAvroSerde.forValues(DeadLetter.class, client),
                RegistryAvroSerde.forValues(org.fourmu.avro.Candidate.class, client), RegistryAvroSerde.forValues(RunInfo.class, client),
                RegistryAvroSerde.forValues(ScanSegment.class, client), RegistryAvroSerde.forValues(LimitCurve.class, client), fitSerde);
    }

    @AfterEach
    void stop() {
        drivers.forEach(TopologyTestDriver::close);
        registry.close();
    }

    private TopologyTestDriver driver(SearchMetrics metrics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "jpsi-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("driver-" + drivers.size()).toString());
        TopologyTestDriver d = new TopologyTestDriver(SearchTopology.build(SearchTopology.Analysis.paper(null, "test"), serdes,
                metrics), props, Instant.ofEpochMilli(1_000_000));
        drivers.add(d);
        return d;
    }

    /** A toy run: a Gaussian J/psi (PDG mass, 10 MeV resolution) on a flat background, pair by pair. */
    private static double[] toyPairMasses(int signal, int background) {
        UniformRandomProvider rng = RandomStreams.forKeys(2026, 443);
        var gauss = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), PhysicalConstants.JPSI_MASS_GEV,
                SIGMA_GEV);
        double[] out = new double[signal + background];
        for (int i = 0; i < out.length; i++) {
            out[i] = i < signal ? gauss.sample() : JpsiPeakFit.LOW_GEV + (JpsiPeakFit.HIGH_GEV - JpsiPeakFit.LOW_GEV) * rng.nextDouble();
        }
        return out;
    }

    /** The masses in {@code tasks} partials (pair i to task i mod tasks), as each task would publish them. */
    private static List<JpsiPartial> partials(double[] masses, int tasks, long candidates) {
        List<Histogram> h = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            h.add(JpsiPeakFit.histogram());
        }
        for (int i = 0; i < masses.length; i++) {
            h.get(i % tasks).fill(masses[i]);
        }
        List<JpsiPartial> out = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            long[] counts = new long[JpsiPeakFit.BINS];
            for (int b = 0; b < counts.length; b++) {
                counts[b] = h.get(t).count(b);
            }
            out.add(new JpsiPartial(26, 7, t, t == 0 ? candidates : 0, counts));
        }
        return out;
    }

    /** Pipes the partials into a fresh topology; returns the last fit published for the run. */
    private JpsiRunFit publish(List<JpsiPartial> partials, SearchMetrics metrics) {
        TopologyTestDriver d = driver(metrics);
        TestInputTopic<String, long[]> in = d.createInputTopic(Topics.JPSI_PARTIALS, Serdes.String().serializer(),
                LongArraySerde.serde().serializer(), Instant.ofEpochMilli(1_010_000), Duration.ZERO);
        for (JpsiPartial p : partials) {
            in.pipeInput(p.key(), p.toArray());
        }
        TestOutputTopic<String, JpsiRunFit> out = d.createOutputTopic(Topics.JPSI, Serdes.String().deserializer(), fitSerde);
        List<JpsiRunFit> fits = out.readValuesToList();
        assertEquals(partials.size(), fits.size(), "one fit per changed partial");
        // the same partials again (a task republishing after a restart): nothing changes, nothing is published
        for (JpsiPartial p : partials) {
            in.pipeInput(p.key(), p.toArray());
        }
        assertTrue(out.isEmpty());
        return fits.get(fits.size() - 1);
    }

    @Test
    void fitOfAToyJpsiFindsItsMassAndWidthWhetherThePairsCameFromOneTaskOrThree() {
        double[] masses = toyPairMasses(3000, 3000);
        SearchMetrics oneTaskMetrics = new SearchMetrics(new SimpleMeterRegistry());
        JpsiRunFit one = publish(partials(masses, 1, 42), oneTaskMetrics);
        JpsiRunFit three = publish(partials(masses, 3, 42), new SearchMetrics(new SimpleMeterRegistry()));

        assertEquals(JpsiFitStatus.CONVERGED, one.getStatus());
        assertEquals(6000, one.getPairs());
        assertEquals(42, one.getCandidates());
        assertEquals(1, one.getSourceTasks());
        assertEquals(3, three.getSourceTasks());
        three.setSourceTasks(1);
        assertEquals(one, three, "the same pairs give the same published fit however they are spread over tasks");

        assertEquals(PhysicalConstants.JPSI_MASS_GEV, one.getMassGeV(), 3 * one.getMassErrorGeV());
        assertEquals(SIGMA_GEV, one.getWidthGeV(), 3 * one.getWidthErrorGeV());
        assertEquals(3000, one.getSignalYield(), 3 * one.getSignalYieldError());
        // the mass error of a Gaussian peak on little background: about sigma / sqrt(N)
        assertEquals(SIGMA_GEV / Math.sqrt(3000), one.getMassErrorGeV(), 0.25 * SIGMA_GEV / Math.sqrt(3000));

        // the fit reached the gauges through the global store
        assertEquals(7, oneTaskMetrics.jpsi().latest().run());
        assertEquals(one.getMassGeV(), oneTaskMetrics.jpsi().latest().fit().massGeV());
    }

    /** Clean four-muon events of run 26/1 whose first pair has a mass drawn from a 10 MeV J/psi peak. */
    private static List<RecordedEvent> jpsiEvents(int n) {
        UniformRandomProvider rng = RandomStreams.forKeys(2026, 444);
        var gauss = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), PhysicalConstants.JPSI_MASS_GEV,
                SIGMA_GEV);
        List<RecordedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordedEvent e = SelectionFixtures.event(SelectionFixtures.tracks(
                    SelectionFixtures.muons(BeamConditions.NOMINAL.sqrtS(), 0, gauss.sample(), 1.0)), List.of());
            out.add(new RecordedEvent(e.experiment(), e.run(), i, e.timeMillis(), e.tracks(), e.photons(), e.triggerBits(),
                    e.mcTruth()));
        }
        return out;
    }

    /** The partials that {@code tasks} select tasks publish for the events, event i in task i mod tasks. */
    private static List<JpsiPartial> selectTasks(List<RecordedEvent> events, int tasks) {
        SearchTopology.Analysis analysis = SearchTopology.Analysis.paper(null, "test");
        SearchMetrics metrics = new SearchMetrics(new SimpleMeterRegistry());
        List<JpsiPartial> out = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            MockProcessorContext<Object, Object> context = new MockProcessorContext<>(new Properties(), new TaskId(0, t),
                    null);
            for (String name : List.of(SearchTopology.CUT_FLOW_STORE, SearchTopology.JPSI_HISTOGRAMS_STORE)) {
                KeyValueStore<String, long[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                        Serdes.String(), LongArraySerde.serde()).withLoggingDisabled().build();
                store.init(context.getStateStoreContext(), store);
                context.addStateStore(store);
            }
            KeyValueStore<String, RunInfo> runs = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SearchTopology.RUNS_STORE),
                    Serdes.String(), Serdes.serdeFrom((topic, v) -> new byte[0], (topic, b) -> (RunInfo) null))
                    .withLoggingDisabled().build();
            runs.init(context.getStateStoreContext(), runs);
            context.addStateStore(runs);
            SelectEventsProcessor select = new SelectEventsProcessor(analysis.selection(), null, metrics, analysis.segments(),
                    SearchTopology.RUNS_STORE, new RunsStoreVersion(), SearchTopology.CUT_FLOW_STORE,
                    SearchTopology.JPSI_HISTOGRAMS_STORE, "test", SearchTopology.CANDIDATES_SINK, SearchTopology.DEAD_LETTER_SINK,
                    SearchTopology.JPSI_PARTIALS_SINK);
            select.init(context);
            for (int i = t; i < events.size(); i += tasks) {
                select.process(new Record<>(null, events.get(i), 0));
            }
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(1_010_000);
            for (MockProcessorContext.CapturedForward<?, ?> f : context.forwarded()) {
                if (SearchTopology.JPSI_PARTIALS_SINK.equals(f.childName().orElse(null))) {
                    out.add(JpsiPartial.of((long[]) f.record().value()));
                }
            }
        }
        return out;
    }

    @Test
    void eventsSpreadOverOneOrThreeSelectTasksGiveTheSameFit() {
        List<RecordedEvent> events = jpsiEvents(600);
        List<JpsiPartial> one = selectTasks(events, 1);
        List<JpsiPartial> three = selectTasks(events, 3);
        assertEquals(1, one.size());
        assertEquals(3, three.size());
        long pairs = three.stream().mapToLong(JpsiPartial::pairs).sum();
        assertEquals(one.get(0).pairs(), pairs);
        assertTrue(pairs >= events.size(), "each event's J/psi pair is in the window");
        assertEquals(4L * events.size(), one.get(0).candidates(), "clean events: four candidates each");

        JpsiRunFit fitOne = publish(one, new SearchMetrics(new SimpleMeterRegistry()));
        JpsiRunFit fitThree = publish(three, new SearchMetrics(new SimpleMeterRegistry()));
        fitThree.setSourceTasks(1);
        assertEquals(fitOne, fitThree);
        assertEquals(JpsiFitStatus.CONVERGED, fitOne.getStatus());
        assertEquals(PhysicalConstants.JPSI_MASS_GEV, fitOne.getMassGeV(), 3 * fitOne.getMassErrorGeV());
        assertEquals(SIGMA_GEV, fitOne.getWidthGeV(), 3 * fitOne.getWidthErrorGeV());
    }

    @Test
    void duplicatesAndDeadLettersFillNothing() {
        TopologyTestDriver d = driver(new SearchMetrics(new SimpleMeterRegistry()));
        TestInputTopic<byte[], byte[]> in = d.createInputTopic(Topics.EVENTS, Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        TestOutputTopic<String, JpsiRunFit> out = d.createOutputTopic(Topics.JPSI, Serdes.String().deserializer(), fitSerde);
        RecordedEvent e = jpsiEvents(1).get(0);
        byte[] bytes = eventSerde.serialize(Topics.EVENTS, EventMapper.toAvro(e));
        in.pipeInput("k".getBytes(), bytes);
        d.advanceWallClockTime(SelectEventsProcessor.JPSI_PUBLISH_INTERVAL);
        JpsiRunFit first = out.readValuesToList().get(0);
        assertTrue(first.getPairs() >= 1);
        assertEquals(JpsiFitStatus.TOO_FEW_ENTRIES, first.getStatus());

        in.pipeInput("k".getBytes(), bytes); // the same event again: a duplicate, dropped before the selection
        Event nan = EventMapper.toAvro(jpsiEvents(2).get(1));
        nan.getTracks().get(0).setPz(Double.NaN); // invalid: dead-lettered
        in.pipeInput("bad".getBytes(), eventSerde.serialize(Topics.EVENTS, nan));
        in.pipeInput("bad".getBytes(), new byte[] {1, 2, 3});
        d.advanceWallClockTime(SelectEventsProcessor.JPSI_PUBLISH_INTERVAL);
        assertTrue(out.isEmpty(), "no run changed: nothing published");
        KeyValueStore<String, long[]> histograms = d.getKeyValueStore(SearchTopology.JPSI_HISTOGRAMS_STORE);
        long[] counts = histograms.get(CutFlowStore.runKey(26, 1));
        long pairs = 0;
        for (long c : counts) {
            pairs += c;
        }
        assertEquals(first.getPairs(), pairs);
        assertFalse(d.createOutputTopic(Topics.DEAD_LETTER, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
                .isEmpty());
    }
}
