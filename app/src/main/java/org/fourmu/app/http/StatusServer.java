package org.fourmu.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The application's read-only HTTP endpoints: Prometheus metrics at /metrics, liveness at
 * /health/live (RUNNING or REBALANCING) and readiness at /health/ready (RUNNING).
 * Binds to 127.0.0.1 unless configured otherwise; only GET is served.
 */
public final class StatusServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService executor;

    public StatusServer(String host, int port, PrometheusMeterRegistry metrics, Supplier<KafkaStreams.State> state)
            throws IOException {
        http = HttpServer.create(new InetSocketAddress(host, port), 0);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        http.createContext("/health/live", ex -> {
            KafkaStreams.State s = state.get();
            boolean live = s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
            respond(ex, live ? 200 : 503, "application/json", "{\"state\":\"" + s + "\"}");
        });
        http.createContext("/health/ready", ex -> {
            KafkaStreams.State s = state.get();
            respond(ex, s == KafkaStreams.State.RUNNING ? 200 : 503, "application/json", "{\"state\":\"" + s + "\"}");
        });
        http.start();
    }

    public String url() {
        InetSocketAddress a = http.getAddress();
        return "http://" + a.getHostString() + ":" + a.getPort();
    }

    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                status = 405;
                body = "read-only endpoint: GET only\n";
                contentType = "text/plain";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
            if (!ex.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
