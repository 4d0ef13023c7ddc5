package org.fourmu.app.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file sink on the embedded broker: every limit curve becomes a version directory and the latest/ files
 * (CSV and JSON with the curve's own numbers, SVG and PNG figures), a replayed version changes nothing, old
 * versions are pruned, and no temporary file is left behind.
 */
class FileSinkTest {

    @TempDir
    Path dir;

    @Test
    void limitCurvesBecomeTablesAndFiguresOnceEach() throws Exception {
        Path out = dir.resolve("out");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.createMissing(admin, 1, (short) 1);
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(new SchemaRegistryClient(registry.url()));
            try (KafkaProducer<String, LimitCurve> curves = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()), new StringSerializer(), serdes.limits().serializer())) {
                for (long v = 1; v <= 2; v++) {
                    curves.send(new ProducerRecord<>(Topics.LIMITS, "live/x", curve(v)));
                }
                curves.send(new ProducerRecord<>(Topics.LIMITS, "live/x", curve(1)));
            }
            Path analysis = FileSink.analysisDir(out, "live/x");
            try (FileSink sink = new FileSink(kafka.bootstrapServers(), out, serdes.limits().deserializer(), Duration.ZERO)) {
                for (int i = 0; i < 30 && !Files.exists(analysis.resolve("latest/version.txt")); i++) {
                    sink.pollOnce(Duration.ofSeconds(1));
                }
                sink.pollOnce(Duration.ofSeconds(1));
                assertTrue(sink.curvesWritten() >= 1, "curves written: " + sink.curvesWritten());
            }
            assertEquals("live_x", analysis.getFileName().toString());
            assertEquals("2", Files.readString(analysis.resolve("latest/version.txt")).trim(), "latest is the newest version");
            LimitCurve v2 = curve(2);
            for (String f : List.of("limits.csv", "summary.json", "scan.csv", "scan.json", "local-significance.svg",
                    "local-significance.png", "yield-limits.svg", "xsec-limits-zprime.svg", "xsec-limits-zprime.png",
                    "coupling-limits-zprime.svg", "xsec-limits-scalar.svg", "coupling-limits-scalar.svg", "coupling-limits-scalar.png")) {
                assertTrue(Files.size(analysis.resolve("latest").resolve(f)) > 0, f);
            }
            assertFalse(Files.exists(analysis.resolve("latest/fit-largest-excess.svg")), "no spectrum, no Fig. 12");
            // the tables carry the curve's numbers (to the table's 7 significant digits), not recomputed ones
            List<String> csv = Files.readAllLines(analysis.resolve("latest/scan.csv"));
            List<String> header = List.of(csv.get(0).split(","));
            assertEquals(v2.getPoints().size() + 1, csv.size());
            String[] row = csv.get(11).split(",");
            MassPoint p = v2.getPoints().get(10);
            assertEquals(p.getMass(), Double.parseDouble(row[header.indexOf("mass_gev")]), 1e-6 * p.getMass());
            assertEquals(p.getXsecLimitZPrime(), Double.parseDouble(row[header.indexOf("xsec_ul_zprime_fb")]), 1e-6 * p.getXsecLimitZPrime());
            assertEquals(p.getCouplingLimitScalar(), Double.parseDouble(row[header.indexOf("coupling_ul_scalar")]),
                    1e-6 * p.getCouplingLimitScalar());
            // sigma x B scales as g^2: the expected median coupling is g_obs sqrt(sigma_exp / sigma_obs)
            assertEquals(p.getCouplingLimitZPrime() * Math.sqrt(p.getExpectedXsecLimitsZPrime().get(2) / p.getXsecLimitZPrime()),
                    Double.parseDouble(row[header.indexOf("expected_coupling_ul_median_zprime")]), 1e-6 * p.getCouplingLimitZPrime());
            JsonNode json = new ObjectMapper().readTree(analysis.resolve("latest/scan.json").toFile());
            assertEquals(v2.getPoints().size(), json.path("points").size());
            assertEquals(v2.getGlobalSignificance(), json.path("summary").path("global_significance").asDouble(), 1e-12);
            JsonNode summary = new ObjectMapper().readTree(analysis.resolve("latest/summary.json").toFile());
            assertEquals(v2.getMaxLocalSignificance(), summary.path("max_local_significance").asDouble(), 1e-12);
            assertTrue(Files.readString(analysis.resolve("latest/xsec-limits-zprime.svg")).contains("Expected ± 2σ"));

            // a new sink in the same group starts after the committed offsets: nothing is written again
            try (FileSink sink = new FileSink(kafka.bootstrapServers(), out, serdes.limits().deserializer(), Duration.ZERO)) {
                sink.pollOnce(Duration.ofSeconds(3));
                assertEquals(0, sink.curvesWritten());
                // a version already on disk is left as it is; newer ones replace latest/ and prune the oldest
                assertFalse(sink.write(curve(2)));
                for (long v = 3; v <= 3 + FileSink.KEPT_VERSIONS; v++) {
                    assertTrue(sink.write(curve(v)));
                }
            }
            long newest = 3 + FileSink.KEPT_VERSIONS;
            assertEquals(Long.toString(newest), Files.readString(analysis.resolve("latest/version.txt")).trim());
            try (Stream<Path> entries = Files.list(analysis)) {
                List<String> names = entries.map(e -> e.getFileName().toString()).sorted().toList();
                List<String> expected = new ArrayList<>();
                for (long v = newest - FileSink.KEPT_VERSIONS + 1; v <= newest; v++) {
                    expected.add("v" + v);
                }
                expected.add("latest");
                assertEquals(expected.stream().sorted().toList(), names, "kept versions, latest, and no temporary directory");
            }
            try (Stream<Path> latest = Files.list(analysis.resolve("latest"))) {
                assertTrue(latest.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary file in latest/");
            }
        }
    }

    /** A curve of 200 points over the scan range with cross-section and coupling limits for both models. */
    static LimitCurve curve(long version) {
        List<MassPoint> points = new ArrayList<>();
        int n = 200;
        for (int i = 0; i < n; i++) {
            double mass = 0.25 * Math.pow(9.5 / 0.25, i / (n - 1.0));
            double z = Math.max(0, 1.2 * Math.sin(7 * mass + version) + 0.3 * Math.cos(31 * mass));
            double ul = 3 + 2 * z;
            double xsec = ul / (0.2 * version);
            List<Double> band = List.of(0.5 * xsec / (1 + z), 0.7 * xsec / (1 + z), xsec / (1 + z), 1.4 * xsec / (1 + z), 2 * xsec / (1 + z));
            points.add(MassPoint.newBuilder().setMass(mass).setReducedMass(mass).setResolution(0.002 + 0.004 * mass).setMlpRange(1)
                    .setFitStatus("CONVERGED").setSignalYield(z * 3).setSignalYieldError(3).setBackgroundYield(100)
                    .setLocalSignificance(z).setYieldUpperLimit(ul).setExpectedYieldLimits(List.of(1.5, 2.0, 3.0, 4.2, 6.0))
                    .setEfficiencyZPrime(0.2).setEfficiencyScalar(0.25)
                    .setXsecLimitZPrime(xsec).setXsecLimitScalar(0.8 * xsec)
                    .setExpectedXsecLimitsZPrime(band).setExpectedXsecLimitsScalar(band.stream().map(x -> 0.8 * x).toList())
                    .setCouplingLimitZPrime(1e-3 * Math.sqrt(xsec)).setCouplingLimitScalar(2e-3 * Math.sqrt(xsec)).build());
        }
        return LimitCurve.newBuilder().setAnalysisId("live/x").setCalibrationId("x").setVersion(version)
                .setPublishedMillis(1_700_000_000_000L + version * 5000).setIntegratedLuminosity(version).setEvents(1000 * version)
                .setCandidates(10).setFits(points.size()).setMaxLocalSignificance(1.5).setMaxLocalSignificanceMass(3.0)
                .setGlobalSignificance(0.1).setUpCrossings(2).setPoints(points).build();
    }
}
