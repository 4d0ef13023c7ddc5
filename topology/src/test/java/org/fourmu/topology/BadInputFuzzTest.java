package org.fourmu.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
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
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.HelixTrack;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.TestEvents;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the decoder and the per-event chain, for a bounded number of records: random bytes, truncated
 * and bit-flipped Avro, foreign schema ids, and well-formed events with wild values (NaN, infinities,
 * negative and huge energies, thousands of tracks). Every record is either processed or dead-lettered
 * with a reason, exactly once, and the stream never stops.
 */
class BadInputFuzzTest {

    @TempDir
    java.nio.file.Path stateDir;

    private static final int RECORDS = 1000;

    @Test
    void everyRecordIsProcessedOrDeadLetteredAndTheStreamGoesOn() {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0)) {
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(new SchemaRegistryClient(registry.url()));
            SearchMetrics metrics = new SearchMetrics(new SimpleMeterRegistry());
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fuzz");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            try (TopologyTestDriver driver = new TopologyTestDriver(SearchTopology.build(
                    SearchTopology.Analysis.paper(null, "fuzz"), serdes, metrics), props)) {
                TestInputTopic<byte[], byte[]> input = driver.createInputTopic(Topics.EVENTS,
                        Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
                TestOutputTopic<byte[], DeadLetter> letters = driver.createOutputTopic(Topics.DEAD_LETTER,
                        Serdes.ByteArray().deserializer(), serdes.deadLetters().deserializer());
                byte[] valid = serdes.events().serializer().serialize(Topics.EVENTS, EventMapper.toAvro(TestEvents.fourMuons(1, 0)));
                SplittableRandom random = new SplittableRandom(20261129L);
                for (int i = 0; i < RECORDS; i++) {
                    byte[] value = i % 2 == 0 ? mutatedBytes(valid, random)
                            : serdes.events().serializer().serialize(Topics.EVENTS, wildEvent(random, i));
                    input.pipeInput(("k" + i).getBytes(), value);
                }
                List<KeyValue<byte[], DeadLetter>> dead = letters.readKeyValuesToList();
                long processed = 0;
                KeyValueStore<String, Long> counts = driver.getKeyValueStore(SearchTopology.RUN_EVENTS_STORE);
                try (KeyValueIterator<String, Long> it = counts.all()) {
                    while (it.hasNext()) {
                        processed += it.next().value;
                    }
                }
                assertEquals(RECORDS, (long) metrics.eventsIn());
                // a record is dead-lettered at decoding (then not counted) or in the chain (after counting)
                long chainFailures = dead.stream().filter(kv -> kv.value.getReason().toString().equals("OTHER")).count();
                assertEquals(RECORDS, processed + dead.size() - chainFailures,
                        "every record once: " + processed + " processed, " + dead.size() + " dead letters");
                for (KeyValue<byte[], DeadLetter> kv : dead) {
                    assertTrue(kv.value.getMessage().length() > 0, "a reason for every dead letter");
                }
                assertTrue(dead.size() > RECORDS / 3, "the fuzzer must produce bad records: " + dead.size());
                assertTrue(processed > RECORDS / 10, "and some that pass decoding: " + processed);
                // after all that, a good event still goes through
                input.pipeInput("good".getBytes(), serdes.events().serializer().serialize(Topics.EVENTS,
                        EventMapper.toAvro(TestEvents.fourMuons(7, 1))));
                assertEquals(1L, counts.get("26/7"));
            }
        }
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
        Event e = EventMapper.toAvro(TestEvents.fourMuons(1 + r.nextInt(3), i));
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
