package org.fourmu.topology.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key store file (PKCS12 or JKS, detected) and its password: the server's certificate and key
 * (as identity), or the certificates a client trusts (as trust store). {@link #toString()} shows
 * the file, never the password.
 */
public record KeyStoreFile(Path file, String password) {

    public KeyStoreFile {
        if (file == null || password == null) {
            throw new IllegalArgumentException("a key store needs a file and a password");
        }
    }

    private KeyStore load() {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("key store " + file + " does not exist or is not readable");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("key store " + file + " cannot be opened (wrong password or not a key store): "
                    + e.getMessage());
        }
    }

    /** A TLS context presenting this store's key and certificate (a server's identity). */
    public SSLContext asIdentity() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(), password.toCharArray());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key store " + file + " holds no usable key: " + e.getMessage());
        }
    }

    /** A TLS context trusting the certificates in this store (a client's trust store). */
    public SSLContext asTrust() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("trust store " + file + " is unusable: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "KeyStoreFile[" + file + ", password=[hidden]]";
    }
}
