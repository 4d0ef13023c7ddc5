package org.fourmu.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.fourmu.avro.Event;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.TestEvents;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.RunEventCounter;
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

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        events = RegistryAvroSerde.forValues(Event.class, client);
        RegistryAvroSerde<DeadLetter> letters = RegistryAvroSerde.forValues(DeadLetter.class, client);
        metrics = new SearchMetrics(new SimpleMeterRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(SearchTopology.build(new SearchTopology.WireSerdes(events, letters), metrics), props);
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

        KeyValueStore<String, Long> store = driver.getKeyValueStore(SearchTopology.RUN_EVENTS_STORE);
        assertEquals(5L, store.get(RunEventCounter.runKey(26, 7)));
        assertEquals(1L, store.get(RunEventCounter.runKey(26, 8)));

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
    void nodeNamesAreStable() {
        var topology = SearchTopology.build(new SearchTopology.WireSerdes(events,
                RegistryAvroSerde.forValues(DeadLetter.class, new SchemaRegistryClient(registry.url()))), metrics);
        String text = topology.describe().toString();
        for (String name : new String[] {SearchTopology.EVENTS_SOURCE, SearchTopology.DECODE,
            SearchTopology.COUNT_RUN_EVENTS, SearchTopology.DEAD_LETTER_SINK, SearchTopology.RUN_EVENTS_STORE}) {
            assertTrue(text.contains(name), name + " missing from\n" + text);
        }
    }
}
