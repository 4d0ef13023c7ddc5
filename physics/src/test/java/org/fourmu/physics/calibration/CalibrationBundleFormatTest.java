package org.fourmu.physics.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.fourmu.physics.pid.ParticleHypothesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationBundleFormatTest {

    static final CalibrationBundle BUNDLE = CalibrationFixtures.bundle();

    static String json(CalibrationBundle b) {
        return new String(CalibrationBundleFormat.toJson(b), StandardCharsets.UTF_8);
    }

    static CalibrationBundle parse(String json) {
        return CalibrationBundleFormat.fromJson(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    @Test
    void roundTripKeepsEveryNumberAndTheId() {
        CalibrationBundle back = parse(json(BUNDLE));
        assertEquals(BUNDLE.id(), back.id());
        assertEquals(json(BUNDLE), json(back));
        assertArrayEquals(BUNDLE.shape("zprime").meanShiftGeV(), back.shape("zprime").meanShiftGeV());
        assertEquals(BUNDLE.efficiency("scalar").efficiency(3.3), back.efficiency("scalar").efficiency(3.3), 0.0);
        assertEquals(BUNDLE.pid().likelihood(new org.fourmu.physics.pid.PidObservables(1.3, 1.0, 0.95, 0.15, 1.2),
                ParticleHypothesis.MUON), back.pid().likelihood(new org.fourmu.physics.pid.PidObservables(1.3, 1.0, 0.95, 0.15, 1.2),
                ParticleHypothesis.MUON), 0.0);
        assertEquals(BUNDLE.trigger(), back.trigger());
        assertEquals(BUNDLE.model("zprime"), back.model("zprime"));
        assertEquals(BUNDLE.systematics().totalRelative(0.5), back.systematics().totalRelative(0.5), 0.0);
    }

    @Test
    void idIsTheSha256OfTheCanonicalContentAndStable() throws Exception {
        String id = BUNDLE.id();
        assertTrue(id.matches("[0-9a-f]{64}"));
        assertEquals(id, CalibrationFixtures.bundle().id(), "same content, same id");
        assertTrue(json(BUNDLE).contains("\"id\" : \"" + id + "\""));
        // the id is a real SHA-256: the digest of some byte string is 32 bytes, and an empty payload differs
        assertEquals(64, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0])).length());
    }

    @Test
    void idChangesWhenOneNumberChangesByOneUlp() {
        EfficiencyCurve z = BUNDLE.efficiency("zprime");
        double[] e = z.uncorrected();
        e[2] = Math.nextUp(e[2]);
        Map<String, EfficiencyCurve> eff = new TreeMap<>(BUNDLE.efficiencies());
        eff.put("zprime", new EfficiencyCurve(z.model(), z.selection(), z.massesGeV(), e, z.uncorrectedError(),
                z.isrCorrection(), z.isrCorrectionError()));
        CalibrationBundle changed = new CalibrationBundle(BUNDLE.provenance(), BUNDLE.shapes(), eff, BUNDLE.trigger(),
                BUNDLE.pid(), BUNDLE.systematics(), BUNDLE.models(), BUNDLE.mlp());
        assertNotEquals(BUNDLE.id(), changed.id());
        assertNotEquals(BUNDLE.id(), BUNDLE.withMlp(new MlpSelectionPayload("test-mlp/1", new byte[] {1, 2, 3})).id());
    }

    @Test
    void whitespaceDoesNotMatterButContentDoes() {
        String compact = json(BUNDLE).replace("\n", " ").replace("  ", " ");
        assertEquals(BUNDLE.id(), parse(compact).id());
    }

    @Test
    void aCorruptedNumberIsRefusedByTheHash() {
        String text = json(BUNDLE);
        String target = "\"isrCorrection\" : 0.985";
        assertTrue(text.contains(target));
        CalibrationBundleException e = assertThrows(CalibrationBundleException.class,
                () -> parse(text.replaceFirst(target, "\"isrCorrection\" : 0.986")));
        assertTrue(e.getMessage().contains("does not match the bundle id"), e.getMessage());
        assertTrue(e.getMessage().contains("test.json"), e.getMessage());
    }

    @Test
    void truncatedOrForeignFilesAreRefusedWithTheReason() {
        String text = json(BUNDLE);
        assertMessage("not valid JSON", text.substring(0, text.length() / 2));
        assertMessage("format version 2 is not supported", text.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
        assertMessage("format is 'other'", text.replace("\"format\" : \"fourmu-calibration\"", "\"format\" : \"other\""));
        assertMessage("unknown field 'content.extra'", text.replace("\"content\" : {", "\"content\" : { \"extra\" : 1,"));
        assertMessage("missing field 'content.trigger.singleMuonPlateau'", text.replace("\"singleMuonPlateau\"", "\"singleMuonPlateauX\""));
        assertMessage("'content.efficiencies.scalar': an efficiency must be in [0, 1]",
                text.replaceFirst("\"uncorrected\" : \\[ 0.45", "\"uncorrected\" : [ 1.45"));
        assertMessage("the file is empty", "");
    }

    static void assertMessage(String expected, String json) {
        CalibrationBundleException e = assertThrows(CalibrationBundleException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void fileNameCarriesTheShortIdAndARenamedFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = CalibrationBundleFormat.write(BUNDLE, dir);
        assertEquals("calibration-" + BUNDLE.id().substring(0, 12) + ".json", file.getFileName().toString());
        assertEquals(BUNDLE.id(), CalibrationBundleFormat.read(file).id());
        assertEquals(BUNDLE.id(), CalibrationBundleFormat.read(file, BUNDLE.id().substring(0, 8)).id());
        Path renamed = dir.resolve("calibration-000000000000.json");
        Files.copy(file, renamed);
        CalibrationBundleException e = assertThrows(CalibrationBundleException.class, () -> CalibrationBundleFormat.read(renamed));
        assertTrue(e.getMessage().contains("does not match the id in its file name"), e.getMessage());
        CalibrationBundleException other = assertThrows(CalibrationBundleException.class,
                () -> CalibrationBundleFormat.read(file, "deadbeef"));
        assertTrue(other.getMessage().contains("not the requested deadbeef"), other.getMessage());
    }
}
