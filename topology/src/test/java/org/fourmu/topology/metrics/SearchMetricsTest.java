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
    private static org.fourmu.avro.MassPoint point(double mass, double resolution, double xsecZPrime, double expectedZPrime,
                                                   double couplingZPrime) {
        return org.fourmu.avro.MassPoint.newBuilder().setMass(mass).setReducedMass(mass).setResolution(resolution)
                .setMlpRange(1).setFitStatus("CONVERGED").setSignalYield(0).setSignalYieldError(1).setBackgroundYield(10)
                .setLocalSignificance(0).setYieldUpperLimit(2.3).setExpectedYieldLimits(java.util.List.of(1.0, 1.5, 2.3, 3.0, 4.0))
                .setXsecLimitZPrime(xsecZPrime).setCouplingLimitZPrime(couplingZPrime)
                .setExpectedXsecLimitsZPrime(java.util.List.of(0.5 * expectedZPrime, 0.7 * expectedZPrime, expectedZPrime,
                        1.4 * expectedZPrime, 2 * expectedZPrime))
                .build();
    }

    @Test
    void limitGaugesShowTheScanPointNearestEachBenchmarkMass() {
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SearchMetrics m = new SearchMetrics(own, java.util.List.of(1.0, 3.1));
        String obs = "fourmu_limit_xsec_fb{kind=\"observed\",mass_gev=\"1.0\",model=\"zprime\"}";
        assertTrue(Double.isNaN(sample(own, obs)), "NaN before the first curve");
        org.fourmu.avro.LimitCurve curve = org.fourmu.avro.LimitCurve.newBuilder().setAnalysisId("a").setCalibrationId("c")
                .setVersion(1).setPublishedMillis(0).setIntegratedLuminosity(1).setEvents(1).setCandidates(1).setFits(3)
                .setMaxLocalSignificance(0).setMaxLocalSignificanceMass(1).setGlobalSignificance(0)
                .setPoints(java.util.List.of(point(0.996, 0.003, 9, 9, 9), point(1.001, 0.003, 2.0, 8.0, 1e-3),
                        point(3.3, 0.01, 5, 5, 5)))
                .build();
        m.benchmarkLimits(curve);
        assertEquals(2.0, sample(own, obs));
        assertEquals(8.0, sample(own, "fourmu_limit_xsec_fb{kind=\"expected\",mass_gev=\"1.0\",model=\"zprime\"}"));
        assertEquals(1e-3, sample(own, "fourmu_limit_coupling{kind=\"observed\",mass_gev=\"1.0\",model=\"zprime\"}"));
        // sigma x B scales as g'^2: four times the cross section is twice the coupling
        assertEquals(2e-3, sample(own, "fourmu_limit_coupling{kind=\"expected\",mass_gev=\"1.0\",model=\"zprime\"}"), 1e-15);
        // no point within a resolution of 3.1 GeV (the J/psi veto), and no scalar limits in these points
        assertTrue(Double.isNaN(sample(own, "fourmu_limit_xsec_fb{kind=\"observed\",mass_gev=\"3.1\",model=\"zprime\"}")));
        assertTrue(Double.isNaN(sample(own, "fourmu_limit_xsec_fb{kind=\"observed\",mass_gev=\"1.0\",model=\"scalar\"}")));
        assertEquals(2 * 2 * 2 * 2, own.find("fourmu.limit.xsec.fb").gauges().size() + own.find("fourmu.limit.coupling").gauges().size(),
                "2 masses x 2 models x 2 kinds x 2 quantities: a tag value per configured mass, none per scan point");
    }

    @Test
    void jpsiGaugesShowTheLatestRunWithAConvergedFit() {
        assertTrue(Double.isNaN(sample("fourmu_jpsi_mass_gev")), "NaN before the first fit");
        assertEquals(3.0969, sample("fourmu_jpsi_mass_pdg_gev"), 1e-4);
        org.apache.commons.rng.UniformRandomProvider rng = org.fourmu.physics.random.RandomStreams.forKeys(5);
        var gauss = org.apache.commons.rng.sampling.distribution.GaussianSampler.of(
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng), 3.090, 0.010);
        org.fourmu.physics.spectrum.Histogram h = org.fourmu.physics.fit.JpsiPeakFit.histogram();
        for (int i = 0; i < 2000; i++) {
            // one J/psi pair and one background pair per event
            h.fill(gauss.sample());
            h.fill(2.9 + 0.4 * rng.nextDouble());
        }
        metrics.jpsi().update(fit(7, h));
        org.fourmu.physics.spectrum.Histogram few = org.fourmu.physics.fit.JpsiPeakFit.histogram();
        few.fill(3.1);
        few.fill(3.0);
        metrics.jpsi().update(fit(8, few)); // a newer run, too few pairs to fit: not shown
        assertEquals(7.0, sample("fourmu_jpsi_run"));
        double error = sample("fourmu_jpsi_mass_error_gev");
        assertEquals(0.010 / Math.sqrt(2000), error, 0.2 * 0.010 / Math.sqrt(2000), "about sigma / sqrt(N)");
        assertEquals(3.090, sample("fourmu_jpsi_mass_gev"), 4 * error);
        assertEquals(0.010, sample("fourmu_jpsi_width_gev"), 0.001);
        assertEquals(2000, sample("fourmu_jpsi_yield"), 4 * Math.sqrt(2000));
        org.fourmu.physics.spectrum.Histogram part = org.fourmu.physics.fit.JpsiPeakFit.histogram();
        part.fill(3.1);
        metrics.jpsi().update(fit(7, part));
        assertEquals(3.090, sample("fourmu_jpsi_mass_gev"), 4 * error, "a fit of fewer pairs of a run is older: ignored");
    }

    private static org.fourmu.avro.JpsiRunFit fit(int run, org.fourmu.physics.spectrum.Histogram h) {
        return org.fourmu.topology.aggregation.JpsiRunFitter.of(26, run, org.fourmu.physics.fit.JpsiPeakFit.fit(h), 0, 1, 0);
    }

    private double sample(String series) {
        return sample(registry, series);
    }

    private static double sample(PrometheusMeterRegistry registry, String series) {
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " not in the scrape:\n" + registry.scrape());
    }
}
