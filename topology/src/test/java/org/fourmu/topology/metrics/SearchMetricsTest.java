package org.fourmu.topology.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/**
 * The meters added for monitoring, read back from the Prometheus exposition under the names that
 * docs/metrics.md promises and the dashboards and alert rules query.
 */
class SearchMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SearchMetrics metrics = new SearchMetrics(registry);

    @Test
    void streamsStateGaugeFollowsTheClientState() {
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
        metrics.bindStreamsState(state::get);
        assertEquals(0.0, sample("fourmu_streams_state"));
        state.set(KafkaStreams.State.REBALANCING);
        assertEquals(0.5, sample("fourmu_streams_state"));
        state.set(KafkaStreams.State.RUNNING);
        assertEquals(1.0, sample("fourmu_streams_state"));
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            double expected = s == KafkaStreams.State.RUNNING ? 1 : s == KafkaStreams.State.REBALANCING ? 0.5 : 0;
            assertEquals(expected, SearchMetrics.streamsStateValue(s), s.name());
        }
    }

    @Test
    void failedStreamThreadIsCountedAndShutsTheClientDown() {
        assertEquals(0.0, sample("fourmu_stream_thread_failed_total"));
        StreamThreadFailureHandler handler = new StreamThreadFailureHandler(metrics);
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, handler.handle(new IllegalStateException("poison")));
        assertEquals(1.0, sample("fourmu_stream_thread_failed_total"));
    }

    @Test
    void eventLatencyIsAHistogramWithCumulativeBuckets() {
        metrics.eventLatency(Duration.ofMillis(30));
        metrics.eventLatency(Duration.ofSeconds(3));
        metrics.eventLatency(Duration.ofMillis(-5)); // producer clock ahead of ours: counted as zero
        assertEquals(1.0, sample("fourmu_event_latency_seconds_bucket{le=\"0.005\"}"));
        assertEquals(2.0, sample("fourmu_event_latency_seconds_bucket{le=\"0.05\"}"));
        assertEquals(2.0, sample("fourmu_event_latency_seconds_bucket{le=\"2.5\"}"));
        assertEquals(3.0, sample("fourmu_event_latency_seconds_bucket{le=\"5.0\"}"));
        assertEquals(3.0, sample("fourmu_event_latency_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(3.0, sample("fourmu_event_latency_seconds_count"));
        assertEquals(3.03, sample("fourmu_event_latency_seconds_sum"), 1e-9);
    }

    @Test
    void scanDurationHasBucketsUpToTheTransactionTimeout() {
        metrics.scanned(40, 0.3);
        metrics.scanned(40, 12);
        assertEquals(0.0, sample("fourmu_scan_duration_seconds_bucket{le=\"0.25\"}"));
        assertEquals(1.0, sample("fourmu_scan_duration_seconds_bucket{le=\"0.5\"}"));
        assertEquals(1.0, sample("fourmu_scan_duration_seconds_bucket{le=\"10.0\"}"));
        assertEquals(2.0, sample("fourmu_scan_duration_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(80.0, sample("fourmu_scan_fits_total"));
        assertEquals(10.0, SearchMetrics.SCAN_BUCKETS_SECONDS[SearchMetrics.SCAN_BUCKETS_SECONDS.length - 1],
                "the last finite bucket is the exactly-once transaction timeout");
    }

    @Test
    void lastScanSuccessIsZeroUntilTheFirstLimitCurve() {
        assertEquals(0.0, sample("fourmu_scan_last_success_timestamp_seconds"), "0 = never, so staleness alerts see it");
        assertTrue(Double.isNaN(sample("fourmu_significance_local_max")));
        metrics.limitsPublished(2.5, 0.4, 1.25, 1_795_971_093_084L);
        assertEquals(1_795_971_093.084, sample("fourmu_scan_last_success_timestamp_seconds"), 1e-6);
        assertEquals(2.5, sample("fourmu_significance_local_max"));
        assertEquals(0.4, sample("fourmu_significance_global"));
        assertEquals(1.25, sample("fourmu_luminosity_integrated_invfb"));
    }

    /** The value of one sample line of the scrape, e.g. {@code name} or {@code name{le="0.5"}}. */
    private double sample(String series) {
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " not in the scrape:\n" + registry.scrape());
    }
}
