package org.fourmu.topology.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Properties every Kafka client of the application gets on top of its own (producer, consumer,
 * admin and Streams alike): how to reach a secured cluster, e.g. {@code security.protocol=SASL_SSL},
 * {@code sasl.mechanism=SCRAM-SHA-512}, {@code sasl.jaas.config=...}, {@code ssl.truststore.location=...}.
 * Read from a properties file; {@link #toString()} masks every secret.
 */
public final class KafkaClientProperties {

    private static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of());
    private static final String MASK = "[hidden]";
    /** Prefixes Kafka Streams uses to address one of its clients. */
    private static final String[] CLIENT_PREFIXES = {"producer.", "consumer.", "admin.", "main.consumer.",
        "restore.consumer.", "global.consumer.", "topic."};

    private final Map<String, String> values;

    private KafkaClientProperties(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** No additions: a plaintext cluster without authentication. */
    public static KafkaClientProperties none() {
        return NONE;
    }

    /** These properties, checked: every key a Kafka client setting, a known security protocol, no bootstrap servers. */
    public static KafkaClientProperties of(Map<String, String> values) {
        return of(values, "Kafka client properties");
    }

    /** The properties in a Java properties file; a bad file or key stops with a message naming both. */
    public static KafkaClientProperties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Kafka client properties file " + file + " does not exist");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Kafka client properties file " + file + " is malformed: " + e.getMessage());
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return of(m, "Kafka client properties file " + file);
    }

    private static KafkaClientProperties of(Map<String, String> values, String source) {
        Set<String> known = knownSettings();
        for (String key : values.keySet()) {
            if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalArgumentException(source + ": bootstrap.servers is set by --bootstrap-servers, not here");
            }
            if (!known.contains(unprefixed(key)) && !key.equals("config.providers") && !key.startsWith("config.providers.")) {
                throw new IllegalArgumentException(source + ": '" + key + "' is not a Kafka client setting");
            }
        }
        String protocol = values.get(AdminClientConfig.SECURITY_PROTOCOL_CONFIG);
        if (protocol != null && !SecurityProtocol.names().contains(protocol.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(source + ": security.protocol '" + protocol + "' is not one of "
                    + SecurityProtocol.names());
        }
        return values.isEmpty() ? NONE : new KafkaClientProperties(values);
    }

    private static String unprefixed(String key) {
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    private static Set<String> knownSettings() {
        Set<String> known = new HashSet<>();
        known.addAll(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        known.addAll(StreamsConfig.configDef().names());
        return known;
    }

    /**
     * Whether the value of {@code key} is a secret: a PASSWORD-type setting of any Kafka client
     * (sasl.jaas.config, ssl.keystore.password, ...), or a name that says so.
     */
    public static boolean isSecret(String key) {
        String k = unprefixed(key);
        for (ConfigDef def : new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(),
            AdminClientConfig.configDef(), StreamsConfig.configDef()}) {
            ConfigDef.ConfigKey c = def.configKeys().get(k);
            if (c != null && c.type == ConfigDef.Type.PASSWORD) {
                return true;
            }
        }
        String lower = k.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas") || lower.endsWith(".key");
    }

    /** The properties with the clients' bootstrap servers: a fresh, mutable map for one client. */
    public Map<String, Object> withBootstrap(String bootstrapServers) {
        Map<String, Object> m = new HashMap<>(values);
        m.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return m;
    }

    /** Adds the properties to {@code target} (overriding what it had) and returns it. */
    public Properties addTo(Properties target) {
        target.putAll(values);
        return target;
    }

    public Map<String, String> values() {
        return values;
    }

    /** The properties with every secret replaced by {@code [hidden]}, as Kafka logs its own. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, isSecret(k) ? MASK : v));
        return shown.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaClientProperties other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
