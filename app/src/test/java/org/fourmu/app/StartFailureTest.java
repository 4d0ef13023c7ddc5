package org.fourmu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad options, files and bundles stop a command before it starts anything, with a non-zero exit
 * and one line naming the option, file or field: no stack trace unless --verbose.
 */
class StartFailureTest {

    @TempDir
    Path dir;

    /** Exit code and standard error of one in-process run. */
    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cl = FourmuCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return new Outcome(cl.execute(args), err.toString());
    }

    /** Exit {@code code}, one line on stderr starting with the command's name and containing every {@code named}. */
    private static void assertOneLine(Outcome o, int code, String command, String... named) {
        assertEquals(code, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), "not one line:\n" + o.err());
        assertTrue(o.err().startsWith("fourmu " + command + ": "), o.err());
        for (String n : named) {
            assertTrue(o.err().contains(n), "'" + n + "' not named in: " + o.err());
        }
        assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), o.err());
    }

    @Test
    void unknownOptionIsNamed() {
        assertOneLine(run("demo", "--no-such-option"), 2, "demo", "--no-such-option", "fourmu demo --help");
    }

    @Test
    void numberThatIsNotANumberIsNamed() {
        assertOneLine(run("simulate", "--process", "mumumumu", "--lumi", "abc", "--out", dir.resolve("x.avro").toString()),
                2, "simulate", "--lumi", "'abc'");
    }

    @Test
    void negativeLuminosityIsRefused() {
        assertOneLine(run("simulate", "--process", "mumumumu", "--lumi", "-1", "--out", dir.resolve("x.avro").toString()),
                1, "simulate", "--lumi", "-1");
    }

    @Test
    void missingDatasetIsNamed() {
        Path missing = dir.resolve("no-such-dataset");
        assertOneLine(run("replay", missing.toString(), "--batch"), 1, "replay", missing.toString());
    }

    @Test
    void missingOrUnreadableCalibrationIsNamed() throws Exception {
        Path missing = dir.resolve("calibration-missing.json");
        assertOneLine(runDemoWith(missing), 1, "demo", missing.toString());
        Path directory = Files.createDirectory(dir.resolve("calibration-is-a-directory.json"));
        assertOneLine(runDemoWith(directory), 1, "demo", directory.toString());
    }

    @Test
    void bundleWithBadHashIsRefused() throws Exception {
        Path f = editedBundle("bad-hash.json", root -> root.put("id", "0" + root.get("id").asText().substring(1)));
        assertOneLine(runDemoWith(f), 1, "demo", "bad-hash.json", "does not match the bundle id");
    }

    @Test
    void bundleOfAnotherFormatIsRefused() throws Exception {
        Path f = editedBundle("other-format.json", root -> root.put("format", "not-fourmu"));
        assertOneLine(runDemoWith(f), 1, "demo", "other-format.json", "format is 'not-fourmu'");
    }

    @Test
    void bundleWithAMissingFieldIsRefusedNamingIt() throws Exception {
        Path f = editedBundle("missing-field.json", root -> ((ObjectNode) root.get("content")).remove("trigger"));
        assertOneLine(runDemoWith(f), 1, "demo", "missing-field.json", "trigger");
    }

    @Test
    void bundleWithNaNInACurveIsRefused() throws Exception {
        Path f = editedBundle("nan.json", root -> {
            ObjectNode eff = (ObjectNode) root.get("content").get("efficiencies").elements().next();
            ArrayNode values = (ArrayNode) eff.get("uncorrected");
            values.set(3, values.numberNode(Double.NaN));
        });
        // Jackson writes NaN as the string "NaN"; a hand-edited file may hold the bare (non-JSON) token instead
        assertOneLine(runDemoWith(f), 1, "demo", "nan.json", "content.efficiencies.scalar.uncorrected[3]", "must be a number");
        Path bare = Files.writeString(dir.resolve("bare-nan.json"), Files.readString(f).replace("\"NaN\"", "NaN"));
        assertOneLine(runDemoWith(bare), 1, "demo", "bare-nan.json");
    }

    @Test
    void unreachableKafkaIsNamedWithinTheProbeTimeout() {
        long t0 = System.nanoTime();
        Outcome o = run("demo", "--bootstrap-servers", "127.0.0.1:1", "--data-dir", dir.toString(), "--http-port", "0");
        double seconds = (System.nanoTime() - t0) * 1e-9;
        assertOneLine(o, 1, "demo", "Kafka at 127.0.0.1:1 did not answer within 15 s");
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    void portInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Outcome o = run("demo", "--kafka-port", Integer.toString(port), "--data-dir", dir.toString(),
                    "--registry-port", "0", "--http-port", "0");
            assertOneLine(o, 1, "demo", "127.0.0.1:" + port, "Address already in use");
        }
    }

    @Test
    void verboseAddsTheStackTrace() {
        Outcome o = run("replay", dir.resolve("none").toString(), "--batch", "--verbose");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("\tat "), o.err());
    }

    private Outcome runDemoWith(Path calibration) {
        // an unreachable cluster: should the bundle pass, the run still ends (at the probe) instead of running on
        return run("demo", "--calibration", calibration.toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--data-dir", dir.toString(), "--http-port", "0");
    }

    private Path editedBundle(String name, Consumer<ObjectNode> edit) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("calibration/default.json")) {
            root = (ObjectNode) json.readTree(in);
        }
        edit.accept(root);
        return Files.write(dir.resolve(name), json.writeValueAsBytes(root));
    }
}
