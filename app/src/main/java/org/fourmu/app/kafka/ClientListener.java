package org.fourmu.app.kafka;

import java.util.Map;
import java.util.TreeMap;
import org.fourmu.topology.security.KeyStoreFile;

/**
 * How clients reach the embedded broker: PLAINTEXT (the default), SASL_PLAINTEXT or SASL_SSL with
 * SCRAM users, or SSL. SCRAM users are written into the cluster's bootstrap metadata when the data
 * directory is formatted (the in-process {@code kafka-storage format --add-scram}), so they exist
 * before the first client connects.
 *
 * @param protocol  security protocol of the client listener
 * @param mechanism SCRAM-SHA-256 or SCRAM-SHA-512 (SASL protocols only)
 * @param users     SCRAM users and their passwords; the first one is also the broker's own identity
 * @param keyStore  the broker's certificate and key (SSL protocols only)
 */
public record ClientListener(String protocol, String mechanism, Map<String, String> users, KeyStoreFile keyStore) {

    public static final ClientListener PLAINTEXT = new ClientListener("PLAINTEXT", null, Map.of(), null);

    public ClientListener {
        users = new TreeMap<>(users);
        boolean sasl = protocol.startsWith("SASL_");
        boolean ssl = protocol.endsWith("SSL");
        if (sasl && (users.isEmpty() || !(mechanism.equals("SCRAM-SHA-256") || mechanism.equals("SCRAM-SHA-512")))) {
            throw new IllegalArgumentException("a SASL listener needs SCRAM-SHA-256 or SCRAM-SHA-512 and at least one user");
        }
        if (ssl && keyStore == null) {
            throw new IllegalArgumentException("an SSL listener needs the broker's key store");
        }
        for (Map.Entry<String, String> u : users.entrySet()) {
            // the formatter's syntax, [name=...,password=...], cannot quote these
            if ((u.getKey() + u.getValue()).matches(".*[,\\[\\]=\"\\s].*")) {
                throw new IllegalArgumentException("SCRAM user names and passwords may not contain , [ ] = \" or blanks");
            }
        }
    }

    /** SASL_PLAINTEXT with SCRAM. */
    public static ClientListener saslPlaintext(String mechanism, Map<String, String> users) {
        return new ClientListener("SASL_PLAINTEXT", mechanism, users, null);
    }

    /** SASL_SSL with SCRAM, the broker presenting the key store's certificate. */
    public static ClientListener saslSsl(String mechanism, Map<String, String> users, KeyStoreFile keyStore) {
        return new ClientListener("SASL_SSL", mechanism, users, keyStore);
    }

    boolean sasl() {
        return protocol.startsWith("SASL_");
    }

    boolean ssl() {
        return protocol.endsWith("SSL");
    }

    /** The JAAS line of a SCRAM client (or the broker itself) logging in as {@code user}. */
    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "ClientListener[" + protocol + (mechanism != null ? " " + mechanism : "") + ", users=" + users.keySet() + "]";
    }
}
