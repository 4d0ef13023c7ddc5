package org.fourmu.topology.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A schema store kept in a compacted, single-partition Kafka topic, as Confluent's registry keeps
 * its own: every registration and configuration change is a record, and the state is rebuilt by
 * reading the topic from the start, so ids and versions survive restarts. One registry instance
 * writes to a topic at a time.
 */
public final class KafkaSchemaStore extends StateBackedSchemaStore {

    /** The registry's topic. */
    public static final String TOPIC = "_fourmu_schemas";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, String> producer;

    public KafkaSchemaStore(String bootstrapServers, Map<String, Object> clientOverrides) {
        Map<String, Object> common = new HashMap<>(clientOverrides);
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        createTopic(common);
        Map<String, Object> producerConfig = new HashMap<>(common);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        replay(common);
    }

    private static void createTopic(Map<String, Object> common) {
        try (Admin admin = Admin.create(common)) {
            NewTopic topic = new NewTopic(TOPIC, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the schema topic " + TOPIC + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot create the schema topic " + TOPIC + ": " + e, e);
        }
    }

    private void replay(Map<String, Object> common) {
        Map<String, Object> consumerConfig = new HashMap<>(common);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig,
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(Set.of(tp), TIMEOUT).get(tp);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(tp, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading the schema topic " + TOPIC);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        apply(r.value());
                    }
                }
            }
        }
    }

    private void apply(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n.has("compatibility")) {
                String subject = n.path("subject").asText("");
                state.applyCompatibility(subject.isEmpty() ? null : subject,
                        CompatibilityLevel.valueOf(n.get("compatibility").asText()));
            } else {
                state.apply(new RegisteredSchema(n.get("subject").asText(), n.get("version").asInt(),
                        n.get("id").asInt(), n.get("schema").asText()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable record in the schema topic " + TOPIC + ": " + e.getMessage(), e);
        }
    }

    private void write(String key, ObjectNode value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, key, value.toString())).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to the schema topic " + TOPIC + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized RegisteredSchema register(String subject, String canonicalSchema) {
        RegisteredSchema s = state.prepare(subject, canonicalSchema);
        if (!state.contains(s)) {
            ObjectNode value = JSON.createObjectNode()
                    .put("subject", s.subject()).put("version", s.version()).put("id", s.id()).put("schema", s.schema());
            write("schema:" + s.subject() + ":" + s.version(), value);
            state.apply(s);
        }
        return s;
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode value = JSON.createObjectNode().put("subject", subject == null ? "" : subject)
                .put("compatibility", level.name());
        write("config:" + (subject == null ? "" : subject), value);
        state.applyCompatibility(subject, level);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
