package org.fourmu.app.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus ({@code /usr/bin/prometheus}) run for a test on a free port of 127.0.0.1, with
 * the repository's prometheus.yml and alerts.yml, its scrape target pointed at the process under test.
 */
final class PrometheusServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final String MISSING = " is missing: install Debian's prometheus package (.ci/run does: apt-get install prometheus)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path log;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts Prometheus scraping {@code target} (host:port) with the repository's configuration and rules. */
    static PrometheusServer start(Path dir, String target) throws IOException, InterruptedException {
        Path config = dir.resolve("prometheus.yml");
        String yml = Files.readString(MonitoringFiles.prometheusDir().resolve("prometheus.yml"));
        String pointed = yml.replace("'127.0.0.1:8080'", "'" + target + "'");
        if (pointed.equals(yml)) {
            throw new IllegalStateException("prometheus.yml no longer scrapes '127.0.0.1:8080' by default");
        }
        Files.writeString(config, pointed);
        Files.copy(MonitoringFiles.prometheusDir().resolve("alerts.yml"), dir.resolve("alerts.yml"));
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(p, log, "http://127.0.0.1:" + port);
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("prometheus not ready after " + timeout + ":\n" + log());
    }

    /** The {@code data} of an instant query at now; throws if Prometheus rejects the query. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql);
    }

    /** The values of {@code label} over the series matching {@code selector}. */
    JsonNode labelValues(String label, String selector) throws IOException, InterruptedException {
        return api("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8), selector);
    }

    /** The rule groups as loaded and evaluated ({@code /api/v1/rules}). */
    JsonNode rules() throws IOException, InterruptedException {
        return api("/api/v1/rules", "rules");
    }

    private JsonNode api(String path, String what) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        JsonNode body = JSON.readTree(r.body());
        if (!body.path("status").asText().equals("success")) {
            throw new IllegalArgumentException(what + ": " + body.path("errorType").asText() + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String log() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
