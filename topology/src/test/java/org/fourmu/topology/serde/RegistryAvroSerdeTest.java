package org.fourmu.topology.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.TestEvents;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistryAvroSerdeTest {

    private static SchemaRegistryServer server;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void start() {
        server = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        client = new SchemaRegistryClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void roundTripsAnEventInTheConfluentWireFormat() {
        RegistryAvroSerde<Event> serde = RegistryAvroSerde.forValues(Event.class, client);
        Event event = EventMapper.toAvro(TestEvents.fourMuons(3, 7));
        byte[] bytes = serde.serialize("fourmu.events", event);
        assertEquals(0, bytes[0]);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertEquals(client.latest("fourmu.events-value").id(), id);
        assertEquals(event, RegistryAvroSerde.forValues(Event.class, new SchemaRegistryClient(server.url()))
                .deserialize("fourmu.events", bytes));
    }

    @Test
    void randomBytesAreRejectedWithAReasonNotACrash() {
        RegistryAvroSerde<Event> serde = RegistryAvroSerde.forValues(Event.class, client);
        byte[] valid = serde.serialize("fourmu.events", EventMapper.toAvro(TestEvents.fourMuons(3, 7)));
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            if (i % 2 == 0 && noise.length >= 5) {
                System.arraycopy(valid, 0, noise, 0, 5);
            }
            try {
                serde.deserialize("fourmu.events", noise);
            } catch (RecordDecodingException expected) {
                // every failure must carry a reason code
                assertEquals(RecordDecodingException.class, expected.getClass());
            }
        }
    }

    @Test
    void poisonPillsGetTheirReasons() {
        RegistryAvroSerde<Event> serde = RegistryAvroSerde.forValues(Event.class, client);
        byte[] valid = serde.serialize("fourmu.events", EventMapper.toAvro(TestEvents.fourMuons(3, 7)));

        assertReason(DeadLetterReason.TRUNCATED, serde, new byte[] {0, 0});
        byte[] badMagic = valid.clone();
        badMagic[0] = 7;
        assertReason(DeadLetterReason.BAD_MAGIC_BYTE, serde, badMagic);
        assertReason(DeadLetterReason.TRUNCATED, serde, Arrays.copyOf(valid, valid.length / 2));
        byte[] unknownId = valid.clone();
        unknownId[4] = 99;
        assertReason(DeadLetterReason.UNKNOWN_SCHEMA_ID, serde, unknownId);

        RunInfo run = RunInfo.newBuilder().setExperiment(26).setRun(1).setState(RunState.RUNNING)
                .setIntegratedLuminosity(0.1).setHerEnergy(7.004).setLerEnergy(4.002).setStartMillis(0).build();
        byte[] runBytes = RegistryAvroSerde.forValues(RunInfo.class, client).serialize("fourmu.runs", run);
        assertReason(DeadLetterReason.INCOMPATIBLE_SCHEMA, serde, runBytes);
        assertArrayEquals(valid, serde.serialize("fourmu.events", serde.deserialize("fourmu.events", valid)));
    }

    @Test
    void theEventSerdeGivesTheGenericSerdesRecordsAndReasons() {
        RegistryAvroSerde<Event> generic = RegistryAvroSerde.forValues(Event.class, client);
        RegistryAvroSerde<Event> events = RegistryAvroSerde.forEvents(client);
        byte[] valid = events.serialize("fourmu.events", EventMapper.toAvro(TestEvents.fourMuons(3, 7)));
        assertEquals(generic.deserialize("fourmu.events", valid), events.deserialize("fourmu.events", valid));
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] damaged = random.nextBoolean() ? Arrays.copyOf(valid, 6 + random.nextInt(valid.length - 6)) : valid.clone();
            damaged[5 + random.nextInt(damaged.length - 5)] ^= (byte) (1 + random.nextInt(255));
            Object expected = decodeOrReason(generic, damaged);
            assertEquals(expected, decodeOrReason(events, damaged));
        }
    }

    private static Object decodeOrReason(RegistryAvroSerde<Event> serde, byte[] bytes) {
        try {
            return serde.deserialize("fourmu.events", bytes);
        } catch (RecordDecodingException e) {
            return e.reason();
        }
    }

    private static void assertReason(DeadLetterReason reason, RegistryAvroSerde<Event> serde, byte[] bytes) {
        RecordDecodingException e = assertThrows(RecordDecodingException.class, () -> serde.deserialize("fourmu.events", bytes));
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
