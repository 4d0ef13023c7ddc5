package org.fourmu.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.avro.Event;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateToTopicTest {

    @TempDir
    Path dir;

    @Test
    void simulatedEventsArriveOnTheTopicInTheWireFormat() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("sim.events", 1, (short) 1))).all().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            int code = new CommandLine(new SimulateCommand()).execute("--process", "mumu", "--events", "300", "--seed", "4",
                    "--topic", "sim.events", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--schema-registry-url", registry.url());
            assertEquals(0, code);
            List<Event> events = new ArrayList<>();
            try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "t",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    RegistryAvroSerde.forValues(Event.class, new SchemaRegistryClient(registry.url())))) {
                consumer.subscribe(List.of("sim.events"));
                long deadline = System.currentTimeMillis() + 30_000;
                while (events.size() < 300 && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                }
            }
            assertEquals(300, events.size());
            assertEquals(299L, events.stream().mapToLong(Event::getEventNumber).max().orElseThrow());
        }
    }

    @Test
    void topicWithoutClusterIsABadOption() {
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        int code = cl.execute("--process", "mumu", "--events", "10", "--topic", "x");
        assertEquals(1, code);
    }
}
