package org.fourmu.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.fourmu.topology.aggregation.CutFlowStore;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.ScanSegment;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.selection.SelectionFixtures;
import org.fourmu.physics.selection.Stage;
import org.fourmu.topology.processors.MassSegments;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.TestEvents;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchTopologyTest {

    private SchemaRegistryServer registry;
    private TopologyTestDriver driver;
    private SearchMetrics metrics;
    private RegistryAvroSerde<Event> events;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;
    private TestInputTopic<String, byte[]> runs;
    private TestOutputTopic<Integer, Candidate> candidates;
    private RegistryAvroSerde<Candidate> candidateSerde;
    private RegistryAvroSerde<RunInfo> runSerde;
    private RegistryAvroSerde<LimitCurve> limitSerde;
    private TestOutputTopic<String, LimitCurve> limits;
    private SearchTopology.WireSerdes serdes;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        events = RegistryAvroSerde.forValues(Event.class, client);
        RegistryAvroSerde<DeadLetter> letters = RegistryAvroSerde.forValues(DeadLetter.class, client);
        candidateSerde = RegistryAvroSerde.forValues(Candidate.class, client);
        runSerde = RegistryAvroSerde.forValues(RunInfo.class, client);
        limitSerde = RegistryAvroSerde.forValues(LimitCurve.class, client);
        serdes = new SearchTopology.WireSerdes(events, letters, candidateSerde, runSerde,
                RegistryAvroSerde.forValues(ScanSegment.class, client), limitSerde,
                RegistryAvroSerde.forValues(org.fourmu.avro.JpsiRunFit.class, client));
        metrics = new SearchMetrics(new SimpleMeterRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(SearchTopology.build(SearchTopology.Analysis.paper(null, "test-calibration"), serdes,
                metrics), props);
        runs = driver.createInputTopic(Topics.RUNS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        candidates = driver.createOutputTopic(Topics.CANDIDATES, Serdes.Integer().deserializer(), candidateSerde);
        limits = driver.createOutputTopic(Topics.LIMITS, Serdes.String().deserializer(), limitSerde);
        input = driver.createInputTopic(Topics.EVENTS, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, Serdes.ByteArray().deserializer(), letters);
    }

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void countsGoodEventsPerRunAndDeadLettersBadOnesWithReason() {
        for (int i = 0; i < 5; i++) {
            input.pipeInput("k".getBytes(), events.serialize(Topics.EVENTS, EventMapper.toAvro(TestEvents.fourMuons(7, i))));
        }
        input.pipeInput("k".getBytes(), events.serialize(Topics.EVENTS, EventMapper.toAvro(TestEvents.fourMuons(8, 0))));
        Event nan = EventMapper.toAvro(TestEvents.fourMuons(7, 99));
        nan.getTracks().get(0).setPz(Double.NaN);
        input.pipeInput("bad1".getBytes(), events.serialize(Topics.EVENTS, nan));
        input.pipeInput("bad2".getBytes(), new byte[] {1, 2, 3, 4, 5, 6});

        KeyValueStore<String, long[]> store = driver.getKeyValueStore(SearchTopology.CUT_FLOW_STORE);
        assertEquals(5L, CutFlowStore.Counts.of(store.get(CutFlowStore.runKey(26, 7))).accepted());
        assertEquals(1L, CutFlowStore.Counts.of(store.get(CutFlowStore.runKey(26, 8))).accepted());

        DeadLetter first = deadLetters.readValue();
        assertEquals(DeadLetterReason.INVALID_VALUE, first.getReason());
        assertTrue(first.getMessage().contains("track 0"), first.getMessage());
        DeadLetter second = deadLetters.readValue();
        assertEquals(DeadLetterReason.BAD_MAGIC_BYTE, second.getReason());
        assertEquals(6, second.getOriginalValue().remaining());
        assertTrue(deadLetters.isEmpty());
        assertEquals(8.0, metrics.eventsIn());
        assertEquals(1.0, metrics.deadLetters(DeadLetterReason.BAD_MAGIC_BYTE));
    }

    @Test
    void cleanFourMuonEventGivesFourCandidatesKeyedByMassSegmentWithTheRunsBeams() {
        RunInfo run = RunInfo.newBuilder().setExperiment(26).setRun(1).setState(RunState.RUNNING)
                .setIntegratedLuminosity(0.5).setHerEnergy(BeamConditions.NOMINAL.herEnergyGeV())
                .setLerEnergy(BeamConditions.NOMINAL.lerEnergyGeV()).setStartMillis(0).build();
        runs.pipeInput("26/1", runSerde.serialize(Topics.RUNS, run));
        List<FourVector> muons = SelectionFixtures.muons(BeamConditions.NOMINAL.sqrtS(), 0, 3.0, 0.5);
        RecordedEvent clean = SelectionFixtures.event(SelectionFixtures.tracks(muons), List.of());
        input.pipeInput("k".getBytes(), events.serialize(Topics.EVENTS, EventMapper.toAvro(clean)));
        List<KeyValue<Integer, Candidate>> out = candidates.readKeyValuesToList();
        assertEquals(4, out.stream().map(kv -> kv.value.getPairIndex()).distinct().count());
        MassSegments segments = MassSegments.DEFAULT;
        boolean found = false;
        for (KeyValue<Integer, Candidate> kv : out) {
            assertTrue(segments.segmentsNeeding(kv.value.getMass()).contains(kv.key));
            assertEquals(16, kv.value.getFeatures().size());
            assertEquals("test-calibration", kv.value.getCalibrationId());
            found |= Math.abs(kv.value.getMass() - 3.0) < 1e-6;
        }
        assertTrue(found, "the generated 3 GeV pair is a candidate");
        assertEquals(1.0, metrics.cutFlowPassed(Stage.KINFIT));
        assertEquals(0.0, metrics.deadLetters(DeadLetterReason.OTHER));
        assertEquals(0.0, metrics.unknownRunCount());
        assertEquals(1.0, metrics.triggerAgreement(true) + metrics.triggerAgreement(false),
                "an event with recorded trigger bits is compared with the emulation");
    }

    @Test
    void eventFailingTheSelectionIsCountedAtItsStage() {
        input.pipeInput("k".getBytes(), events.serialize(Topics.EVENTS, EventMapper.toAvro(TestEvents.fourMuons(7, 1))));
        assertTrue(candidates.isEmpty());
        assertEquals(1.0, metrics.cutFlowFailed(Stage.M4MU) + metrics.cutFlowFailed(Stage.TRIGGER)
                + metrics.cutFlowFailed(Stage.MUON_ID), "fails one of the early stages");
    }

    @Test
    void wallClockPunctuationPublishesLimitsIdenticalToTheBatchScan() {
        RunInfo run = RunInfo.newBuilder().setExperiment(26).setRun(1).setState(RunState.RUNNING)
                .setIntegratedLuminosity(2.0).setHerEnergy(BeamConditions.NOMINAL.herEnergyGeV())
                .setLerEnergy(BeamConditions.NOMINAL.lerEnergyGeV()).setStartMillis(0).setEvents(300).build();
        runs.pipeInput("26/1", runSerde.serialize(Topics.RUNS, run));
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 300; i++) {
            double m1 = 4.9 + 0.6 * random.nextDouble();
            List<FourVector> muons = SelectionFixtures.muons(BeamConditions.NOMINAL.sqrtS(), 0.05 * random.nextDouble(), m1,
                    0.3 + 0.4 * random.nextDouble());
            RecordedEvent e = SelectionFixtures.event(SelectionFixtures.tracks(muons), List.of());
            e = new RecordedEvent(26, 1, i, 0, e.tracks(), e.photons(), e.triggerBits(), e.mcTruth());
            input.pipeInput(("e" + i).getBytes(), events.serialize(Topics.EVENTS, EventMapper.toAvro(e)));
        }
        // the batch path: the same candidates, each once, in one histogram per MLP range
        java.util.Map<Integer, org.fourmu.physics.spectrum.Histogram> batch = new java.util.HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (KeyValue<Integer, Candidate> kv : candidates.readKeyValuesToList()) {
            Candidate c = kv.value;
            if (seen.add(c.getEventNumber() + "/" + c.getPairIndex())) {
                batch.computeIfAbsent(c.getMlpRange(), r -> org.fourmu.physics.spectrum.Histogram.reducedMass()).fill(c.getReducedMass());
            }
        }
        assertTrue(limits.isEmpty(), "nothing before the punctuation");
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(6));
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(6));
        List<LimitCurve> curves = limits.readValuesToList();
        assertTrue(!curves.isEmpty(), "a limit curve after the scan interval");
        LimitCurve curve = curves.get(curves.size() - 1);
        assertEquals(2.0, curve.getIntegratedLuminosity(), 1e-12);
        assertTrue(curve.getFits() > 100, "fits: " + curve.getFits());
        long failed = curve.getPoints().stream().filter(p -> p.getFitStatus().equals("FAILED")).count();
        assertTrue(failed < 0.02 * curve.getFits(), failed + " of " + curve.getFits() + " fits did not converge: "
                + curve.getPoints().stream().filter(p -> p.getFitStatus().equals("FAILED")).map(p -> p.getMass() + ":" + p.getFitStatus()).limit(5).toList());
        var scan = org.fourmu.physics.fit.FitScan.paper(org.fourmu.physics.fit.SignalShapeModel.paperDefault());
        List<Double> masses = curve.getPoints().stream().map(org.fourmu.avro.MassPoint::getMass).toList();
        List<org.fourmu.physics.fit.FitScan.Point> expected = scan.scan(masses,
                r -> batch.getOrDefault(r, org.fourmu.physics.spectrum.Histogram.reducedMass()), false);
        for (int i = 0; i < masses.size(); i++) {
            var streamed = curve.getPoints().get(i);
            assertEquals(expected.get(i).status().name(), streamed.getFitStatus());
            assertSameNumber(expected.get(i).signalYield(), streamed.getSignalYield());
            assertSameNumber(expected.get(i).yieldUpperLimit(), streamed.getYieldUpperLimit());
            assertSameNumber(expected.get(i).localSignificance(), streamed.getLocalSignificance());
        }
        assertTrue(metrics.scanFits() >= curve.getFits());
    }

    /** Equal to 1e-9 relative, or both NaN (a fit that failed in both paths). */
    private static void assertSameNumber(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            assertEquals(Double.isNaN(expected), Double.isNaN(actual), "one path NaN: " + expected + " vs " + actual);
        } else {
            assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)));
        }
    }

    @Test
    void nodeNamesAreStable() {
        var topology = SearchTopology.build(SearchTopology.Analysis.paper(null, "x"), serdes, metrics);
        String text = topology.describe().toString();
        for (String name : new String[] {SearchTopology.EVENTS_SOURCE, SearchTopology.DECODE,
            SearchTopology.SELECT, SearchTopology.CANDIDATES_SINK, SearchTopology.CUT_FLOW_STORE,
            SearchTopology.DEAD_LETTER_SINK, SearchTopology.SEEN_EVENTS_STORE, SearchTopology.RUNS_STORE,
            SearchTopology.RUNS_SOURCE, SearchTopology.RUNS_UPDATE}) {
            assertTrue(text.contains(name), name + " missing from\n" + text);
        }
    }
}
