package org.fourmu.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.fourmu.avro.Event;
import org.fourmu.topology.events.EventValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private List<Event> read(File f) throws Exception {
        List<Event> events = new ArrayList<>();
        try (DataFileReader<Event> reader = new DataFileReader<>(f, new SpecificDatumReader<>(Event.class))) {
            reader.forEach(events::add);
        }
        return events;
    }

    @Test
    void shouldWriteValidDeterministicEventsToAnAvroFile() throws Exception {
        File a = dir.resolve("a.avro").toFile();
        File b = dir.resolve("b.avro").toFile();
        String[] args = {"--process", "mumumumu", "--events", "300", "--seed", "4", "--chunk", "128"};
        assertEquals(0, new CommandLine(new SimulateCommand()).execute(concat(args, "--out", a.toString())));
        assertEquals(0, new CommandLine(new SimulateCommand()).execute(concat(args, "--out", b.toString())));
        List<Event> first = read(a);
        assertEquals(300, first.size());
        assertEquals(first, read(b));
        for (Event e : first) {
            assertEquals(true, EventValidation.problem(e).isEmpty(), () -> EventValidation.problem(e).toString());
        }
        assertEquals(299L, first.get(299).getEventNumber());
        assertEquals(true, Files.size(a.toPath()) > 0);
    }

    @Test
    void shouldWriteTheCheapMixProcessesWithTheirOwnProcessNames() throws Exception {
        File f = dir.resolve("m.avro").toFile();
        assertEquals(0, new CommandLine(new SimulateCommand()).execute("--process", "tautau", "--lumi", "0.0002", "--seed", "2",
            "--out", f.toString()));
        List<Event> events = read(f);
        assertEquals(Math.round(0.919e6 * 0.0002), events.size());
        for (Event e : events) {
            assertEquals("tautau", e.getTruth().getProcess());
            assertEquals(true, EventValidation.problem(e).isEmpty(), () -> EventValidation.problem(e).toString());
        }
    }

    @Test
    void shouldRecordEachProcessOfASkimmedDatasetInItsManifest() throws Exception {
        Path ds = dir.resolve("skimmed");
        assertEquals(0, new CommandLine(new SimulateCommand()).execute("--process", "tautau", "--lumi", "0.02", "--run-lumi", "0.01",
            "--seed", "2", "--skim", "--dataset", ds.toString()));
        org.fourmu.app.dataset.DatasetManifest m = org.fourmu.app.dataset.DatasetManifest.read(ds);
        assertEquals(1, m.processes().size());
        org.fourmu.app.dataset.DatasetManifest.Process tau = m.processes().get(0);
        assertEquals("tautau", tau.process());
        assertEquals(Math.round(0.919e6 * 0.02), tau.generated());
        assertEquals(0.02, tau.lumiInvFb(), 1e-15);
        assertEquals(m.events(), tau.kept());
        assertEquals(0.02, m.integratedLuminosity(), 1e-12);
        // every kept event has exactly four tracks: the skim ran
        long events = 0;
        for (org.fourmu.app.dataset.DatasetManifest.Run run : m.runs()) {
            for (Event e : read(ds.resolve(run.file()).toFile())) {
                assertEquals(4, e.getTracks().size());
                events++;
            }
        }
        assertEquals(tau.kept(), events);
        assertEquals(true, tau.generated() > 1000 * tau.kept(), "tau pairs rarely make four tracks in the window: " + tau.kept());
    }

    @Test
    void shouldRefuseAProcessLuminosityWithoutSkimOrForAProcessNotInTheMix() {
        assertEquals(1, org.fourmu.app.FourmuCommand.commandLine().execute("simulate", "--process", "tautau", "--lumi", "0.01",
            "--process-lumi", "tautau=0.001", "--dataset", dir.resolve("a").toString()));
        assertEquals(1, org.fourmu.app.FourmuCommand.commandLine().execute("simulate", "--process", "tautau", "--lumi", "0.01",
            "--skim", "--process-lumi", "qqbar=0.001", "--dataset", dir.resolve("b").toString()));
        assertEquals(1, org.fourmu.app.FourmuCommand.commandLine().execute("simulate", "--process", "tautau", "--lumi", "0.01",
            "--oversample", "tautau=4", "--dataset", dir.resolve("c").toString()));
        assertEquals(1, org.fourmu.app.FourmuCommand.commandLine().execute("simulate", "--process", "tautau", "--lumi", "0.01",
            "--skim", "--oversample", "tautau=0", "--dataset", dir.resolve("d").toString()));
        assertEquals(1, org.fourmu.app.FourmuCommand.commandLine().execute("simulate", "--process", "tautau", "--lumi", "0.01",
            "--skim", "--oversample", "qqbar=2", "--dataset", dir.resolve("e").toString()));
        for (String d : List.of("a", "b", "c", "d", "e")) {
            assertEquals(false, Files.exists(dir.resolve(d)), d);
        }
    }

    /** An oversampled process: as many events as its luminosity asks, from 1/K as many generator events, recorded so. */
    @Test
    void shouldRecordTheOversamplingOfAProcessAndKeepItsEventCount() throws Exception {
        Path ds = dir.resolve("oversampled");
        assertEquals(0, new CommandLine(new SimulateCommand()).execute("--process", "realistic", "--lumi", "0.004", "--run-lumi", "0.002",
            "--seed", "2", "--skim", "--process-lumi", "mumugamma=0.001", "--oversample", "mumugamma=20", "--oversample", "bhabha=1000",
            "--chunk", "64", "--dataset", ds.toString()));
        org.fourmu.app.dataset.DatasetManifest m = org.fourmu.app.dataset.DatasetManifest.read(ds);
        org.fourmu.app.dataset.DatasetManifest.Process mumugamma = m.processes().stream()
            .filter(p -> p.process().equals("mumugamma")).findFirst().orElseThrow();
        org.fourmu.app.dataset.DatasetManifest.Process bhabha = m.processes().stream()
            .filter(p -> p.process().equals("bhabha")).findFirst().orElseThrow();
        assertEquals(20, mumugamma.oversampling());
        assertEquals(Math.round(mumugamma.crossSectionFb() * 0.001), mumugamma.generated());
        assertEquals((mumugamma.generated() + 19) / 20, mumugamma.generatorEvents());
        assertEquals(1000, bhabha.oversampling());
        assertEquals(Math.round(3.0e8 * 0.004), bhabha.generated());
        assertEquals(0, bhabha.kept());
        assertEquals(1, m.processes().stream().filter(p -> p.process().equals("tautau")).findFirst().orElseThrow().oversampling());
        assertEquals(m.events(), m.processes().stream().mapToLong(org.fourmu.app.dataset.DatasetManifest.Process::kept).sum());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
