package org.fourmu.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fourmu.app.DemoJvm;
import org.fourmu.app.kafka.ClientListener;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.topology.Topics;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.security.RegistryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fourmu demo} in its own process against a broker that only speaks SASL_SSL with
 * SCRAM-SHA-512, its embedded registry on HTTPS with basic authentication: events flow end to end,
 * the registry admits the right user only, the status endpoints refuse writes, and no password
 * appears in its output, its logs or its metrics. With a wrong Kafka password it stops at once,
 * naming authentication.
 */
class SecureDemoTest {

    private static final String STORE_PW = "store-pw-0d9e21";
    private static final String BROKER_PW = "broker-pw-5a7713";
    private static final String ANALYST_PW = "analyst-pw-c04f8e";
    private static final String REGISTRY_PW = "registry-pw-91b2aa";
    private static final List<String> SECRETS = List.of(STORE_PW, BROKER_PW, ANALYST_PW, REGISTRY_PW);
    private static final Pattern METRICS = Pattern.compile("metrics: +(http://\\S+)/metrics");
    private static final Pattern REGISTRY = Pattern.compile("schema registry: +(https://\\S+)");
    private static final Pattern EVENTS_IN = Pattern.compile("(?m)^fourmu_events_in_total\\S* (\\S+)");

    @TempDir
    Path dir;

    @Test
    void demoRunsEndToEndOnSaslSslWithScramAndLeaksNoSecret() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(Files.createDirectory(dir.resolve("tls")), STORE_PW);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, ClientListener.saslSsl("SCRAM-SHA-512",
                Map.of("broker", BROKER_PW, "analyst", ANALYST_PW), tls.keyStore()))) {
            Path kafkaConfig = write("client.properties", String.join("\n",
                    "security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
                    "sasl.jaas.config=" + ClientListener.scramJaas("analyst", ANALYST_PW).replace("\"", "\\\""),
                    "ssl.truststore.location=" + tls.trustStore().file(), "ssl.truststore.password=" + STORE_PW));
            Path storePw = write("store.pw", STORE_PW + "\n");
            Path registryPw = write("registry.pw", REGISTRY_PW + "\n");
            Path users = write("registry.users", "# who may use the registry\nanalyst:" + REGISTRY_PW + "\n");
            Demo demo = Demo.start(dir, "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", kafkaConfig.toString(),
                    "--registry-keystore", tls.keyStore().file().toString(), "--registry-keystore-password-file", storePw.toString(),
                    "--registry-users-file", users.toString(), "--registry-user", "analyst", "--registry-password-file", registryPw.toString(),
                    "--registry-truststore", tls.trustStore().file().toString(),
                    "--registry-truststore-password-file", storePw.toString(), "--rate-scale", "200");
            String metricsText = "";
            try {
                assertNotNull(demo.metricsUrl, "demo did not start: " + demo.output());
                HttpClient http = HttpClient.newHttpClient();
                long deadline = System.currentTimeMillis() + 90_000;
                double eventsIn = 0;
                while (eventsIn <= 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(1000);
                    metricsText = get(http, demo.metricsUrl + "/metrics");
                    Matcher m = EVENTS_IN.matcher(metricsText);
                    eventsIn = m.find() ? Double.parseDouble(m.group(1)) : 0;
                }
                assertTrue(eventsIn > 0, "no event counted through SASL_SSL in 90 s:\n" + demo.output());

                // the registry over HTTPS: the right user reads the events schema, a wrong password and no password get 401
                assertNotNull(demo.registryUrl, demo.output());
                SchemaRegistryClient right = new SchemaRegistryClient(demo.registryUrl,
                        new RegistryCredentials("analyst", REGISTRY_PW), tls.trustStore());
                assertEquals(Topics.EVENTS + "-value", right.latest(Topics.EVENTS + "-value").subject());
                var wrong = assertThrows(SchemaRegistryClient.RegistryException.class, () -> new SchemaRegistryClient(
                        demo.registryUrl, new RegistryCredentials("analyst", "not-" + REGISTRY_PW), tls.trustStore())
                        .latest(Topics.EVENTS + "-value"));
                assertEquals(401, wrong.status());
                assertTrue(wrong.getMessage().contains("refused the credentials"), wrong.getMessage());
                var none = assertThrows(SchemaRegistryClient.RegistryException.class, () -> new SchemaRegistryClient(
                        demo.registryUrl, null, tls.trustStore()).latest(Topics.EVENTS + "-value"));
                assertTrue(none.getMessage().contains("requires authentication"), none.getMessage());

                // the status endpoints are read-only and on the loopback address
                assertTrue(demo.metricsUrl.startsWith("http://127.0.0.1:"), demo.metricsUrl);
                for (String path : List.of("/metrics", "/health/ready", "/api/limits")) {
                    for (String method : List.of("POST", "PUT", "DELETE")) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(demo.metricsUrl + path))
                                .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                        assertEquals(405, r.statusCode(), method + " " + path);
                    }
                }
            } finally {
                demo.stop();
            }
            String everything = demo.output() + "\n" + metricsText;
            for (String secret : SECRETS) {
                assertFalse(everything.contains(secret), "a password appears in the demo's output, logs or metrics");
            }
        }
    }

    @Test
    void wrongKafkaPasswordStopsTheStartNamingAuthentication() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, ClientListener.saslPlaintext("SCRAM-SHA-256",
                Map.of("broker", BROKER_PW, "analyst", ANALYST_PW)))) {
            Path kafkaConfig = write("client.properties", String.join("\n",
                    "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=SCRAM-SHA-256",
                    "sasl.jaas.config=" + ClientListener.scramJaas("analyst", "not-" + ANALYST_PW).replace("\"", "\\\"")));
            Demo demo = Demo.start(dir, "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", kafkaConfig.toString());
            assertTrue(demo.process.waitFor(60, TimeUnit.SECONDS), "demo still running with a wrong password");
            demo.stop();
            assertEquals(1, demo.process.exitValue(), demo.output());
            String err = demo.output();
            assertTrue(err.contains("fourmu demo: Kafka at " + kafka.bootstrapServers() + ": SASL authentication failed"), err);
            assertFalse(err.contains("\tat "), "stack trace:\n" + err);
            for (String secret : SECRETS) {
                assertFalse(err.contains(secret), "a password appears in the output");
            }
        }
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The demo in a child JVM; stdout and stderr collected. */
    private static final class Demo {
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final Path stderr;
        String metricsUrl;
        String registryUrl;

        private Demo(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
        }

        static Demo start(Path dir, String... options) throws Exception {
            Path stderr = Files.createTempFile(dir, "demo", ".err");
            Process p = new ProcessBuilder(DemoJvm.command(dir.resolve("demo-data"), options))
                    .redirectError(stderr.toFile()).start();
            Demo demo = new Demo(p, stderr);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                demo.lines.add(line);
                Matcher r = REGISTRY.matcher(line);
                if (r.find()) {
                    demo.registryUrl = r.group(1);
                }
                Matcher m = METRICS.matcher(line);
                if (m.find()) {
                    demo.metricsUrl = m.group(1);
                    break;
                }
            }
            Thread drain = new Thread(() -> {
                try {
                    out.lines().forEach(demo.lines::add);
                } catch (java.io.UncheckedIOException closed) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            return demo;
        }

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        String output() throws Exception {
            return String.join("\n", lines) + "\n" + Files.readString(stderr);
        }
    }
}
