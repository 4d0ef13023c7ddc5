package org.fourmu.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.security.RegistryCredentials;
import org.fourmu.topology.security.RegistryUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on HTTPS with basic authentication: the right user registers and fetches, a wrong
 * password or none is answered 401 with a Basic challenge, a client that does not trust the
 * certificate is told so, and Confluent's own Python client gets in with the same credentials.
 */
class SecuredRegistryTest {

    private static final String STORE_PW = "store-pw-e1c4d0";
    private static final String ALICE_PW = "alice-pw-3f88b2";
    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"fourmu.test\",\"fields\":[{\"name\":\"x\",\"type\":\"double\"}]}");

    @TempDir
    static Path dir;
    static SelfSignedTls tls;

    @BeforeAll
    static void certificate() throws Exception {
        tls = SelfSignedTls.create(dir, STORE_PW);
    }

    private static SchemaRegistryServer server() {
        return SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0, new SchemaRegistryServer.Security(
                tls.keyStore(), RegistryUsers.of(List.of(new RegistryCredentials("alice", ALICE_PW)))));
    }

    @Test
    void rightUserRegistersAndFetchesOverHttps() {
        try (SchemaRegistryServer server = server()) {
            assertTrue(server.url().startsWith("https://127.0.0.1:"), server.url());
            SchemaRegistryClient alice = new SchemaRegistryClient(server.url(), new RegistryCredentials("alice", ALICE_PW),
                    tls.trustStore());
            int id = alice.register("probe-value", SCHEMA);
            assertEquals(SCHEMA, new SchemaRegistryClient(server.url(), new RegistryCredentials("alice", ALICE_PW),
                    tls.trustStore()).schemaById(id));
        }
    }

    @Test
    void wrongOrMissingCredentialsAre401WithABasicChallenge() throws Exception {
        try (SchemaRegistryServer server = server()) {
            for (RegistryCredentials wrong : List.of(new RegistryCredentials("alice", "x" + ALICE_PW),
                    new RegistryCredentials("mallory", ALICE_PW))) {
                var e = assertThrows(SchemaRegistryClient.RegistryException.class,
                        () -> new SchemaRegistryClient(server.url(), wrong, tls.trustStore()).register("probe-value", SCHEMA));
                assertEquals(401, e.status());
                assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
                assertFalse(e.getMessage().contains(ALICE_PW), e.getMessage());
            }
            HttpClient http = HttpClient.newBuilder().sslContext(tls.trustStore().asTrust()).build();
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            assertEquals("Basic realm=\"fourmu schema registry\", charset=\"UTF-8\"",
                    anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
            // authenticated, a method the registry does not serve is 405
            HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/subjects/probe-value"))
                    .header("Authorization", new RegistryCredentials("alice", ALICE_PW).authorizationHeader()).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, delete.statusCode());
        }
    }

    @Test
    void clientWithoutTheCertificateIsToldItIsATlsProblem() {
        try (SchemaRegistryServer server = server()) {
            var e = assertThrows(SchemaRegistryClient.RegistryException.class, () -> new SchemaRegistryClient(server.url(),
                    new RegistryCredentials("alice", ALICE_PW), null).register("probe-value", SCHEMA));
            assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
        }
    }

    @Test
    void usersFileNamesTheBadLineButNotItsContent() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "# users\nalice:" + ALICE_PW + "\nbob-without-password\n");
        var e = assertThrows(IllegalArgumentException.class, () -> RegistryUsers.read(users));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertFalse(e.getMessage().contains("bob"), e.getMessage());
        RegistryUsers ok = RegistryUsers.read(Files.writeString(dir.resolve("users-ok"), "alice:" + ALICE_PW + ":with-colon\n"));
        assertTrue(ok.accepts("alice", ALICE_PW + ":with-colon"));
        assertFalse(ok.accepts("alice", ALICE_PW));
        assertFalse(ok.toString().contains(ALICE_PW));
    }

    /** Confluent's Python SchemaRegistryClient, with basic.auth.user.info and the certificate as CA. */
    @Test
    void confluentPythonClientAuthenticates() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "Debian python3 not installed");
        try (SchemaRegistryServer server = server()) {
            String script = String.join("\n",
                    "import sys",
                    "from confluent_kafka.schema_registry import SchemaRegistryClient, Schema",
                    "from confluent_kafka.schema_registry.error import SchemaRegistryError",
                    "url, ca, user, pw, schema = sys.argv[1:6]",
                    "ok = SchemaRegistryClient({'url': url, 'ssl.ca.location': ca, 'basic.auth.user.info': user + ':' + pw})",
                    "sid = ok.register_schema('py-value', Schema(schema, 'AVRO'))",
                    "print('registered', sid, ok.get_latest_version('py-value').schema_id)",
                    "bad = SchemaRegistryClient({'url': url, 'ssl.ca.location': ca, 'basic.auth.user.info': user + ':wrong'})",
                    "try:",
                    "    bad.get_subjects()",
                    "    print('wrong password accepted')",
                    "except SchemaRegistryError as e:",
                    "    print('refused', e.http_status_code)");
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", script, server.url(), tls.certificatePem().toString(),
                    "alice", ALICE_PW, SCHEMA.toString());
            // requests lets these override the client's ssl.ca.location (its session.verify)
            pb.environment().remove("REQUESTS_CA_BUNDLE");
            pb.environment().remove("CURL_CA_BUNDLE");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "python client failed (python3-confluent-kafka installed?)\n" + err);
            List<String> lines = out.lines().toList();
            String[] registered = lines.get(0).split(" ");
            assertEquals("registered", registered[0], out);
            assertEquals(registered[1], registered[2], out);
            int id = Integer.parseInt(registered[1]);
            assertEquals(SCHEMA, new SchemaRegistryClient(server.url(), new RegistryCredentials("alice", ALICE_PW),
                    tls.trustStore()).schemaById(id));
            assertEquals("refused 401", lines.get(1), out);
        }
    }
}
