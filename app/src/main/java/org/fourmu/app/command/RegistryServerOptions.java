package org.fourmu.app.command;

import java.io.IOException;
import java.nio.file.Path;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.security.KeyStoreFile;
import org.fourmu.topology.security.RegistryUsers;
import picocli.CommandLine.Option;

/** How the embedded schema registry protects itself: HTTPS with a key store, basic authentication of listed users. */
public final class RegistryServerOptions {

    static final String KEYSTORE_PASSWORD_ENV = "FOURMU_REGISTRY_KEYSTORE_PASSWORD";

    @Option(names = "--registry-keystore", paramLabel = "FILE",
            description = "Serve the embedded registry over HTTPS with this key store (PKCS12 or JKS).")
    Path keyStore;

    @Option(names = "--registry-keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the key store's password (or " + KEYSTORE_PASSWORD_ENV + ").")
    Path keyStorePasswordFile;

    @Option(names = "--registry-users-file", paramLabel = "FILE",
            description = "Require HTTP basic authentication of the users in this file (one user:password a line).")
    Path users;

    public SchemaRegistryServer.Security security() throws IOException {
        KeyStoreFile tls = keyStore == null ? null
                : new KeyStoreFile(keyStore, Secrets.read(keyStorePasswordFile, "--registry-keystore-password-file",
                        KEYSTORE_PASSWORD_ENV));
        if (tls != null) {
            tls.asIdentity(); // a wrong password or file stops the start here, naming the file
        }
        return new SchemaRegistryServer.Security(tls, users == null ? null : RegistryUsers.read(users));
    }
}
