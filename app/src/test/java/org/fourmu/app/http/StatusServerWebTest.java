package org.fourmu.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.streams.KafkaStreams;
import org.fourmu.topology.metrics.SearchMetrics;
import org.junit.jupiter.api.Test;

/** The page, its files and /api/rates over real HTTP: read-only, unknown paths 404. */
class StatusServerWebTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesThePageItsFilesAndTheRatesReadOnly() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SearchMetrics metrics = new SearchMetrics(meters);
        try (StatusServer server = new StatusServer("127.0.0.1", 0, meters, () -> KafkaStreams.State.RUNNING)) {
            server.serveRates(metrics);
            metrics.eventIn();
            HttpResponse<String> page = send(server.url() + "/", "GET");
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.body().contains("data-ready=\"false\""));
            assertEquals(page.body(), send(server.url() + "/view/limits", "GET").body());
            HttpResponse<String> script = send(server.url() + "/web/view.js", "GET");
            assertEquals(200, script.statusCode());
            assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
            assertEquals(404, send(server.url() + "/web/missing.js", "GET").statusCode());
            assertEquals(404, send(server.url() + "/nothing-here", "GET").statusCode());
            assertEquals(405, send(server.url() + "/", "POST").statusCode());
            assertEquals(405, send(server.url() + StatusServer.RATES, "DELETE").statusCode());

            HttpResponse<String> rates = send(server.url() + StatusServer.RATES, "GET");
            assertEquals(200, rates.statusCode());
            JsonNode r = new ObjectMapper().readTree(rates.body());
            assertEquals(0, r.path("deadLetters").asLong());
            assertTrue(r.has("eventsPerSecond") && r.has("instantaneousLuminosityPerCm2s"), rates.body());
        }
    }

    private static HttpResponse<String> send(String url, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
