package org.fourmu.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import org.fourmu.topology.aggregation.CutFlowStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.HelixTrack;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fuzzing the decoder and the per-event chain, for a bounded number of records: random bytes, truncated
 * and bit-flipped Avro, foreign schema ids, and well-formed events with wild values (NaN, infinities,
 * negative and huge energies, thousands of tracks), and duplicated events. Every record is either processed or
 * dead-lettered with a reason, exactly once, and the stream never stops; each bad-input kind of issue 10
 * is also sent alone and must carry its own reason.
 */
class BadInputFuzzTest {

    @TempDir
    java.nio.file.Path stateDir;

    private static final int RECORDS = 1000;
    /** The run of the valid events sent between the bad ones: no fuzzed record is in it. */
    private static final int CLEAN_RUN = 99;

    private SchemaRegistryServer registry;
    private SchemaRegistryClient client;
    private SearchTopology.WireSerdes serdes;
    private SearchMetrics metrics;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<byte[], DeadLetter> letters;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        client = new SchemaRegistryClient(registry.url());
        serdes = SearchTopology.WireSerdes.of(client);
        metrics = new SearchMetrics(new SimpleMeterRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fuzz");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SearchTopology.build(SearchTopology.Analysis.paper(null, "fuzz"), serdes, metrics), props);
        input = driver.createInputTopic(Topics.EVENTS, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        letters = driver.createOutputTopic(Topics.DEAD_LETTER, Serdes.ByteArray().deserializer(), serdes.deadLetters().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    private byte[] encode(Event e) {
        return serdes.events().serializer().serialize(Topics.EVENTS, e);
    }

    private static Event event(int run, long number) {
        return EventMapper.toAvro(TestEvents.fourMuons(run, number));
    }

    private long accepted(int run) {
        KeyValueStore<String, long[]> counts = driver.getKeyValueStore(SearchTopology.CUT_FLOW_STORE);
        return CutFlowStore.Counts.of(counts.get(CutFlowStore.runKey(26, run))).accepted();
    }

    /** Each kind of bad input named in issue 10, with the reason its dead letter must carry. */
    enum BadInput {
        RANDOM_BYTES(DeadLetterReason.BAD_MAGIC_BYTE),
        SHORTER_THAN_THE_HEADER(DeadLetterReason.TRUNCATED),
        TRUNCATED_AVRO(DeadLetterReason.TRUNCATED),
        UNKNOWN_SCHEMA_ID(DeadLetterReason.UNKNOWN_SCHEMA_ID),
        WRONG_SCHEMA(DeadLetterReason.INCOMPATIBLE_SCHEMA),
        NAN_MOMENTUM(DeadLetterReason.INVALID_VALUE),
        INFINITE_CURVATURE(DeadLetterReason.INVALID_VALUE),
        HUGE_MOMENTUM(DeadLetterReason.INVALID_VALUE),
        HUGE_PHOTON_ENERGY(DeadLetterReason.INVALID_VALUE),
        THOUSANDS_OF_TRACKS(DeadLetterReason.TOO_MANY_TRACKS),
        NEGATIVE_PHOTON_ENERGY(DeadLetterReason.INVALID_VALUE),
        NEGATIVE_ECL_ENERGY(DeadLetterReason.INVALID_VALUE),
        DUPLICATED_EVENT(DeadLetterReason.DUPLICATE_EVENT);

        final DeadLetterReason reason;

        BadInput(DeadLetterReason reason) {
            this.reason = reason;
        }
    }

    private byte[] bad(BadInput kind) {
        byte[] valid = encode(event(CLEAN_RUN, 1000));
        Event e = event(5, 1);
        switch (kind) {
            case RANDOM_BYTES -> {
                byte[] b = new byte[64];
                new SplittableRandom(3).nextBytes(b);
                b[0] = 0x7f;
                return b;
            }
            case SHORTER_THAN_THE_HEADER -> {
                return java.util.Arrays.copyOf(valid, 3);
            }
            case TRUNCATED_AVRO -> {
                return java.util.Arrays.copyOf(valid, valid.length - 1);
            }
            case UNKNOWN_SCHEMA_ID -> {
                byte[] b = valid.clone();
                java.nio.ByteBuffer.wrap(b, 1, 4).putInt(987_654);
                return b;
            }
            case WRONG_SCHEMA -> {
                // a RunInfo, written with its own (registered) schema id, on the events topic
                return serdes.runs().serializer().serialize(Topics.RUNS, org.fourmu.avro.RunInfo.newBuilder().setExperiment(26)
                        .setRun(5).setState(org.fourmu.avro.RunState.RUNNING).setIntegratedLuminosity(1).setHerEnergy(7.004)
                        .setLerEnergy(4.002).setStartMillis(0).build());
            }
            case NAN_MOMENTUM -> e.getTracks().get(0).setPz(Double.NaN);
            case INFINITE_CURVATURE -> e.getTracks().get(1).setOmega(Double.NEGATIVE_INFINITY);
            case HUGE_MOMENTUM -> e.getTracks().get(2).setPx(1e300);
            case HUGE_PHOTON_ENERGY -> e.getPhotons().get(0).setEnergy(1e300);
            case THOUSANDS_OF_TRACKS -> {
                List<HelixTrack> many = new ArrayList<>();
                for (int k = 0; k < 3000; k++) {
                    many.add(HelixTrack.newBuilder(e.getTracks().get(k % 4)).build());
                }
                e.setTracks(many);
            }
            case NEGATIVE_PHOTON_ENERGY -> e.getPhotons().get(0).setEnergy(-0.3);
            case NEGATIVE_ECL_ENERGY -> e.getTracks().get(3).setEclEnergy(-0.2);
            case DUPLICATED_EVENT -> {
                input.pipeInput("26/5/1".getBytes(), encode(e)); // the original, accepted
                return encode(e);
            }
        }
        return encode(e);
    }

    @ParameterizedTest
    @EnumSource(BadInput.class)
    void shouldDeadLetterEachKindOfBadInputWithItsReasonAndGoOn(BadInput kind) {
        input.pipeInput("26/99/1".getBytes(), encode(event(CLEAN_RUN, 1)));
        byte[] value = bad(kind);
        long before = accepted(5);
        input.pipeInput("bad".getBytes(), value);
        input.pipeInput("26/99/2".getBytes(), encode(event(CLEAN_RUN, 2)));
        List<DeadLetter> dead = letters.readValuesToList();
        assertEquals(1, dead.size(), kind + ": one dead letter");
        DeadLetter letter = dead.get(0);
        assertEquals(kind.reason, letter.getReason(), kind + ": " + letter.getMessage());
        assertTrue(letter.getMessage().length() > 10, letter.getMessage());
        assertArrayEquals(value, bytes(letter.getOriginalValue()), "the original bytes are kept");
        assertEquals(Topics.EVENTS, letter.getSourceTopic());
        assertEquals(1.0, metrics.deadLetters(kind.reason), "fourmu_deadletters_total{reason=" + kind.reason + "}");
        assertEquals(before, accepted(5), "the bad record is not counted");
        assertEquals(2, accepted(CLEAN_RUN), "the good events around it are");
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /**
     * A seeded fuzz of a fixed number of records (not a wall-clock budget): every record is processed or
     * dead-lettered with a reason, exactly once; each dead letter carries the bytes sent at its offset;
     * the valid events sent between the fuzzed ones are all counted; nothing escapes the topology.
     */
    @Test
    void everyRecordIsProcessedOrDeadLetteredAndTheStreamGoesOn() {
        byte[] valid = encode(event(1, 0));
        SplittableRandom random = new SplittableRandom(20261129L);
        Map<Long, byte[]> sent = new HashMap<>();
        long offset = 0;
        int clean = 0;
        for (int i = 0; i < RECORDS; i++) {
            byte[] value = i % 2 == 0 ? mutatedBytes(valid, random) : encode(wildEvent(random, i));
            input.pipeInput(("k" + i).getBytes(), value);
            sent.put(offset++, value);
            if (i % 10 == 0) {
                input.pipeInput(("26/99/" + i).getBytes(), encode(event(CLEAN_RUN, i)));
                offset++;
                clean++;
            }
        }
        List<KeyValue<byte[], DeadLetter>> dead = letters.readKeyValuesToList();
        long processed = 0;
        KeyValueStore<String, long[]> counts = driver.getKeyValueStore(SearchTopology.CUT_FLOW_STORE);
        try (KeyValueIterator<String, long[]> it = counts.all()) {
            while (it.hasNext()) {
                processed += CutFlowStore.Counts.of(it.next().value).accepted();
            }
        }
        assertEquals(RECORDS + clean, (long) metrics.eventsIn());
        assertEquals(clean, accepted(CLEAN_RUN), "every valid event between the fuzzed ones is counted");
        // a record is dead-lettered at decoding (then not counted) or in the chain (after counting)
        long chainFailures = dead.stream().filter(kv -> kv.value.getReason() == DeadLetterReason.OTHER).count();
        assertEquals(RECORDS + clean, processed + dead.size() - chainFailures,
                "every record once: " + processed + " processed, " + dead.size() + " dead letters");
        double byReason = 0;
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            byReason += metrics.deadLetters(reason);
        }
        assertEquals(dead.size(), byReason, "each dead letter counted under its reason");
        for (KeyValue<byte[], DeadLetter> kv : dead) {
            assertTrue(kv.value.getMessage().length() > 0, "a reason for every dead letter");
            if (kv.value.getReason() == DeadLetterReason.OTHER) {
                continue; // a failure inside the chain: the record was decoded, its bytes are not at hand
            }
            assertArrayEquals(sent.get(kv.value.getOffset()), bytes(kv.value.getOriginalValue()),
                    "the dead letter of offset " + kv.value.getOffset() + " carries its bytes");
        }
        assertTrue(dead.size() > RECORDS / 3, "the fuzzer must produce bad records: " + dead.size());
        assertTrue(processed > RECORDS / 10, "and some that pass decoding: " + processed);
        // after all that, a good event still goes through
        input.pipeInput("good".getBytes(), encode(event(7, 1)));
        assertEquals(1L, CutFlowStore.Counts.of(counts.get("26/7")).accepted());
    }

    /** Random bytes, a truncation, bit flips in the body, or a foreign schema id. */
    private static byte[] mutatedBytes(byte[] valid, SplittableRandom r) {
        byte[] b;
        switch (r.nextInt(4)) {
            case 0 -> {
                b = new byte[r.nextInt(200)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) r.nextInt(256);
                }
                if (b.length > 0 && r.nextBoolean()) {
                    b[0] = 0; // magic byte right, the rest garbage
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(valid, r.nextInt(valid.length));
            case 2 -> {
                b = valid.clone();
                for (int flips = 1 + r.nextInt(8); flips > 0; flips--) {
                    int at = 5 + r.nextInt(b.length - 5);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
            }
            default -> {
                b = valid.clone();
                b[1 + r.nextInt(4)] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    private static final double[] WILD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0, -1e300,
        1e300, 0.0, Double.MIN_VALUE, 1e-300, 11.9};

    /** A schema-valid event with some fields replaced by wild values, or thousands of tracks or photons. */
    private static Event wildEvent(SplittableRandom r, int i) {
        Event e = event(1 + r.nextInt(3), i);
        switch (r.nextInt(6)) {
            case 0 -> {
                List<HelixTrack> many = new ArrayList<>();
                for (int k = 0; k < 1000 + r.nextInt(4000); k++) {
                    many.add(HelixTrack.newBuilder(e.getTracks().get(k % 4)).build());
                }
                e.setTracks(many);
            }
            case 1 -> {
                List<EclPhoton> photons = new ArrayList<>();
                for (int k = 0; k < 1 + r.nextInt(500); k++) {
                    photons.add(EclPhoton.newBuilder().setEnergy(pick(r)).setTheta(pick(r)).setPhi(pick(r)).build());
                }
                e.setPhotons(photons);
            }
            case 2 -> e.getTracks().get(r.nextInt(4)).setEclEnergy(pick(r));
            case 3 -> e.getTracks().get(r.nextInt(4)).setOmega(pick(r));
            case 4 -> e.getTracks().get(r.nextInt(4)).setPx(pick(r));
            default -> {
                // well-formed but odd: one track fewer, an odd charge sum: fails the selection, not the decoder
                e.setTracks(new ArrayList<>(e.getTracks().subList(0, 3)));
            }
        }
        return e;
    }

    private static double pick(SplittableRandom r) {
        return WILD[r.nextInt(WILD.length)];
    }
}
