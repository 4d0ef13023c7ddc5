package org.fourmu.topology;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.fourmu.topology.security.KafkaClientProperties;

/**
 * The one configuration object of the search application: where Kafka and the registry are, and
 * how the Streams application runs. Built by {@link #builder()}; converted to Streams properties
 * by {@link #streamsProperties()}.
 */
public record SearchConfig(String applicationId,
                           String bootstrapServers,
                           String schemaRegistryUrl,
                           Path stateDir,
                           int partitions,
                           int streamThreads,
                           String processingGuarantee,
                           long commitIntervalMs,
                           String applicationServer,
                           int sessionTimeoutMs, KafkaClientProperties kafkaClient, Map<String, String> overrides) {

    public static final String DEFAULT_APPLICATION_ID = "fourmu-search";

    public SearchConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(kafkaClient, "kafkaClient");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("stream threads must be at least 1, got " + streamThreads);
        }
        if (!processingGuarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) && !processingGuarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new IllegalArgumentException("processing guarantee must be exactly_once_v2 or at_least_once, got " + processingGuarantee);
        }
        overrides = Map.copyOf(overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Kafka Streams properties of this configuration. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams 4.3's partition assignor reads a StreamsConfig of its own from the main consumer's properties,
        // which warns at every start that the handler is off for the global thread unless it is set there too.
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        if (applicationServer != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        if (sessionTimeoutMs > 0) {
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionTimeoutMs);
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), sessionTimeoutMs / 3);
        }
        // Streams hands unprefixed security settings to its producer, consumers and admin alike.
        kafkaClient.addTo(p);
        p.putAll(overrides);
        return p;
    }

    /** Builder with the defaults of the embedded demo. */
    public static final class Builder {
        private String applicationId = DEFAULT_APPLICATION_ID;
        private String bootstrapServers = "127.0.0.1:9092";
        private String schemaRegistryUrl = "http://127.0.0.1:8081";
        private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "fourmu-streams");
        private int partitions = 3;
        private int streamThreads = 1;
        private String processingGuarantee = StreamsConfig.EXACTLY_ONCE_V2;
        private long commitIntervalMs = 1000;
        private String applicationServer;
        private int sessionTimeoutMs;
        private KafkaClientProperties kafkaClient = KafkaClientProperties.none();
        private final Map<String, String> overrides = new LinkedHashMap<>();

        public Builder applicationId(String v) {
            applicationId = v;
            return this;
        }

        public Builder bootstrapServers(String v) {
            bootstrapServers = v;
            return this;
        }

        public Builder schemaRegistryUrl(String v) {
            schemaRegistryUrl = v;
            return this;
        }

        public Builder stateDir(Path v) {
            stateDir = v;
            return this;
        }

        public Builder partitions(int v) {
            partitions = v;
            return this;
        }

        public Builder streamThreads(int v) {
            streamThreads = v;
            return this;
        }

        public Builder processingGuarantee(String v) {
            processingGuarantee = v;
            return this;
        }

        public Builder commitIntervalMs(long v) {
            commitIntervalMs = v;
            return this;
        }

        /** host:port where this instance serves interactive queries; other instances forward to it. */
        public Builder applicationServer(String v) {
            applicationServer = v;
            return this;
        }

        /**
         * How long the group waits for a silent instance (killed, cut off) before its partitions go to the others;
         * 0 keeps Kafka's default (45 s). The heartbeat is a third of it.
         */
        public Builder sessionTimeoutMs(int v) {
            sessionTimeoutMs = v;
            return this;
        }

        /** Security settings every Kafka client gets (SASL, TLS); none by default. */
        public Builder kafkaClient(KafkaClientProperties v) {
            kafkaClient = v;
            return this;
        }

        /**
         * A Streams, consumer or producer property set last, over the defaults above (for tuning and its
         * measurement: {@code fourmu bench throughput --streams-config}); keys as Kafka names them, with
         * {@code consumer.} or {@code producer.} prefixes for the clients.
         */
        public Builder override(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public SearchConfig build() {
            return new SearchConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, partitions, streamThreads,
                    processingGuarantee, commitIntervalMs, applicationServer, sessionTimeoutMs, kafkaClient, overrides);
        }
    }
}
