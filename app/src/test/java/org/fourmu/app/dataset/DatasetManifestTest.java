package org.fourmu.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetManifestTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadAManifestWrittenBeforeTheSkimAccountingExisted() throws Exception {
        Files.writeString(dir.resolve(DatasetManifest.FILE_NAME), """
            {"format": "fourmu-dataset/1", "name": "old", "runs": [{"experiment": 0, "run": 1, "file": "e0000-r000001.avro",
             "events": 12, "integratedLuminosity": 5.0, "herEnergy": 7.004, "lerEnergy": 4.002, "herAngle": 0.0415,
             "lerAngle": 0.0415, "startMillis": 1, "stopMillis": 2, "sha256": "ab"}]}
            """);
        DatasetManifest m = DatasetManifest.read(dir);
        assertEquals(12, m.events());
        assertNull(m.skim());
        assertNull(m.processes());
    }

    @Test
    void shouldKeepThePerProcessAccountingThroughWriteAndRead() throws Exception {
        DatasetManifest.Run run = new DatasetManifest.Run(0, 1, "f.avro", 3, 178, 7.004, 4.002, 0.0415, 0.0415, 1, 2, "ab");
        List<DatasetManifest.Process> processes = List.of(new DatasetManifest.Process("qqbar", 3.69e6, 0.2, 738_000, 700),
            new DatasetManifest.Process("mumumumu", 315.7, 178, 56_195, 30_000));
        new DatasetManifest(DatasetManifest.FORMAT, "mix", List.of(run), "four-track", processes).write(dir);
        DatasetManifest back = DatasetManifest.read(dir);
        assertEquals(processes, back.processes());
        assertEquals("four-track", back.skim());
        assertEquals(700.0 / 738_000, back.processes().get(0).skimEfficiency(), 1e-15);
        // a manifest of recorded data stays as it was: no skim, no process fields
        new DatasetManifest(DatasetManifest.FORMAT, "data", List.of(run)).write(dir);
        String json = Files.readString(dir.resolve(DatasetManifest.FILE_NAME));
        assertEquals(false, json.contains("processes") || json.contains("skim"));
    }
}
