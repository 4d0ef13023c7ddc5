package org.fourmu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.avro.JpsiFitStatus;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.avro.SpectrumBin;
import org.fourmu.sinks.postgres.PostgresSink;
import org.fourmu.sinks.postgres.ResultTables;
import org.fourmu.sinks.postgres.SchemaMigrations;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL sink against a real PostgreSQL server (started by ./fourmu-test, see scripts/test-postgres)
 * and the embedded broker: migrations apply once, limit curves and runs land in their tables, NaN becomes
 * NULL, a record read twice changes nothing, the latest-curve views show the newest version, and
 * spectrum_bin holds the newest version's spectrum only.
 */
class PostgresSinkTest {

    private static final String URL = System.getenv("FOURMU_TEST_POSTGRES_URL");

    @TempDir
    Path dir;

    @Test
    void limitCurvesAndRunsLandInPostgresOnceEach() throws Exception {
        assumeTrue(URL != null, "FOURMU_TEST_POSTGRES_URL is not set: ./fourmu-test starts PostgreSQL and sets it");
        String db = "sink_test_" + Long.toHexString(System.nanoTime());
        try (Connection admin = DriverManager.getConnection(URL); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        String url = URL.replaceFirst("/fourmu\\?", "/" + db + "?");
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(2, SchemaMigrations.migrate(c));
            assertEquals(2, SchemaMigrations.migrate(c), "a second migration run changes nothing");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.createMissing(admin, 1, (short) 1);
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(new SchemaRegistryClient(registry.url()));
            try (KafkaProducer<String, LimitCurve> curves = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()), new StringSerializer(), serdes.limits().serializer());
                 KafkaProducer<String, RunInfo> runs = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                         kafka.bootstrapServers()), new StringSerializer(), serdes.runs().serializer());
                 KafkaProducer<String, JpsiRunFit> jpsi = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                         kafka.bootstrapServers()), new StringSerializer(), serdes.jpsiFits().serializer())) {
                jpsi.send(new ProducerRecord<>(Topics.JPSI, "26/1", jpsi(1, 400, 12, 3.0971)));
                runs.send(new ProducerRecord<>(Topics.RUNS, "26/1", run(1, RunState.RUNNING, 0.5)));
                runs.send(new ProducerRecord<>(Topics.RUNS, "26/1", run(1, RunState.ENDED, 1.5)));
                runs.send(new ProducerRecord<>(Topics.RUNS, "26/2", run(2, RunState.RUNNING, 0.25)));
                for (long v = 1; v <= 3; v++) {
                    curves.send(new ProducerRecord<>(Topics.LIMITS, "live/x", curve(v)));
                }
                curves.send(new ProducerRecord<>(Topics.LIMITS, "live/x", curve(2)));
            }
            try (PostgresSink sink = new PostgresSink(kafka.bootstrapServers(), url, serdes.limits().deserializer(),
                    serdes.runs().deserializer(), serdes.jpsiFits().deserializer(), Duration.ZERO)) {
                for (int i = 0; i < 20 && (count(url, "SELECT count(*) FROM run_summary") < 2
                        || count(url, "SELECT count(*) FROM run_jpsi") < 1); i++) {
                    sink.pollOnce(Duration.ofSeconds(1));
                }
                sink.pollOnce(Duration.ofSeconds(1));
            }
            assertEquals(2, count(url, "SELECT count(*) FROM run_summary"));
            assertEquals(1, count(url, "SELECT count(*) FROM run_summary WHERE run = 1 AND state = 'ENDED' AND integrated_luminosity_invfb = 1.5"));
            assertEquals(3, count(url, "SELECT max(version) FROM latest_limit_curve WHERE analysis_id = 'live/x'"));
            assertEquals(30971, count(url, "SELECT round(jpsi_mass_gev * 10000) FROM run_summary WHERE run = 1"),
                    "the J/psi monitor of run 1 from fourmu.jpsi");
            assertEquals(12, count(url, "SELECT candidates FROM run_summary WHERE run = 1"));
            assertEquals(4, count(url, "SELECT count(*) FROM latest_scan_point"));
            assertEquals(1, count(url, "SELECT count(*) FROM latest_scan_point WHERE local_significance IS NULL"), "NaN is NULL");
            // the spectrum of version 3 (sent before the replayed version 2), each of its candidates once
            assertEquals(reducedMasses(3).size(), count(url, "SELECT sum(entries) FROM spectrum_bin WHERE analysis_id = 'live/x'"));
            assertEquals(0, count(url, "SELECT count(*) FROM spectrum_bin WHERE version <> 3"));
            assertEquals(0, count(url, "SELECT count(*) FROM spectrum_bin WHERE reduced_mass_low_gev > 8"), "a bin of older versions only");
            assertEquals(2, count(url, "SELECT entries FROM spectrum_bin WHERE mlp_range = 1 AND reduced_mass_low_gev = 0.21 "
                    + "AND reduced_mass_high_gev = 0.22"));
            assertEquals(3, count(url, "SELECT entries FROM spectrum_bin WHERE mlp_range = 3 AND reduced_mass_low_gev = 5.3"));
            long curvesBefore = count(url, "SELECT count(*) FROM limit_curve");
            // a new sink in the same group starts after the committed offsets; a replayed version changes nothing
            try (PostgresSink sink = new PostgresSink(kafka.bootstrapServers(), url, serdes.limits().deserializer(),
                    serdes.runs().deserializer(), serdes.jpsiFits().deserializer(), Duration.ZERO)) {
                sink.pollOnce(Duration.ofSeconds(3));
                assertEquals(0, sink.curvesWritten());
            }
            assertEquals(curvesBefore, count(url, "SELECT count(*) FROM limit_curve"));
        }
        // written in order, a newer version's spectrum replaces the stored one (its bins above 8 GeV go); a late older one changes nothing
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            ResultTables tables = new ResultTables(c);
            for (long v : new long[] {2, 3, 1}) {
                assertTrue(tables.write(LimitCurve.newBuilder(curve(v)).setAnalysisId("live/y").build()));
                c.commit();
                if (v == 2) {
                    assertEquals(1, count(url, "SELECT count(*) FROM spectrum_bin WHERE analysis_id = 'live/y' AND reduced_mass_low_gev > 8"));
                }
            }
        }
        assertEquals(reducedMasses(3).size(), count(url, "SELECT sum(entries) FROM spectrum_bin WHERE analysis_id = 'live/y'"));
        assertEquals(0, count(url, "SELECT count(*) FROM spectrum_bin WHERE analysis_id = 'live/y' AND version <> 3"));
        assertEquals(0, count(url, "SELECT count(*) FROM spectrum_bin WHERE analysis_id = 'live/y' AND reduced_mass_low_gev > 8"));
        jpsiFillsTheRunInEitherArrivalOrder(url);
        everyDashboardSqlQueryRuns(url);
    }

    /** RunInfo and the J/psi fit come on different topics: whichever arrives second completes the run's row. */
    private static void jpsiFillsTheRunInEitherArrivalOrder(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            ResultTables tables = new ResultTables(c);
            tables.write(jpsi(5, 300, 8, 3.0965)); // J/psi first: no run row yet
            c.commit();
            assertEquals(0, count(url, "SELECT count(*) FROM run_summary WHERE run = 5"));
            tables.write(run(5, RunState.RUNNING, 0.1));
            tables.write(run(6, RunState.RUNNING, 0.1)); // RunInfo first
            tables.write(jpsi(6, 500, 20, 3.0980));
            tables.write(jpsi(6, 200, 30, 3.2000)); // fewer pairs: an older fit, replayed late
            tables.write(run(6, RunState.ENDED, 0.3)); // a RunInfo update keeps the J/psi columns
            tables.write(run(7, RunState.RUNNING, 0.1));
            tables.write(JpsiRunFit.newBuilder(jpsi(7, 10, 4, 3.1)).setStatus(JpsiFitStatus.TOO_FEW_ENTRIES)
                    .setMassGeV(Double.NaN).build());
            c.commit();
        }
        assertEquals(30965, count(url, "SELECT round(jpsi_mass_gev * 10000) FROM run_summary WHERE run = 5"));
        assertEquals(8, count(url, "SELECT candidates FROM run_summary WHERE run = 5"));
        assertEquals(30980, count(url, "SELECT round(jpsi_mass_gev * 10000) FROM run_summary WHERE run = 6 AND state = 'ENDED'"));
        assertEquals(20, count(url, "SELECT candidates FROM run_summary WHERE run = 6"));
        assertEquals(100, count(url, "SELECT round(jpsi_width_gev * 10000) FROM run_summary WHERE run = 6"));
        assertEquals(1, count(url, "SELECT count(*) FROM run_summary WHERE run = 7 AND jpsi_mass_gev IS NULL AND candidates = 4"),
                "a fit not worth showing leaves the J/psi columns NULL");
        assertEquals(1, count(url, "SELECT count(*) FROM run_jpsi WHERE run = 7 AND fit_status = 'TOO_FEW_ENTRIES'"));
    }

    /** A converged fit of a run: width 10 MeV, yield 10 standard errors. */
    private static JpsiRunFit jpsi(int run, long pairs, long candidates, double massGeV) {
        return JpsiRunFit.newBuilder().setExperiment(26).setRun(run).setPairs(pairs).setCandidates(candidates)
                .setStatus(JpsiFitStatus.CONVERGED).setMassGeV(massGeV).setMassErrorGeV(0.001).setWidthGeV(0.010)
                .setWidthErrorGeV(0.001).setSignalYield(pairs / 2.0).setSignalYieldError(pairs / 20.0)
                .setBackground(pairs / 2.0).setSourceTasks(3).setFittedMillis(1_000).build();
    }

    /** The Grafana panels that read PostgreSQL run against the sink's tables and return rows. */
    private static void everyDashboardSqlQueryRuns(String url) throws Exception {
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Path.of("../monitoring/grafana/dashboards/search-results.json").toFile());
        int queries = 0;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.path("panels")) {
                for (com.fasterxml.jackson.databind.JsonNode target : panel.path("targets")) {
                    if (!target.has("rawSql")) {
                        continue;
                    }
                    String sql = target.path("rawSql").asText().replace("$analysis", "live/x");
                    queries++;
                    try (ResultSet r = s.executeQuery(sql)) {
                        org.junit.jupiter.api.Assertions.assertTrue(r.next(), "no rows for panel " + panel.path("title") + ": " + sql);
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(queries >= 5, "PostgreSQL panels found: " + queries);
    }

    private static RunInfo run(int run, RunState state, double lumi) {
        return RunInfo.newBuilder().setExperiment(26).setRun(run).setState(state).setIntegratedLuminosity(lumi)
                .setHerEnergy(7.004).setLerEnergy(4.002).setStartMillis(1_700_000_000_000L)
                .setStopMillis(state == RunState.ENDED ? 1_700_000_600_000L : null).setEvents(100 * run).build();
    }

    private static LimitCurve curve(long version) {
        List<MassPoint> points = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double mass = 1 + i;
            points.add(MassPoint.newBuilder().setMass(mass).setReducedMass(mass).setResolution(0.003).setMlpRange(2)
                    .setFitStatus(i == 3 ? "EMPTY" : "CONVERGED").setSignalYield(i).setSignalYieldError(1).setBackgroundYield(10)
                    .setLocalSignificance(i == 3 ? Double.NaN : 0.5 * i).setYieldUpperLimit(3 + version)
                    .setExpectedYieldLimits(List.of(1.0, 2.0, 3.0, 4.0, 5.0))
                    .setEfficiencyZPrime(Double.NaN).setEfficiencyScalar(Double.NaN)
                    .setXsecLimitZPrime(Double.NaN).setXsecLimitScalar(Double.NaN)
                    .setExpectedXsecLimitsZPrime(List.of()).setExpectedXsecLimitsScalar(List.of())
                    .setCouplingLimitZPrime(Double.NaN).setCouplingLimitScalar(Double.NaN).build());
        }
        List<Double> reduced = reducedMasses(version);
        // the spectrum of these candidates, binned here independently: 10 MeV bins of M_R from 0, MLP range of the mass
        java.util.Map<List<Integer>, Long> bins = new java.util.TreeMap<>(java.util.Comparator.comparing((List<Integer> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (double mr : reduced) {
            int range = org.fourmu.physics.candidates.MlpRange.of(Math.sqrt(mr * mr + 4 * 0.1056583755 * 0.1056583755)).number();
            bins.merge(List.of(range, (int) Math.floor(mr * 100)), 1L, Long::sum);
        }
        List<SpectrumBin> spectrum = new ArrayList<>();
        bins.forEach((k, n) -> spectrum.add(SpectrumBin.newBuilder().setMlpRange(k.get(0)).setReducedMassLow(k.get(1) / 100.0)
                .setReducedMassHigh((k.get(1) + 1) / 100.0).setEntries(n).build()));
        return LimitCurve.newBuilder().setAnalysisId("live/x").setCalibrationId("x").setVersion(version)
                .setPublishedMillis(1_700_000_000_000L + version * 5000).setIntegratedLuminosity(version).setEvents(1000 * version)
                .setCandidates(reduced.size()).setSpectrum(spectrum).setFits(points.size()).setMaxLocalSignificance(1.0).setMaxLocalSignificanceMass(3.0)
                .setGlobalSignificance(0).setUpCrossings(2).setPoints(points).build();
    }

    /** Reduced masses [GeV] of the candidates of a version: the spectrum grows, and a bin above 8 GeV exists before version 3 only. */
    private static List<Double> reducedMasses(long version) {
        List<Double> out = new ArrayList<>(List.of(0.2125, 0.2149, 0.95, 3.0));
        for (int i = 0; i < version; i++) {
            out.add(5.3 + 0.001 * i);
        }
        if (version < 3) {
            out.add(8.9);
        }
        return out;
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
