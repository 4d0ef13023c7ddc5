package org.fourmu.app.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.fourmu.topology.security.KafkaClientProperties;

/**
 * The first contact with a Kafka cluster, before anything is started on it: one metadata request,
 * answered within a bounded time or turned into a one-line reason (unreachable, authentication
 * refused, TLS handshake failed) instead of clients retrying forever.
 */
public final class ClusterProbe {

    /** How long the first contact may take before the cluster counts as unreachable. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private ClusterProbe() {
    }

    /** Returns the cluster id, or throws {@link IllegalStateException} with the reason it cannot be used. */
    public static String check(String bootstrapServers, KafkaClientProperties client, Duration timeout) {
        Map<String, Object> config = client.withBootstrap(bootstrapServers);
        int ms = (int) timeout.toMillis();
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        // a wrong address gives up after the timeout, not after the client's long reconnect schedule
        config.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        try (Admin admin = createAdmin(config, bootstrapServers)) {
            try {
                return admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).clusterId()
                        .get(ms + 2000L, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException(reason(bootstrapServers, e.getCause(), timeout), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException(reason(bootstrapServers, e, timeout), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while contacting Kafka at " + bootstrapServers, e);
            } finally {
                admin.close(Duration.ZERO);
            }
        }
    }

    private static Admin createAdmin(Map<String, Object> config, String bootstrapServers) {
        try {
            return Admin.create(config);
        } catch (KafkaException e) {
            Throwable root = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Kafka client for " + bootstrapServers + " cannot be created: " + root.getMessage(), e);
        }
    }

    /** The operator's one line for why the first contact failed. */
    static String reason(String bootstrapServers, Throwable cause, Duration timeout) {
        if (cause instanceof SaslAuthenticationException) {
            return "Kafka at " + bootstrapServers + ": SASL authentication failed (wrong user or password in --kafka-config?): "
                    + cause.getMessage();
        }
        if (cause instanceof SslAuthenticationException) {
            return "Kafka at " + bootstrapServers + ": TLS handshake failed (is the broker's certificate in ssl.truststore?): "
                    + cause.getMessage();
        }
        if (cause instanceof AuthenticationException) {
            return "Kafka at " + bootstrapServers + ": authentication failed: " + cause.getMessage();
        }
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds()
                    + " s (wrong address, broker down, or a security.protocol the listener does not speak)";
        }
        return "Kafka at " + bootstrapServers + " cannot be used: " + cause;
    }
}
