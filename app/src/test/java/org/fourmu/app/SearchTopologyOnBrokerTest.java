package org.fourmu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.fourmu.topology.aggregation.CutFlowStore;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.Event;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.simulation.calibration.PidCalibration;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.generator.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology on a real broker with exactly-once: every good event counted once, every bad record dead-lettered. */
class SearchTopologyOnBrokerTest {

    @TempDir
    Path dir;

    @Test
    void countsEveryGoodEventOnceAndDeadLettersTheRest() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Topics.createMissing(admin, 3, (short) 1);
            }
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            RegistryAvroSerde<Event> events = RegistryAvroSerde.forValues(Event.class, client);
            int good = 60;
            var process = new SimulatedProcess(Processes.generator("mumumumu", 0, 0, 5), FastDetector.nominal(), 26, 3,
                    BeamConditions.NOMINAL, 5);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < good; i++) {
                    RecordedEvent e = process.event(i);
                    e = new RecordedEvent(e.experiment(), 3 + i % 2, e.eventNumber(), e.timeMillis(), e.tracks(), e.photons(),
                            e.triggerBits(), e.mcTruth());
                    producer.send(new ProducerRecord<>(Topics.EVENTS, ("e" + i).getBytes(),
                            events.serialize(Topics.EVENTS, EventMapper.toAvro(e))));
                }
                producer.send(new ProducerRecord<>(Topics.EVENTS, "junk".getBytes(), "not avro".getBytes()));
                producer.send(new ProducerRecord<>(Topics.EVENTS, "empty".getBytes(), new byte[0]));
            }
            SearchConfig config = SearchConfig.builder().bootstrapServers(kafka.bootstrapServers())
                    .schemaRegistryUrl(registry.url()).stateDir(dir.resolve("state")).build();
            var serdes = SearchTopology.WireSerdes.of(client);
            try (KafkaStreams streams = new KafkaStreams(SearchTopology.build(SearchTopology.Analysis.paper(
                    PidCalibration.build(FastDetector.nominal(), 5000, 1), "test").withScanInterval(java.time.Duration.ofSeconds(1)), serdes,
                    new SearchMetrics(new SimpleMeterRegistry())),
                    config.streamsProperties())) {
                streams.start();
                List<DeadLetter> letters = readDeadLetters(kafka.bootstrapServers(), client, 2);
                assertEquals(2, letters.size());
                assertTrue(letters.stream().allMatch(l -> l.getReason() == DeadLetterReason.TRUNCATED
                        || l.getReason() == DeadLetterReason.BAD_MAGIC_BYTE), letters.toString());
                long deadline = System.currentTimeMillis() + 60_000;
                long counted = 0;
                while (System.currentTimeMillis() < deadline) {
                    try {
                        // events are keyed by event, so a run's count is spread over the partitions: sum them
                        counted = 0;
                        for (int p = 0; p < 3; p++) {
                            ReadOnlyKeyValueStore<String, long[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                                    SearchTopology.CUT_FLOW_STORE, QueryableStoreTypes.<String, long[]>keyValueStore()).withPartition(p));
                            for (int run = 3; run <= 4; run++) {
                                counted += CutFlowStore.Counts.of(store.get(CutFlowStore.runKey(26, run))).accepted();
                            }
                        }
                        if (counted == good) {
                            break;
                        }
                    } catch (org.apache.kafka.streams.errors.InvalidStateStoreException notYet) {
                        // rebalancing
                    }
                    Thread.sleep(200);
                }
                assertEquals(good, counted);

                // ... and the candidates of those events end, through the segment scans, in a limit curve
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "limits",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
                    consumer.subscribe(List.of(Topics.LIMITS));
                    org.fourmu.avro.LimitCurve curve = null;
                    long until = System.currentTimeMillis() + 60_000;
                    while (curve == null && System.currentTimeMillis() < until) {
                        for (var r : consumer.poll(Duration.ofMillis(200))) {
                            curve = serdes.limits().deserializer().deserialize(Topics.LIMITS, r.value());
                        }
                    }
                    org.junit.jupiter.api.Assertions.assertNotNull(curve, "no limit curve on " + Topics.LIMITS);
                    assertTrue(curve.getFits() > 0 && curve.getCandidates() > 0, curve.getFits() + " fits, "
                            + curve.getCandidates() + " candidates");
                    assertEquals("live/test", curve.getAnalysisId());
                }
            }
        }
    }

    private static List<DeadLetter> readDeadLetters(String bootstrap, SchemaRegistryClient client, int expected) {
        List<DeadLetter> out = new ArrayList<>();
        RegistryAvroSerde<DeadLetter> serde = RegistryAvroSerde.forValues(DeadLetter.class, client);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "dl-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(serde.deserialize(Topics.DEAD_LETTER, r.value())));
            }
        }
        return out;
    }

}
