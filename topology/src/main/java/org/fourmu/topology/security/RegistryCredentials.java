package org.fourmu.topology.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user and password for the schema registry's HTTP basic authentication; {@link #toString()} hides the password. */
public record RegistryCredentials(String user, String password) {

    public RegistryCredentials {
        if (user == null || user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("a registry user is a non-empty name without ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("registry user '" + user + "' has an empty password");
        }
    }

    /** The value of the HTTP Authorization header (RFC 7617). */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryCredentials[user=" + user + ", password=[hidden]]";
    }
}
