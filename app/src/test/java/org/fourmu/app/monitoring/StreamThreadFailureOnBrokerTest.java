package org.fourmu.app.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.metrics.StreamThreadFailureHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker, a record that kills the stream thread is seen by the monitoring as the alert rules
 * expect: {@code fourmu_stream_thread_failed_total} goes to 1 and {@code fourmu_streams_state} from 1 to 0.
 */
class StreamThreadFailureOnBrokerTest {

    private static final String TOPIC = "poison-test";

    @TempDir
    Path dir;

    @Test
    void deadStreamThreadIsCountedAndTheStateGaugeDrops() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(TOPIC, Consumed.with(Serdes.String(), Serdes.String())).foreach((k, v) -> {
                if (v.equals("poison")) {
                    throw new IllegalStateException("a bug in a processor");
                }
            });
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "thread-failure-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
            props.put("consumer.auto.offset.reset", "earliest");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SearchMetrics metrics = new SearchMetrics(registry);
            try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
                streams.setUncaughtExceptionHandler(new StreamThreadFailureHandler(metrics));
                metrics.bindStreamsState(streams::state);
                streams.start();
                awaitState(registry, 1.0, Duration.ofSeconds(60));
                assertEquals(0.0, metrics.streamThreadsFailed());
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(TOPIC, "k", "poison")).get();
                }
                awaitState(registry, 0.0, Duration.ofSeconds(60));
                assertTrue(streams.state() == KafkaStreams.State.PENDING_ERROR || streams.state() == KafkaStreams.State.ERROR,
                        streams.state().name());
                assertEquals(1.0, metrics.streamThreadsFailed());
            }
        }
    }

    private static void awaitState(SimpleMeterRegistry registry, double value, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double seen = Double.NaN;
        while (System.nanoTime() < deadline) {
            seen = registry.get("fourmu.streams.state").gauge().value();
            if (seen == value) {
                return;
            }
            Thread.sleep(100);
        }
        assertTrue(false, "fourmu.streams.state stayed " + seen + ", expected " + value);
    }
}
