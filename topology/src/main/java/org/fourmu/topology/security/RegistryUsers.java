package org.fourmu.topology.security;

import com.sun.net.httpserver.BasicAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users allowed into the schema registry: one {@code user:password} line each in a file
 * ({@code #} starts a comment). Passwords are kept only as SHA-256 digests and compared in
 * constant time; an unknown user costs the same comparison as a known one.
 */
public final class RegistryUsers {

    private static final byte[] NO_USER = digest("\u0000no such user\u0000");

    private final Map<String, byte[]> digests;

    private RegistryUsers(Map<String, byte[]> digests) {
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("a registry with authentication needs at least one user");
        }
        this.digests = Map.copyOf(digests);
    }

    public static RegistryUsers of(List<RegistryCredentials> users) {
        Map<String, byte[]> m = new HashMap<>();
        users.forEach(c -> m.put(c.user(), digest(c.password())));
        return new RegistryUsers(m);
    }

    /** The users in {@code file}; a malformed line stops with its number, never its content. */
    public static RegistryUsers read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("registry users file " + file + " does not exist");
        }
        Map<String, byte[]> m = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IllegalArgumentException("registry users file " + file + ", line " + (i + 1)
                        + ": expected user:password");
            }
            m.put(line.substring(0, colon), digest(line.substring(colon + 1)));
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("registry users file " + file + " names no user");
        }
        return new RegistryUsers(m);
    }

    /** Whether {@code user} with {@code password} is allowed; the time taken does not depend on where they differ. */
    public boolean accepts(String user, String password) {
        byte[] expected = digests.getOrDefault(user, NO_USER);
        boolean match = MessageDigest.isEqual(expected, digest(password));
        return match && expected != NO_USER;
    }

    /** An HTTP basic authenticator over these users: 401 with {@code WWW-Authenticate: Basic realm="..."} otherwise. */
    public BasicAuthenticator authenticator(String realm) {
        return new BasicAuthenticator(realm, StandardCharsets.UTF_8) {
            @Override
            public boolean checkCredentials(String user, String password) {
                return accepts(user, password);
            }
        };
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "RegistryUsers" + digests.keySet();
    }
}
