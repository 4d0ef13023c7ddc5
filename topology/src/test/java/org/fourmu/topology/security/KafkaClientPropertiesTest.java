package org.fourmu.topology.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.fourmu.topology.SearchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    private static final String PASSWORD = "pw-a81f33c7";
    private static final Map<String, String> SASL_SSL = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\""
                    + PASSWORD + "\";",
            "ssl.truststore.location", "/etc/fourmu/trust.p12",
            "ssl.truststore.password", PASSWORD,
            "producer.ssl.key.password", PASSWORD);

    @TempDir
    Path dir;

    @Test
    void everyPasswordTypeSettingOfKafkasClientsCountsAsSecret() {
        // Kafka's own classification (ConfigDef.Type.PASSWORD) is the independent list
        for (ConfigDef def : new ConfigDef[] {ProducerConfig.configDef(), StreamsConfig.configDef()}) {
            def.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD)
                    .forEach(k -> assertTrue(KafkaClientProperties.isSecret(k.name), k.name));
        }
        assertTrue(KafkaClientProperties.isSecret("consumer.sasl.jaas.config"));
        assertFalse(KafkaClientProperties.isSecret("ssl.truststore.location"));
        assertFalse(KafkaClientProperties.isSecret("security.protocol"));
    }

    @Test
    void toStringAndSearchConfigHideThePasswords() {
        KafkaClientProperties p = KafkaClientProperties.of(SASL_SSL);
        assertFalse(p.toString().contains(PASSWORD), p.toString());
        assertTrue(p.toString().contains("sasl.jaas.config=[hidden]") && p.toString().contains("SCRAM-SHA-512"), p.toString());
        SearchConfig config = SearchConfig.builder().kafkaClient(p).build();
        assertFalse(config.toString().contains(PASSWORD), config.toString());
        // ... while the clients get the real values
        Properties streams = config.streamsProperties();
        assertTrue(streams.getProperty("sasl.jaas.config").contains(PASSWORD));
        assertEquals("SASL_SSL", streams.getProperty("security.protocol"));
    }

    @Test
    void kafkasOwnConfigLoggingPrintsPasswordsAsHidden() {
        // AbstractConfig logs "ProducerConfig values:" from values(): PASSWORD types are Password objects printed [hidden]
        Map<String, Object> producer = new HashMap<>(KafkaClientProperties.of(SASL_SSL).withBootstrap("127.0.0.1:9092"));
        producer.remove("producer.ssl.key.password");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        ProducerConfig config = new ProducerConfig(producer);
        String logged = config.values().toString();
        assertFalse(logged.contains(PASSWORD), logged);
        assertTrue(logged.contains("sasl.jaas.config=[hidden]"), logged);
        assertEquals(SASL_SSL.get("sasl.jaas.config"), config.getPassword("sasl.jaas.config").value());
    }

    @Test
    void aConfigProviderKeepsThePasswordOutOfThePropertiesFile() throws Exception {
        // Kafka's FileConfigProvider: the properties name a file and a key, the client reads the secret itself
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "jaas=" + SASL_SSL.get("sasl.jaas.config")
                .replace("\"", "\\\"") + "\n");
        KafkaClientProperties p = KafkaClientProperties.of(Map.of("config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "${file:" + secrets + ":jaas}"));
        Map<String, Object> producer = p.withBootstrap("127.0.0.1:9092");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        assertEquals(SASL_SSL.get("sasl.jaas.config"), new ProducerConfig(producer).getPassword("sasl.jaas.config").value());
    }

    @Test
    void refusesWhatWouldBeSilentlyIgnoredOrConflict() throws Exception {
        var typo = assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.of(Map.of("security.protocl", "SSL")));
        assertTrue(typo.getMessage().contains("'security.protocl' is not a Kafka client setting"), typo.getMessage());
        var protocol = assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.of(Map.of("security.protocol", "TLS")));
        assertTrue(protocol.getMessage().contains("security.protocol 'TLS'"), protocol.getMessage());
        var bootstrap = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientProperties.of(Map.of("bootstrap.servers", "x:9092")));
        assertTrue(bootstrap.getMessage().contains("--bootstrap-servers"), bootstrap.getMessage());

        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\n");
        assertEquals("SASL_PLAINTEXT", KafkaClientProperties.read(file).values().get("security.protocol"));
        var missing = assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.read(dir.resolve("none")));
        assertTrue(missing.getMessage().contains(dir.resolve("none") + " does not exist"), missing.getMessage());
    }

    @Test
    void registryAndKeyStoreValuesHideTheirPasswords() {
        assertFalse(new RegistryCredentials("alice", PASSWORD).toString().contains(PASSWORD));
        assertFalse(new KeyStoreFile(Path.of("/k.p12"), PASSWORD).toString().contains(PASSWORD));
        // RFC 7617's example: Aladdin / open sesame
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", new RegistryCredentials("Aladdin", "open sesame").authorizationHeader());
    }
}
