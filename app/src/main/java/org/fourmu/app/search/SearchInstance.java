package org.fourmu.app.search;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.fourmu.app.http.StatusServer;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.metrics.StreamThreadFailureHandler;
import org.fourmu.topology.query.QueryEndpoints;

/**
 * One running instance of the search: the topology on Kafka Streams and its HTTP endpoints
 * (metrics, health, interactive queries, rates, the web view). The HTTP port is bound first so that the instance can
 * announce it as {@code application.server}, where the others forward queries for its keys.
 */
public final class SearchInstance implements AutoCloseable {

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SearchMetrics metrics;
    private final StatusServer http;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HostInfo self;

    private SearchInstance(SearchConfig.Builder config, SearchTopology.Analysis analysis, SpectrumWindow window,
                           SearchTopology.WireSerdes serdes, String httpHost, int httpPort, List<Double> benchmarkMassesGeV)
            throws IOException {
        metrics = new SearchMetrics(meters, benchmarkMassesGeV);
        AtomicReference<KafkaStreams> running = new AtomicReference<>();
        http = new StatusServer(httpHost, httpPort, meters,
                () -> running.get() == null ? KafkaStreams.State.CREATED : running.get().state());
        self = http.hostInfo();
        try {
            streams = new KafkaStreams(SearchTopology.build(analysis, serdes, metrics, window),
                    config.applicationServer(self.host() + ":" + self.port()).build().streamsProperties());
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        running.set(streams);
        streams.setUncaughtExceptionHandler(new StreamThreadFailureHandler(metrics));
        metrics.bindStreamsState(streams::state);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        http.serveQueries(new QueryEndpoints(streams, self, analysis, window));
        http.serveRates(metrics);
    }

    /** Build the instance, serve its endpoints on {@code httpHost:httpPort} (0 picks a free port) and start it. */
    public static SearchInstance start(SearchConfig.Builder config, SearchTopology.Analysis analysis, SpectrumWindow window,
                                       SearchTopology.WireSerdes serdes, String httpHost, int httpPort) {
        return start(config, analysis, window, serdes, httpHost, httpPort, SearchMetrics.DEFAULT_BENCHMARK_MASSES_GEV);
    }

    /** As above, with the limits exposed as gauges at the given benchmark masses [GeV]. */
    public static SearchInstance start(SearchConfig.Builder config, SearchTopology.Analysis analysis, SpectrumWindow window,
                                       SearchTopology.WireSerdes serdes, String httpHost, int httpPort,
                                       List<Double> benchmarkMassesGeV) {
        try {
            SearchInstance instance = new SearchInstance(config, analysis, window, serdes, httpHost, httpPort, benchmarkMassesGeV);
            instance.streams.start();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on " + httpHost + ":" + httpPort, e);
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    public SearchMetrics metrics() {
        return metrics;
    }

    /** Where this instance serves queries ({@code application.server}). */
    public HostInfo hostInfo() {
        return self;
    }

    /** Base URL of the HTTP endpoints, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return http.url();
    }

    /**
     * Stops the instance and leaves the consumer group at once, so that the others take its partitions now
     * rather than after the session timeout (without static membership a restart rejoins as a new member anyway).
     */
    @Override
    public void close() {
        http.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10)));
        streamsMetrics.close();
    }
}
