package org.fourmu.app.command;

import java.io.IOException;
import java.nio.file.Path;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.security.KafkaClientProperties;
import org.fourmu.topology.security.KeyStoreFile;
import org.fourmu.topology.security.RegistryCredentials;
import picocli.CommandLine.Option;

/**
 * How a command's clients authenticate: Kafka client properties (SASL, TLS) from a file, and the
 * schema registry's user, password and trust store. Passwords come from files or the environment,
 * never from the command line.
 */
public final class ClientSecurityOptions {

    static final String REGISTRY_PASSWORD_ENV = "FOURMU_REGISTRY_PASSWORD";
    static final String TRUSTSTORE_PASSWORD_ENV = "FOURMU_REGISTRY_TRUSTSTORE_PASSWORD";

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Properties for every Kafka client (producer, consumer, admin, Streams): security.protocol, "
                    + "sasl.mechanism, sasl.jaas.config, ssl.truststore.location, ... (see docs/security.md).")
    Path kafkaConfig;

    @Option(names = "--registry-user", defaultValue = "${env:FOURMU_REGISTRY_USER}",
            description = "Schema registry user for HTTP basic authentication (or FOURMU_REGISTRY_USER).")
    String registryUser;

    @Option(names = "--registry-password-file", paramLabel = "FILE",
            description = "File whose first line is the registry password (or " + REGISTRY_PASSWORD_ENV + ").")
    Path registryPasswordFile;

    @Option(names = "--registry-truststore", paramLabel = "FILE",
            description = "Trust store (PKCS12 or JKS) with the registry's certificate, for an https registry URL.")
    Path registryTrustStore;

    @Option(names = "--registry-truststore-password-file", paramLabel = "FILE",
            description = "File whose first line is the trust store's password (or " + TRUSTSTORE_PASSWORD_ENV + ").")
    Path registryTrustStorePasswordFile;

    /** The Kafka client properties of --kafka-config; none without it. */
    public KafkaClientProperties kafkaClient() throws IOException {
        return kafkaConfig == null ? KafkaClientProperties.none() : KafkaClientProperties.read(kafkaConfig);
    }

    /** A registry client for {@code url} with these credentials and trust store. */
    public SchemaRegistryClient registryClient(String url) throws IOException {
        RegistryCredentials credentials = null;
        if (registryUser != null && !registryUser.isEmpty()) {
            credentials = new RegistryCredentials(registryUser,
                    Secrets.read(registryPasswordFile, "--registry-password-file", REGISTRY_PASSWORD_ENV));
        } else if (registryPasswordFile != null) {
            throw new IllegalArgumentException("--registry-password-file needs --registry-user");
        }
        KeyStoreFile trust = registryTrustStore == null ? null : new KeyStoreFile(registryTrustStore,
                Secrets.read(registryTrustStorePasswordFile, "--registry-truststore-password-file", TRUSTSTORE_PASSWORD_ENV));
        return new SchemaRegistryClient(url, credentials, trust);
    }
}
