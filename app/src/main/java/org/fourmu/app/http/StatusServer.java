package org.fourmu.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.query.QueryEndpoints;

/**
 * The application's read-only HTTP endpoints: Prometheus metrics at /metrics, liveness at
 * /health/live (RUNNING or REBALANCING), readiness at /health/ready (RUNNING), the web view at /
 * ({@link WebView}), and the interactive queries and rates under /api once {@link #serveQueries}
 * and {@link #serveRates} are called.
 * Binds to 127.0.0.1 unless configured otherwise; only GET is served.
 */
public final class StatusServer implements AutoCloseable {

    public static final String RATES = "/api/rates";

    private final HttpServer http;
    private final ExecutorService executor;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "status-rates");
        t.setDaemon(true);
        return t;
    });
    private final ObjectMapper json = new ObjectMapper();

    public StatusServer(String host, int port, PrometheusMeterRegistry metrics, Supplier<KafkaStreams.State> state)
            throws IOException {
        http = HttpServer.create(new InetSocketAddress(host, port), 0);
        // a query may wait on another instance's answer while that one waits on ours: more than two threads
        executor = Executors.newFixedThreadPool(4, r -> {
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
        http.createContext("/", WebView::serve);
        http.start();
    }

    /** Serve {@value #RATES}: this instance's event, candidate and dead-letter rates and the luminosity, read once a second. */
    public void serveRates(SearchMetrics metrics) {
        DataTakingRates rates = new DataTakingRates(metrics);
        rates.sample(System.currentTimeMillis());
        sampler.scheduleAtFixedRate(() -> rates.sample(System.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
        http.createContext(RATES, ex -> respond(ex, 200, "application/json", json.writeValueAsString(rates.rates())));
    }

    /** Serve the interactive queries too (after the Streams application exists). */
    public void serveQueries(QueryEndpoints queries) {
        queries.register(http);
    }

    /** The address to announce as {@code application.server}: where other instances reach this one. */
    public HostInfo hostInfo() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? localHostName() : a.getHostString();
        return new HostInfo(host, a.getPort());
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("bound to the wildcard address and the host name is unknown: bind a named address", e);
        }
    }

    public String url() {
        InetSocketAddress a = http.getAddress();
        return "http://" + a.getHostString() + ":" + a.getPort();
    }

    static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        respond(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                status = 405;
                body = "read-only endpoint: GET only\n".getBytes(StandardCharsets.UTF_8);
                contentType = "text/plain";
            }
            byte[] bytes = body;
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
        sampler.shutdownNow();
        http.stop(0);
        executor.shutdownNow();
    }
}
