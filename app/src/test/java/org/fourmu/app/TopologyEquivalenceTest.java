package org.fourmu.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.fourmu.app.SearchQueries.JSON;
import static org.fourmu.app.SearchQueries.await;
import static org.fourmu.app.SearchQueries.awaitRunning;
import static org.fourmu.app.SearchQueries.get;
import static org.fourmu.app.SearchQueries.send;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.fourmu.app.kafka.CommittedRecords;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.app.search.SearchInstance;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.aggregation.SegmentScan;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.processors.MassSegments;
import org.fourmu.topology.query.Answers;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same simulated input through the topology on a real broker (exactly-once) with 1 and 3
 * partitions and with 2 instances gives the batch histograms bin by bin and the batch scan's
 * limits to 1e-9; every query answers the same on every instance (keys held elsewhere are forwarded).
 */
class TopologyEquivalenceTest {

    private static SimulatedSearchInput input;

    @TempDir
    Path dir;
    private String bootstrap;
    private Deserializer<JpsiRunFit> jpsiFits;

    @BeforeAll
    static void simulate() {
        input = new SimulatedSearchInput(1200, 150);
        assertTrue(input.segmentsWithCandidates.size() > 25, "the input reaches most segments: " + input.segmentsWithCandidates);
    }

    @Test
    void onePartitionGivesTheBatchHistogramsAndLimits() throws Exception {
        runAndCompare(1, 1);
    }

    @Test
    void threePartitionsGiveTheBatchHistogramsAndLimits() throws Exception {
        runAndCompare(3, 1);
    }

    @Test
    void twoInstancesGiveTheBatchHistogramsAndLimitsAndForwardQueriesToTheOwner() throws Exception {
        runAndCompare(3, 2);
    }

    private void runAndCompare(int partitions, int instances) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(client);
            bootstrap = kafka.bootstrapServers();
            jpsiFits = serdes.jpsiFits().deserializer();
            input.prepareBroker(kafka.bootstrapServers(), partitions, serdes);
            List<SearchInstance> running = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    running.add(SearchInstance.start(SearchConfig.builder().bootstrapServers(kafka.bootstrapServers())
                                    .schemaRegistryUrl(registry.url()).stateDir(dir.resolve("state-" + i)).partitions(partitions),
                            input.analysis, SpectrumWindow.DEFAULT, serdes, "127.0.0.1", 0));
                }
                awaitRunning(running);
                produce(kafka.bootstrapServers(), client);
                compare(running);
            } finally {
                running.forEach(SearchInstance::close);
            }
        }
    }

    private static void produce(String bootstrap, SchemaRegistryClient client) {
        SimulatedSearchInput.publish(bootstrap, client, input.events);
    }

    private void compare(List<SearchInstance> running) throws Exception {
        SegmentScan segmentScan = new SegmentScan(MassSegments.DEFAULT, input.analysis.scan());
        int expectedFits = input.segmentsWithCandidates.stream().mapToInt(s -> segmentScan.masses(s).size()).sum();
        // the curve that rests on every candidate record of every segment; it counts each candidate once
        Answers.Limits limits = await(running.get(0), "/api/limits", Answers.Limits.class,
                l -> l.histogramEntries() == input.segmentEntries && l.fits() == expectedFits);
        assertEquals(input.keptInOwnRange, limits.candidates(), "distinct candidates, not the " + input.segmentEntries + " records");
        assertEquals(2 * SimulatedSearchInput.LUMI_PER_RUN, limits.integratedLuminosityInvFb(), 1e-12);
        assertEquals(input.events.size(), limits.events());
        List<Double> masses = limits.points().stream().map(Answers.Point::massGeV).toList();
        assertTrue(masses.size() > 200, masses.size() + " fits");
        List<FitScan.Point> batch = input.analysis.scan().scan(masses, r -> input.histogram(input.byRange, r), true);
        int converged = 0;
        for (int i = 0; i < masses.size(); i++) {
            FitScan.Point b = batch.get(i);
            Answers.Point s = limits.points().get(i);
            assertEquals(b.status().name(), s.fitStatus(), "at " + masses.get(i));
            assertSame(b.signalYield(), s.signalYield());
            assertSame(b.signalError(), s.signalYieldError());
            assertSame(b.localSignificance(), s.localSignificance());
            assertSame(b.yieldUpperLimit(), s.yieldUpperLimit());
            for (int k = 0; k < 5; k++) {
                assertSame(b.expectedYieldLimits()[k], s.expectedYieldLimits().get(k));
            }
            converged += b.status().name().equals("CONVERGED") ? 1 : 0;
        }
        assertTrue(converged > 0.9 * masses.size(), converged + " of " + masses.size() + " fits converged");
        assertJpsiMonitorOfEveryRun();

        for (SearchInstance instance : running) {
            // the cut-flow rests on every event
            Answers.CutFlow cutFlow = await(instance, "/api/cutflow", Answers.CutFlow.class, c -> c.events() == input.events.size());
            assertEquals(input.selectedEvents, cutFlow.selected());
            assertEquals(input.candidates, cutFlow.candidates());
            // histograms bin by bin, per MLP range and as the fits read them
            for (int range = 1; range <= 5; range++) {
                assertSpectrum(input.keptByRange, range, get(instance, "/api/spectra?mlpRange=" + range, Answers.Spectrum.class));
                assertSpectrum(input.keptRun2ByRange, range, get(instance, "/api/spectra?view=run&experiment="
                        + SimulatedSearchInput.EXPERIMENT + "&run=2&mlpRange=" + range, Answers.Spectrum.class));
            }
            Answers.Spectrum auto = get(instance, "/api/spectra?rebin=10", Answers.Spectrum.class);
            Answers.Spectrum window = get(instance, "/api/spectra?rebin=10&view=window", Answers.Spectrum.class);
            // produced seconds ago: the whole input is in the last hour
            assertArrayEquals(auto.counts(), window.counts());
            assertEquals(input.keptInOwnRange, auto.entries());
            assertEquals(limits.candidates(), auto.entries(), "the limit card and the spectrum say the same number");
            assertTrue(window.windowEndMillis() - window.windowStartMillis() <= Duration.ofHours(1).toMillis());
            // the same answers everywhere
            assertEquals(JSON.writeValueAsString(limits), JSON.writeValueAsString(get(instance, "/api/limits", Answers.Limits.class)));
            Answers.NearestPoint point = get(instance, "/api/limits/point?mass=5.3", Answers.NearestPoint.class);
            Answers.Point expected = limits.points().stream()
                    .min((a, b) -> Double.compare(Math.abs(a.massGeV() - 5.3), Math.abs(b.massGeV() - 5.3))).orElseThrow();
            assertEquals(expected, point.point());
            assertTrue(point.segment() >= 0 && MassSegments.DEFAULT.segmentLowGeV(point.segment()) <= expected.massGeV()
                    && expected.massGeV() < MassSegments.DEFAULT.segmentHighGeV(point.segment()));
            // the fit behind that point, made now by the segment's owner from its stores: no data came since the
            // scan, so it is the published point, and the limit curve shows it
            Answers.Fit fit = get(instance, "/api/fit?mass=5.3", Answers.Fit.class);
            assertEquals(expected.massGeV(), fit.massGeV());
            assertEquals(point.segment(), fit.segment());
            assertEquals(expected.fitStatus(), fit.fitStatus());
            assertEquals(expected.signalYield(), fit.signalYield());
            assertEquals(expected.signalYieldError(), fit.signalYieldError());
            assertEquals(expected.localSignificance(), fit.localSignificance());
            assertEquals(expected.yieldUpperLimit(), fit.yieldUpperLimit());
            assertTrue(fit.segmentScanVersion() >= point.segmentVersion());
            assertEquals(Boolean.FALSE, fit.newDataSinceScan());
            assertTrue(fit.limitCurveVersion() >= limits.version());
            assertEquals(Boolean.TRUE, fit.limitCurveShowsThisFit());
            assertEquals(fit.windowEntries(), java.util.Arrays.stream(fit.counts()).sum());
        }
        if (running.size() > 1) {
            Set<String> owners = new HashSet<>();
            for (SearchInstance instance : running) {
                assertTrue(candidatePartitions(instance.streams()) > 0,
                        "every instance holds segments, so each spectrum above was gathered from both");
                owners.add(instance.streams().queryMetadataForKey(SearchTopology.LATEST_LIMITS_STORE,
                        input.analysis.analysisId(), Serdes.String().serializer()).activeHost().toString());
            }
            assertEquals(1, owners.size(), "both instances agree who holds the limits");
            long holders = running.stream().filter(i -> owners.contains(i.hostInfo().toString())).count();
            assertEquals(1, holders, "one instance holds the limits: the other forwarded its queries there");
            assertNotEquals(running.get(0).hostInfo(), running.get(1).hostInfo());
        }
        assertNull(limits.points().get(0).xsecLimitZPrimeFb(), "NaN (no calibration yet) is null in JSON");
        // read-only, and bad requests say what is wrong
        SearchInstance any = running.get(running.size() - 1);
        assertEquals(405, send(any, "POST", "/api/limits").statusCode());
        HttpResponse<String> badView = send(any, "GET", "/api/spectra?view=weekly");
        assertEquals(400, badView.statusCode());
        assertTrue(badView.body().contains("view must be"), badView.body());
        assertEquals(400, send(any, "GET", "/api/limits/point").statusCode());
        for (String bad : List.of("/api/fit", "/api/fit?mass=heavy", "/api/fit?mass=12")) {
            HttpResponse<String> badMass = send(any, "GET", bad);
            assertEquals(400, badMass.statusCode(), bad);
            assertTrue(badMass.body().contains("\"message\":\"mass "), bad + ": " + badMass.body());
        }
        Answers.AnomalyBand band = get(any, "/api/anomaly-band", Answers.AnomalyBand.class);
        assertEquals(input.analysis.scan().masses().size(), band.massGeV().length);
    }

    /**
     * The J/psi monitor on fourmu.jpsi: for each run, once every task's pairs are in (its newest record, the one with
     * the most pairs), the fit of the batch histogram of the same pairs, whatever the partitions and instances.
     */
    private void assertJpsiMonitorOfEveryRun() throws InterruptedException {
        Map<String, JpsiRunFit> newest = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!input.jpsiPairsByRun.entrySet().stream().allMatch(e -> {
            JpsiRunFit f = newest.get(SimulatedSearchInput.EXPERIMENT + "/" + e.getKey());
            return f != null && f.getPairs() == e.getValue().entries();
        })) {
            assertTrue(System.nanoTime() < deadline, "J/psi fits of every run's pairs, seen: " + newest.values());
            Thread.sleep(1000);
            CommittedRecords.readToEnd(bootstrap, Topics.JPSI, jpsiFits, r -> newest.merge(r.key(), r.value(),
                    (a, b) -> b.getPairs() >= a.getPairs() ? b : a));
        }
        for (Map.Entry<Integer, Histogram> e : input.jpsiPairsByRun.entrySet()) {
            JpsiRunFit f = newest.get(SimulatedSearchInput.EXPERIMENT + "/" + e.getKey());
            JpsiPeakFit.Result batch = JpsiPeakFit.fit(e.getValue());
            assertTrue(batch.entries() > 20, "run " + e.getKey() + " has pairs to fit: " + batch.entries());
            assertEquals(input.candidatesByRun.get(e.getKey()), f.getCandidates(), "run " + e.getKey());
            assertEquals(batch.status().name(), f.getStatus().name(), "run " + e.getKey());
            assertSame(batch.massGeV(), f.getMassGeV());
            assertSame(batch.widthGeV(), f.getWidthGeV());
            assertSame(batch.yield(), f.getSignalYield());
        }
    }

    private static long candidatePartitions(KafkaStreams streams) {
        long n = 0;
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : t.activeTasks()) {
                n += task.topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.CANDIDATES)).count();
            }
        }
        return n;
    }

    private static void assertSpectrum(Map<Integer, Histogram> batch, int range, Answers.Spectrum s) {
        Histogram h = batch.getOrDefault(range, Histogram.reducedMass());
        int first = h.binOf(s.reducedMassLowGeV() + h.binWidth() / 2);
        long[] expected = new long[s.counts().length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = h.count(first + i);
        }
        assertArrayEquals(expected, s.counts(), "MLP range " + range + " view " + s.view());
        assertEquals(h.entries(), s.entries(), "every candidate of the range is in the spectrum");
    }

    /** Equal to 1e-9 relative, or both unavailable. */
    private static void assertSame(double batch, Double streamed) {
        if (!Double.isFinite(batch) || streamed == null) {
            assertEquals(Double.isFinite(batch), streamed != null, batch + " vs " + streamed);
            return;
        }
        assertEquals(batch, streamed, 1e-9 * Math.max(1, Math.abs(batch)));
    }
}
