package org.fourmu.app.ntuple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.fourmu.app.FourmuCommand;
import org.fourmu.app.dataset.DatasetManifest;
import org.fourmu.app.dataset.RunFiles;
import org.fourmu.avro.Event;
import org.fourmu.avro.HelixTrack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A simulated dataset exported as a flat ntuple and imported back gives the same events, value for value,
 * and the same limit curve, for CSV and Parquet; the Parquet file reads the same through Parquet's own
 * example (Group) reader, independent of the Avro binding; a misspelled column is named; bad rows are
 * counted and their events left out.
 */
class NtupleRoundTripTest {

    @TempDir
    static Path dir;
    static Path dataset;
    static Path limits;

    @BeforeAll
    static void simulateAndReplay() throws Exception {
        dataset = dir.resolve("ds");
        // three runs of 0.5 fb^-1 of e+e- -> 4mu: a few hundred events
        assertEquals(0, run("simulate", "--process", "mumumumu", "--lumi", "1.5", "--run-lumi", "0.5", "--seed", "11",
                "--dataset", dataset.toString()));
        Path out = dir.resolve("replay-original");
        assertEquals(0, run("replay", dataset.toString(), "--batch", "--out", out.toString()));
        limits = out.resolve("limits.csv");
    }

    private static int run(String... args) {
        return FourmuCommand.commandLine().execute(args);
    }

    private static String runFailing(String... args) {
        CommandLine cl = FourmuCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertNotEquals(0, cl.execute(args));
        return err.toString();
    }

    private static List<Event> events(Path ds) throws Exception {
        List<Event> events = new ArrayList<>();
        for (DatasetManifest.Run r : DatasetManifest.read(ds).runs()) {
            RunFiles.read(ds.resolve(r.file()), 0, e -> events.add(Event.newBuilder(e).build()));
        }
        return events;
    }

    private static Path exportAndImport(String ext, String name) throws Exception {
        Path tracks = dir.resolve(name + "." + ext);
        assertEquals(0, run("export", "--dataset", dataset.toString(), "--ntuple", tracks.toString()));
        Path copy = dir.resolve(name + "-ds");
        assertEquals(0, run("import", "--ntuple", tracks.toString(), "--photons", NtupleFormat.sibling(tracks, "photons").toString(),
                "--runs", NtupleFormat.sibling(tracks, "runs").toString(), "--dataset", copy.toString()));
        return copy;
    }

    private void assertSameDatasetAndLimits(Path copy) throws Exception {
        DatasetManifest original = DatasetManifest.read(dataset);
        DatasetManifest imported = DatasetManifest.read(copy);
        assertEquals(original.runs().size(), imported.runs().size());
        for (int i = 0; i < original.runs().size(); i++) {
            DatasetManifest.Run a = original.runs().get(i);
            DatasetManifest.Run b = imported.runs().get(i);
            assertEquals(List.of(a.experiment(), a.run(), a.events(), a.integratedLuminosity(), a.herEnergy(), a.lerEnergy(),
                    a.herAngle(), a.lerAngle(), a.startMillis(), a.stopMillis()), List.of(b.experiment(), b.run(), b.events(),
                    b.integratedLuminosity(), b.herEnergy(), b.lerEnergy(), b.herAngle(), b.lerAngle(), b.startMillis(), b.stopMillis()));
        }
        List<Event> before = events(dataset);
        List<Event> after = events(copy);
        assertEquals(before.size(), after.size());
        assertTrue(before.stream().anyMatch(e -> !e.getPhotons().isEmpty()), "some events have photons");
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), "event " + i);
        }
        Path out = copy.resolveSibling(copy.getFileName() + "-replay");
        assertEquals(0, run("replay", copy.toString(), "--batch", "--out", out.toString()));
        assertEquals(Files.readString(limits), Files.readString(out.resolve("limits.csv")));
    }

    @Test
    void csvRoundTripGivesTheSameEventsAndLimits() throws Exception {
        assertSameDatasetAndLimits(exportAndImport("csv", "csv"));
    }

    @Test
    void parquetRoundTripGivesTheSameEventsAndLimits() throws Exception {
        assertSameDatasetAndLimits(exportAndImport("parquet", "pq"));
    }

    @Test
    void parquetFileReadsTheSameThroughParquetsOwnGroupReader() throws Exception {
        Path tracks = dir.resolve("group.parquet");
        assertEquals(0, run("export", "--dataset", dataset.toString(), "--ntuple", tracks.toString()));
        List<Group> rows = new ArrayList<>();
        MessageType schema;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(tracks))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(records.read());
                }
            }
        }
        assertTrue(schema.containsField("__experiment__") && schema.containsField("px")
                && schema.containsField("trackFitCovariance__bo2__cm__sp4__bc"), schema.toString());
        List<HelixTrack> tracksOfDataset = new ArrayList<>();
        List<long[]> keys = new ArrayList<>();
        for (Event e : events(dataset)) {
            if (e.getTracks().isEmpty()) {
                tracksOfDataset.add(null);
                keys.add(new long[] {e.getRun(), e.getEventNumber(), 0});
            }
            for (HelixTrack t : e.getTracks()) {
                tracksOfDataset.add(t);
                keys.add(new long[] {e.getRun(), e.getEventNumber(), e.getTracks().size()});
            }
        }
        assertEquals(tracksOfDataset.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Group g = rows.get(i);
            assertEquals(keys.get(i)[0], g.getInteger("__run__", 0));
            assertEquals(keys.get(i)[1], g.getLong("__event__", 0));
            assertEquals(keys.get(i)[2], g.getInteger("__ncandidates__", 0));
            HelixTrack t = tracksOfDataset.get(i);
            if (t == null) {
                assertEquals(0, g.getFieldRepetitionCount("px"), "an event without tracks has no px");
                continue;
            }
            assertEquals(t.getPx(), g.getDouble("px", 0));
            assertEquals(t.getOmega(), g.getDouble("omega", 0));
            assertEquals(t.getCharge(), g.getInteger("charge", 0));
            assertEquals(t.getHelixCovariance().get(14), g.getDouble("trackFitCovariance__bo4__cm__sp4__bc", 0));
            assertEquals(t.getHelixCovariance().get(1), g.getDouble("trackFitCovariance__bo0__cm__sp1__bc", 0));
        }
    }

    @Test
    void misspelledRequiredColumnIsNamedWithTheFile() throws Exception {
        Path tracks = dir.resolve("typo.csv");
        assertEquals(0, run("export", "--dataset", dataset.toString(), "--ntuple", tracks.toString()));
        List<String> lines = new ArrayList<>(Files.readAllLines(tracks));
        lines.set(0, lines.get(0).replace(",tanLambda,", ",tanLamda,"));
        Files.write(tracks, lines);
        String err = runFailing("import", "--ntuple", tracks.toString(), "--runs", NtupleFormat.sibling(tracks, "runs").toString(),
                "--dataset", dir.resolve("typo-ds").toString());
        assertTrue(err.contains("'tanLambda' is missing") && err.contains(tracks.toString()) && err.contains("'tanLamda'"), err);
        assertFalse(Files.exists(dir.resolve("typo-ds").resolve(DatasetManifest.FILE_NAME)));
    }

    @Test
    void runMissingFromTheRunTableStopsTheImportWithoutAManifest() throws Exception {
        Path tracks = dir.resolve("norun.csv");
        assertEquals(0, run("export", "--dataset", dataset.toString(), "--ntuple", tracks.toString()));
        Path runs = NtupleFormat.sibling(tracks, "runs");
        List<String> lines = new ArrayList<>(Files.readAllLines(runs));
        String dropped = lines.remove(2);
        Files.write(runs, lines);
        Path out = dir.resolve("norun-ds");
        String err = runFailing("import", "--ntuple", tracks.toString(), "--runs", runs.toString(), "--dataset", out.toString());
        String run = dropped.split(",")[0] + "/" + dropped.split(",")[1];
        assertTrue(err.contains("run " + run + " has no row in the run table " + runs), err);
        assertFalse(Files.exists(out.resolve(DatasetManifest.FILE_NAME)));
    }

    @Test
    void basf2SpellingsReadTheSame() throws Exception {
        // trackFitCovariance(i, j) as the variable (not the ROOT branch) name, lower triangle, integers as doubles
        Path tracks = dir.resolve("spelled.csv");
        assertEquals(0, run("export", "--dataset", dataset.toString(), "--ntuple", tracks.toString()));
        List<String> lines = new ArrayList<>(Files.readAllLines(tracks));
        String header = lines.get(0);
        for (int i = 0; i < 5; i++) {
            for (int j = i; j < 5; j++) {
                header = header.replace(NtupleLayout.covariance(i, j), "\"trackFitCovariance(" + j + ", " + i + ")\"");
            }
        }
        List<String> columns = List.of(lines.get(0).split(","));
        int charge = columns.indexOf("charge");
        lines.set(0, header + ",pionID");
        for (int k = 1; k < lines.size(); k++) {
            String[] v = lines.get(k).split(",", -1);
            if (!v[charge].isEmpty()) {
                v[charge] = v[charge] + ".0";
            }
            lines.set(k, String.join(",", v) + ",0.1");
        }
        Files.write(tracks, lines);
        Path copy = dir.resolve("spelled-ds");
        assertEquals(0, run("import", "--ntuple", tracks.toString(), "--photons", NtupleFormat.sibling(tracks, "photons").toString(),
                "--runs", NtupleFormat.sibling(tracks, "runs").toString(), "--dataset", copy.toString()));
        assertEquals(events(dataset), events(copy));
    }

    @Test
    void badRowsAreCountedAndTheirEventsLeftOut() throws Exception {
        Path tracks = dir.resolve("bad.csv");
        assertEquals(0, run("export", "--dataset", dataset.toString(), "--ntuple", tracks.toString()));
        List<String> lines = new ArrayList<>(Files.readAllLines(tracks));
        List<String> columns = List.of(lines.get(0).split(","));
        // four different events (rows 1, 2 are the same event: start each edit at a new event)
        List<Integer> starts = new ArrayList<>();
        String previous = "";
        for (int k = 1; k < lines.size(); k++) {
            String[] v = lines.get(k).split(",", -1);
            String key = v[1] + "/" + v[2];
            if (!key.equals(previous) && !v[columns.indexOf("px")].isEmpty()) {
                starts.add(k);
            }
            previous = key;
        }
        edit(lines, starts.get(0), columns.indexOf("px"), "abc");
        edit(lines, starts.get(1), columns.indexOf("d0"), "NaN");
        edit(lines, starts.get(2), columns.indexOf("charge"), "0.5");
        // a curvature whose sign contradicts the charge: parses, but the stream would dead-letter the event
        double omega = Double.parseDouble(lines.get(starts.get(3)).split(",")[columns.indexOf("omega")]);
        edit(lines, starts.get(3), columns.indexOf("omega"), Double.toString(-omega));
        Files.write(tracks, lines);
        Path copy = dir.resolve("bad-ds");
        assertEquals(0, run("import", "--ntuple", tracks.toString(), "--photons", NtupleFormat.sibling(tracks, "photons").toString(),
                "--runs", NtupleFormat.sibling(tracks, "runs").toString(), "--dataset", copy.toString()));
        String report = Files.readString(copy.resolve(ImportReport.FILE_NAME));
        assertTrue(report.contains("bad value, column px: not a number") && report.contains("bad value, column d0: not finite")
                && report.contains("bad value, column charge: not an integer")
                && report.contains("rejected as the stream would (INCONSISTENT_TRACK)"), report);
        assertTrue(report.contains("bad.csv row " + starts.get(0)), report);
        assertEquals(events(dataset).size() - 4, DatasetManifest.read(copy).events());
        assertTrue(report.contains("\"eventsRejected\" : 4"), report);
    }

    private static void edit(List<String> lines, int row, int column, String value) {
        String[] v = lines.get(row).split(",", -1);
        v[column] = value;
        lines.set(row, String.join(",", v));
    }
}
