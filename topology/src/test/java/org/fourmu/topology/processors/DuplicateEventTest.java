package org.fourmu.topology.processors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.fourmu.topology.aggregation.CutFlowStore;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.selection.SelectionFixtures;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.TestEvents;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second copy of an event goes to the dead-letter topic as DUPLICATE_EVENT and fills nothing twice. */
class DuplicateEventTest {

    @TempDir
    java.nio.file.Path stateDir;

    private SchemaRegistryServer registry;
    private TopologyTestDriver driver;
    private SearchMetrics metrics;
    private SearchTopology.WireSerdes serdes;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;
    private TestOutputTopic<Integer, Candidate> candidates;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        serdes = SearchTopology.WireSerdes.of(new SchemaRegistryClient(registry.url()));
        metrics = new SearchMetrics(new SimpleMeterRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "duplicates");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SearchTopology.build(SearchTopology.Analysis.paper(null, "dup"), serdes, metrics), props);
        input = driver.createInputTopic(Topics.EVENTS, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, Serdes.ByteArray().deserializer(),
                serdes.deadLetters().deserializer());
        candidates = driver.createOutputTopic(Topics.CANDIDATES, Serdes.Integer().deserializer(),
                serdes.candidates().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    private void send(RecordedEvent e) {
        String key = e.experiment() + "/" + e.run() + "/" + e.eventNumber();
        input.pipeInput(key.getBytes(), serdes.events().serializer().serialize(Topics.EVENTS, EventMapper.toAvro(e)));
    }

    @Test
    void shouldDeadLetterTheSecondCopyOfAnEventAndNotFillItsCandidatesTwice() {
        List<org.fourmu.physics.kinematics.FourVector> muons = SelectionFixtures.muons(BeamConditions.NOMINAL.sqrtS(), 0, 3.0, 0.5);
        RecordedEvent clean = SelectionFixtures.event(SelectionFixtures.tracks(muons), List.of());
        send(clean);
        int once = candidates.readValuesToList().size();
        assertTrue(once >= 4, "the clean event gives candidates: " + once);
        send(clean);
        assertTrue(candidates.isEmpty(), "the copy gives no candidates");
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(1, letters.size());
        assertEquals(DeadLetterReason.DUPLICATE_EVENT, letters.get(0).getReason());
        assertTrue(letters.get(0).getMessage().contains("26/1/7"), letters.get(0).getMessage());
        assertTrue(letters.get(0).getOriginalValue().remaining() > 0, "the copy's bytes are kept");
        assertEquals(1.0, metrics.deadLetters(DeadLetterReason.DUPLICATE_EVENT));
        assertEquals(1L, accepted(CutFlowStore.runKey(26, 1)));
        assertEquals(2.0, metrics.eventsIn());
    }

    /** Same event number in another run or experiment is another event; the bit sets agree with a set of triples. */
    @Test
    void duplicatesAreExactlyTheRepeatedTriplesAcrossChunkBoundaries() {
        long[] numbers = {0, 1, 4095, 4096, 4097, 8191, 8192, 1L << 40, (1L << 40) + 4095, Long.MAX_VALUE};
        SplittableRandom random = new SplittableRandom(11);
        Set<String> reference = new HashSet<>();
        Map<String, Long> acceptedPerRun = new HashMap<>();
        long expectedDuplicates = 0;
        for (int i = 0; i < 3000; i++) {
            int experiment = 26 + random.nextInt(2);
            int run = 1 + random.nextInt(3);
            long number = random.nextInt(4) == 0 ? numbers[random.nextInt(numbers.length)] : random.nextLong(20_000);
            RecordedEvent e = TestEvents.fourMuons(run, number);
            e = new RecordedEvent(experiment, run, number, e.timeMillis(), e.tracks(), e.photons(), e.triggerBits(), e.mcTruth());
            send(e);
            if (reference.add(experiment + "/" + run + "/" + number)) {
                acceptedPerRun.merge(CutFlowStore.runKey(experiment, run), 1L, Long::sum);
            } else {
                expectedDuplicates++;
            }
        }
        assertTrue(expectedDuplicates > 200, "the sample has repeats: " + expectedDuplicates);
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(expectedDuplicates, letters.size());
        assertTrue(letters.stream().allMatch(l -> l.getReason() == DeadLetterReason.DUPLICATE_EVENT));
        assertEquals((double) expectedDuplicates, metrics.deadLetters(DeadLetterReason.DUPLICATE_EVENT));
        acceptedPerRun.forEach((run, n) -> assertEquals(n, accepted(run), run));
        KeyValueStore<String, byte[]> seen = driver.getKeyValueStore(SearchTopology.SEEN_EVENTS_STORE);
        assertEquals(512, SeenEventNumbers.CHUNK_BYTES, "4096 event numbers per chunk");
        for (int experiment = 26; experiment <= 27; experiment++) {
            for (int run = 1; run <= 3; run++) {
                for (long number : new long[] {0, 4096, 8192, 12288, 16384, 1L << 40, Long.MAX_VALUE}) {
                    byte[] chunk = seen.get(SeenEventNumbers.chunkKey(experiment, run, number));
                    long base = number >>> SeenEventNumbers.CHUNK_BITS << SeenEventNumbers.CHUNK_BITS;
                    int[] expected = new int[0];
                    for (int o = 0; o < 1 << SeenEventNumbers.CHUNK_BITS; o++) {
                        if (reference.contains(experiment + "/" + run + "/" + (base + o))) {
                            expected = java.util.Arrays.copyOf(expected, expected.length + 1);
                            expected[expected.length - 1] = o;
                        }
                    }
                    assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(SeenEventNumbers.offsets(chunk)),
                        experiment + "/" + run + "/" + number);
                }
            }
        }
    }

    @Test
    void aBadRecordDoesNotMarkItsEventSeen() {
        RecordedEvent good = TestEvents.fourMuons(3, 42);
        org.fourmu.avro.Event nan = EventMapper.toAvro(good);
        nan.getTracks().get(1).setPx(Double.NaN);
        input.pipeInput("26/3/42".getBytes(), serdes.events().serializer().serialize(Topics.EVENTS, nan));
        send(good);
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(1, letters.size());
        assertEquals(DeadLetterReason.INVALID_VALUE, letters.get(0).getReason(), "the corrupt copy, not the good one");
        assertEquals(1L, accepted(CutFlowStore.runKey(26, 3)));
    }

    /** The events of a run the decode step accepted, from the cut-flow store. */
    private long accepted(String run) {
        KeyValueStore<String, long[]> cutFlow = driver.getKeyValueStore(SearchTopology.CUT_FLOW_STORE);
        return CutFlowStore.Counts.of(cutFlow.get(run)).accepted();
    }
}
