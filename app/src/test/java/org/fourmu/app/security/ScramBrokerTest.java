package org.fourmu.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fourmu.app.kafka.ClientListener;
import org.fourmu.app.kafka.ClusterProbe;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.topology.security.KafkaClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker with a SASL_PLAINTEXT SCRAM listener: the right password gets in, a wrong one is named at once. */
class ScramBrokerTest {

    private static final String PASSWORD = "scram-pw-4c1e9b";

    @TempDir
    Path dir;

    static KafkaClientProperties scram(String protocol, String mechanism, String user, String password) {
        return KafkaClientProperties.of(Map.of("security.protocol", protocol, "sasl.mechanism", mechanism,
                "sasl.jaas.config", ClientListener.scramJaas(user, password)));
    }

    @Test
    void rightPasswordGetsInAndWrongPasswordIsRefusedWithAReason() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, ClientListener.saslPlaintext("SCRAM-SHA-256",
                Map.of("broker", "broker-pw-77a0", "analyst", PASSWORD)))) {
            String id = ClusterProbe.check(kafka.bootstrapServers(),
                    scram("SASL_PLAINTEXT", "SCRAM-SHA-256", "analyst", PASSWORD), Duration.ofSeconds(20));
            assertFalse(id.isEmpty());

            long t0 = System.nanoTime();
            IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> ClusterProbe.check(
                    kafka.bootstrapServers(), scram("SASL_PLAINTEXT", "SCRAM-SHA-256", "analyst", "not-" + PASSWORD),
                    Duration.ofSeconds(20)));
            assertTrue(wrong.getMessage().contains("authentication failed"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains(PASSWORD), wrong.getMessage());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "refusal took longer than the timeout");

            IllegalStateException plaintext = assertThrows(IllegalStateException.class, () -> ClusterProbe.check(
                    kafka.bootstrapServers(), KafkaClientProperties.none(), Duration.ofSeconds(3)));
            assertTrue(plaintext.getMessage().contains("did not answer within 3 s"), plaintext.getMessage());
        }
    }
}
