package org.fourmu.app.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.fourmu.app.FourmuCommand;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.topology.Topics;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.app.dataset.DatasetManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Replay of a simulated dataset: the batch path twice, the topology on an embedded broker, and a replay
 * killed with SIGKILL in the middle and resumed on its data directory all give the same limit curve,
 * number for number; a file that changed since it was recorded is refused.
 */
class ReplayCommandTest {

    @TempDir
    static Path dir;
    static Path dataset;
    static Path batch;

    @BeforeAll
    static void simulateAndReplayInBatch() throws Exception {
        dataset = dir.resolve("ds");
        // three runs of 1 fb^-1 of e+e- -> 4mu: about a thousand events
        assertEquals(0, run("simulate", "--process", "mumumumu", "--lumi", "3", "--run-lumi", "1", "--seed", "7",
                "--dataset", dataset.toString()));
        batch = dir.resolve("batch");
        assertEquals(0, run("replay", dataset.toString(), "--batch", "--out", batch.toString()));
    }

    private static int run(String... args) {
        return FourmuCommand.commandLine().execute(args);
    }

    @Test
    void datasetHasAManifestWithRunsLuminosityAndChecksums() throws Exception {
        DatasetManifest m = DatasetManifest.read(dataset);
        assertEquals(3, m.runs().size());
        assertEquals(3.0, m.integratedLuminosity(), 1e-12);
        assertTrue(m.events() > 500, "events: " + m.events());
        for (DatasetManifest.Run r : m.runs()) {
            assertEquals(64, r.sha256().length());
        }
    }

    @Test
    void batchReplayIsReproducible() throws Exception {
        Path again = dir.resolve("batch-again");
        assertEquals(0, run("replay", dataset.toString(), "--batch", "--out", again.toString()));
        assertArrayEquals(Files.readAllBytes(batch.resolve("limits.csv")), Files.readAllBytes(again.resolve("limits.csv")));
        for (int range = 1; range <= 5; range++) {
            assertArrayEquals(Files.readAllBytes(batch.resolve("spectrum-range" + range + ".fmh")),
                    Files.readAllBytes(again.resolve("spectrum-range" + range + ".fmh")));
        }
    }

    @Test
    void replayThroughTheTopologyGivesTheBatchLimits() throws Exception {
        Path stream = dir.resolve("stream");
        assertEquals(0, run("replay", dataset.toString(), "--out", stream.toString(), "--partitions", "3"));
        assertEquals(Files.readString(batch.resolve("limits.csv")), Files.readString(stream.resolve("limits.csv")));
        // the same candidates, each once, and the same records in the segments' histograms
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode b = json.readTree(batch.resolve("summary.json").toFile());
        com.fasterxml.jackson.databind.JsonNode s = json.readTree(stream.resolve("summary.json").toFile());
        assertTrue(b.get("candidates").asLong() > 0 && b.get("histogram_entries").asLong() > b.get("candidates").asLong(), b.toString());
        assertEquals(b.get("candidates").asLong(), s.get("candidates").asLong());
        assertEquals(b.get("histogram_entries").asLong(), s.get("histogram_entries").asLong());
    }

    @Test
    void replayKilledInTheMiddleAndResumedGivesTheSameLimits() throws Exception {
        Path out = dir.resolve("killed");
        Path data = dir.resolve("killed-data");
        Path stderr = dir.resolve("killed.err");
        // each one-hour run paced to about 8 s, so that the kill lands inside a run's open transaction
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.fourmu.avro", "-cp", System.getProperty("java.class.path"),
                FourmuCommand.class.getName(), "replay", dataset.toString(), "--speed", "450", "--data-dir", data.toString(),
                "--out", out.toString());
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.currentTimeMillis() + 240_000;
        // the first run is committed when the progress passes a third
        while (System.currentTimeMillis() < deadline && p.isAlive()
                && !Files.readString(stderr, StandardCharsets.UTF_8).matches("(?s).*\\n\\s*(3|4|5|6)0%.*")) {
            Thread.sleep(200);
        }
        assertTrue(p.isAlive(), "replay ended before it could be killed:\n" + Files.readString(stderr));
        Thread.sleep(2000);
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(!Files.exists(out.resolve("limits.csv")), "killed before the end");

        assertEquals(0, run("replay", dataset.toString(), "--data-dir", data.toString(), "--out", out.toString()));
        assertEquals(Files.readString(batch.resolve("limits.csv")), Files.readString(out.resolve("limits.csv")));
    }

    @Test
    void publishedIntoAClusterAndRecordedBackGivesTheSameDatasetAndLimits() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("cluster"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.createMissing(admin, 3, (short) 1);
            String[] cluster = {"--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url()};
            assertEquals(0, run(concat(new String[] {"replay", dataset.toString()}, cluster)));
            // a second publication of the same dataset finds its committed position at the end: nothing twice
            assertEquals(0, run(concat(new String[] {"replay", dataset.toString()}, cluster)));
            Path recorded = dir.resolve("recorded");
            assertEquals(0, run(concat(new String[] {"record", "--out", recorded.toString(), "--name", "ds"}, cluster)));
            DatasetManifest original = DatasetManifest.read(dataset);
            DatasetManifest copy = DatasetManifest.read(recorded);
            assertEquals(original.events(), copy.events());
            assertEquals(original.integratedLuminosity(), copy.integratedLuminosity(), 1e-12);
            assertEquals(original.runs().size(), copy.runs().size());
            Path out = dir.resolve("recorded-batch");
            assertEquals(0, run("replay", recorded.toString(), "--batch", "--out", out.toString()));
            assertEquals(Files.readString(batch.resolve("limits.csv")), Files.readString(out.resolve("limits.csv")));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void changedFileIsRefusedNamingIt() throws Exception {
        Path copy = dir.resolve("tampered");
        Files.createDirectories(copy);
        for (Path f : Files.list(dataset).toList()) {
            Files.copy(f, copy.resolve(f.getFileName()));
        }
        DatasetManifest m = DatasetManifest.read(copy);
        Path file = copy.resolve(m.runs().get(1).file());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        CommandLine cl = FourmuCommand.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("replay", copy.toString(), "--batch", "--out", dir.resolve("tampered-out").toString());
        assertTrue(code != 0);
        assertTrue(err.toString().contains(m.runs().get(1).file()) && err.toString().contains("SHA-256"), err.toString());
    }
}
