package org.fourmu.app.ntuple;

import static org.fourmu.app.ntuple.NtupleLayout.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fourmu.app.dataset.DatasetWriter;
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.GeneratorTruth;
import org.fourmu.avro.HelixTrack;
import org.fourmu.avro.RecordedTrigger;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.topology.events.EventValidation;

/**
 * Converts a flat ntuple (track rows, photon rows, a run table) into the Avro dataset layout, so that
 * replay, resume and checksums work on it unchanged. An event with a bad row (a missing, non-numeric or
 * non-finite required value, a non-integer count, inconsistent candidate numbers, rows not together) or
 * one the stream would dead-letter ({@link EventValidation}) is left out and counted in the report: the
 * dataset holds only events the search accepts. A missing required column, or a run without a row in the
 * run table, stops the import before it writes a manifest.
 */
public final class NtupleImport {

    private static final int EXAMPLES = 20;

    /** Default dE/dx when the column is absent: one minimum-ionising unit, what a muon leaves. */
    public static final double DEFAULT_DEDX_MIP = 1.0;

    private final Path tracksFile;
    private final Path photonsFile;
    private final Path runsFile;

    private final Map<String, Long> rejected = new TreeMap<>();
    private final List<String> unused = new ArrayList<>();
    private final List<String> defaulted = new ArrayList<>();
    private final List<String> examples = new ArrayList<>();
    private long eventsRejected;
    private long rowsRejected;

    /**
     * @param tracks  the track ntuple
     * @param photons the photon ntuple, or null: then no event has photons
     * @param runs    the run table
     */
    public NtupleImport(Path tracks, Path photons, Path runs) {
        this.tracksFile = tracks;
        this.photonsFile = photons;
        this.runsFile = runs;
    }

    private record EventKey(int experiment, int run, long event) {
        @Override
        public String toString() {
            return "event " + experiment + "/" + run + "/" + event;
        }
    }

    private record RunKey(int experiment, int run) {
    }

    public ImportReport into(Path dataset, String name) throws IOException {
        Map<RunKey, RunInfo> runs = readRuns();
        Map<EventKey, List<EclPhoton>> photons = new HashMap<>();
        // events known to be bad before their track rows are read: a bad photon row, rows not together
        Map<EventKey, String> problems = new HashMap<>();
        long photonRows = photonsFile == null ? 0 : readPhotons(photons, problems);

        DatasetWriter writer = new DatasetWriter(dataset, name);
        long trackRows = 0;
        long written = 0;
        boolean complete = false;
        try {
            for (RunInfo info : runs.values()) {
                writer.runInfo(info);
            }
            try (NtupleReader reader = NtupleReader.open(tracksFile)) {
                NtupleHeader h = header(reader, TRACKS, "track");
                Set<EventKey> seen = new HashSet<>();
                EventKey current = null;
                List<Object[]> rows = new ArrayList<>();
                long firstRow = 0;
                for (Object[] row; (row = reader.next()) != null; ) {
                    trackRows++;
                    EventKey key = eventKey(h, reader, row);
                    if (key == null) {
                        continue;
                    }
                    if (!key.equals(current)) {
                        if (current != null) {
                            written += finish(writer, h, current, rows, firstRow, runs, photons, problems);
                        }
                        current = key;
                        rows = new ArrayList<>();
                        firstRow = reader.rowNumber();
                        if (!seen.add(key)) {
                            // its first rows were imported or rejected already; these cannot be joined to them
                            problems.put(key, "rows of the event are not together (already seen above)");
                        }
                    }
                    rows.add(row);
                }
                if (current != null) {
                    written += finish(writer, h, current, rows, firstRow, runs, photons, problems);
                }
            }
            for (Map.Entry<EventKey, List<EclPhoton>> orphan : photons.entrySet()) {
                // photons of an event without track rows: no event to give them to
                rowsRejected += orphan.getValue().size();
                reject("photon rows of an event absent from the track ntuple", photonsFile, -1, orphan.getKey().toString());
            }
            complete = true;
        } finally {
            if (complete) {
                writer.close();
            } else {
                writer.discard();
            }
        }
        ImportReport report = new ImportReport(trackRows, photonRows, runs.size(), written, eventsRejected, rowsRejected,
                rejected, examples, unused, defaulted);
        report.write(dataset);
        return report;
    }

    /** Builds, checks and writes one event; returns 1 if written, 0 if rejected. */
    private long finish(DatasetWriter writer, NtupleHeader h, EventKey key, List<Object[]> rows, long firstRow,
                        Map<RunKey, RunInfo> runs, Map<EventKey, List<EclPhoton>> photons, Map<EventKey, String> problems) {
        RunInfo run = runs.get(new RunKey(key.experiment(), key.run()));
        if (run == null) {
            throw new IllegalArgumentException("track ntuple " + tracksFile + " row " + firstRow + ": run " + key.experiment() + "/"
                    + key.run() + " has no row in the run table " + runsFile + " (its luminosity and beams are needed)");
        }
        List<EclPhoton> eventPhotons = photons.remove(key);
        String problem = problems.get(key);
        if (problem != null) {
            return rejectEvent(rows.size(), problem, firstRow, key.toString());
        }
        Event event;
        try {
            event = event(h, key, rows, run, eventPhotons == null ? List.of() : eventPhotons);
        } catch (NtupleHeader.BadValue e) {
            return rejectEvent(rows.size(), "bad value, " + e.getMessage().replaceFirst(" \\('.*", ""), firstRow,
                    key + ": " + e.getMessage());
        } catch (InconsistentCandidates e) {
            return rejectEvent(rows.size(), "inconsistent __candidate__/__ncandidates__", firstRow, key + ": " + e.getMessage());
        }
        Optional<EventValidation.Problem> invalid = EventValidation.problem(event);
        if (invalid.isPresent()) {
            return rejectEvent(rows.size(), "rejected as the stream would (" + invalid.get().reason() + ")", firstRow,
                    key + ": " + invalid.get().message());
        }
        writer.event(event);
        return 1;
    }

    private long rejectEvent(int rows, String reason, long firstRow, String detail) {
        eventsRejected++;
        rowsRejected += rows;
        reject(reason, tracksFile, firstRow, detail);
        return 0;
    }

    private void reject(String reason, Path file, long row, String detail) {
        rejected.merge(reason, 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(file.getFileName() + (row > 0 ? " row " + row : "") + ": " + detail);
        }
    }

    private static final class InconsistentCandidates extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InconsistentCandidates(String message) {
            super(message);
        }
    }

    private static Event event(NtupleHeader h, EventKey key, List<Object[]> rows, RunInfo run, List<EclPhoton> photons) {
        Object[] first = rows.get(0);
        Integer n = h.optionalInt(first, N_CANDIDATES);
        boolean noTracks = n != null && n == 0;
        if (n != null) {
            if (noTracks ? rows.size() != 1 : rows.size() != n) {
                throw new InconsistentCandidates(rows.size() + " rows, __ncandidates__ = " + n);
            }
            for (int k = 0; k < rows.size(); k++) {
                Integer nk = h.optionalInt(rows.get(k), N_CANDIDATES);
                Integer c = h.optionalInt(rows.get(k), CANDIDATE);
                if (!n.equals(nk) || (!noTracks && c != null && c != k)) {
                    throw new InconsistentCandidates("row " + k + " of the event has __candidate__ = " + c + ", __ncandidates__ = " + nk);
                }
            }
        }
        List<HelixTrack> tracks = new ArrayList<>();
        if (!noTracks) {
            for (Object[] row : rows) {
                tracks.add(track(h, row));
            }
        }
        Long seconds = h.optionalInteger(first, TIME_SECONDS);
        Double fraction = h.optionalFinite(first, TIME_FRACTION);
        long millis = seconds == null ? run.getStartMillis()
                : Math.addExact(Math.multiplyExact(seconds, 1000L), fraction == null ? 0 : Math.round(fraction * 1000));
        return Event.newBuilder().setExperiment(key.experiment()).setRun(key.run()).setEventNumber(key.event())
                .setTimeMillis(millis).setTracks(tracks).setPhotons(photons)
                .setTrigger(trigger(h, first)).setTruth(truth(h, first)).build();
    }

    private static HelixTrack track(NtupleHeader h, Object[] row) {
        List<Double> covariance = new ArrayList<>(15);
        for (int i = 0; i < HELIX_PARAMETERS; i++) {
            for (int j = i; j < HELIX_PARAMETERS; j++) {
                covariance.add(h.finite(row, covariance(i, j)));
            }
        }
        Double cluster = h.optionalFinite(row, CLUSTER_E);
        Double dedx = h.optionalFinite(row, DEDX);
        Integer reached = h.optionalInt(row, KLM_REACHED);
        Integer expected = h.optionalInt(row, KLM_EXPECTED);
        return HelixTrack.newBuilder()
                .setPx(h.finite(row, PX)).setPy(h.finite(row, PY)).setPz(h.finite(row, PZ))
                .setCharge(h.intValue(row, CHARGE))
                .setD0(h.finite(row, D0)).setPhi0(h.finite(row, PHI0)).setOmega(h.finite(row, OMEGA))
                .setZ0(h.finite(row, Z0)).setTanLambda(h.finite(row, TAN_LAMBDA))
                .setHelixCovariance(covariance)
                .setKlmLayersReached(reached == null ? 0 : reached).setKlmLayersExpected(expected == null ? 0 : expected)
                .setEclEnergy(cluster == null ? 0 : cluster).setDedx(dedx == null ? DEFAULT_DEDX_MIP : dedx)
                .setMuonId(h.optionalFinite(row, MUON_ID)).setElectronId(h.optionalFinite(row, ELECTRON_ID))
                .build();
    }

    private static RecordedTrigger trigger(NtupleHeader h, Object[] row) {
        Boolean three = bit(h, row, TRG_THREE_TRACK);
        Boolean single = bit(h, row, TRG_SINGLE_MUON);
        Boolean ecl = bit(h, row, TRG_ECL_REFERENCE);
        if (three == null && single == null && ecl == null) {
            return null;
        }
        return new RecordedTrigger(Boolean.TRUE.equals(three), Boolean.TRUE.equals(single), Boolean.TRUE.equals(ecl));
    }

    private static Boolean bit(NtupleHeader h, Object[] row, String column) {
        Long v = h.optionalInteger(row, column);
        if (v == null) {
            return null;
        }
        if (v != 0 && v != 1) {
            throw new NtupleHeader.BadValue(column, "not a trigger bit 0 or 1", v);
        }
        return v == 1;
    }

    private static GeneratorTruth truth(NtupleHeader h, Object[] row) {
        String process = h.text(row, MC_PROCESS);
        if (process == null) {
            return null;
        }
        Double weight = h.optionalFinite(row, MC_WEIGHT);
        return new GeneratorTruth(process, h.optionalFinite(row, MC_MASS), weight == null ? 1.0 : weight);
    }

    /** The file's columns matched to a layout; what it lacks or has in excess goes to the report. */
    private NtupleHeader header(NtupleReader reader, List<NtupleColumn> layout, String table) {
        NtupleHeader h = new NtupleHeader(reader.file(), reader.columns(), layout, table);
        String prefix = reader.file().getFileName() + ":";
        unused.addAll(h.unused().stream().map(c -> prefix + c).toList());
        defaulted.addAll(h.absentOptional().stream().map(c -> prefix + c).toList());
        return h;
    }

    /** The event a row belongs to, or null (counted) when its numbers are bad. */
    private EventKey eventKey(NtupleHeader h, NtupleReader reader, Object[] row) {
        try {
            return new EventKey(h.intValue(row, EXPERIMENT), h.intValue(row, RUN), h.integer(row, EVENT));
        } catch (NtupleHeader.BadValue e) {
            rowsRejected++;
            reject("event numbers of a row: " + e.reason, reader.file(), reader.rowNumber(), e.getMessage());
            return null;
        }
    }

    private long readPhotons(Map<EventKey, List<EclPhoton>> photons, Map<EventKey, String> bad) throws IOException {
        long n = 0;
        try (NtupleReader reader = NtupleReader.open(photonsFile)) {
            NtupleHeader h = header(reader, PHOTONS, "photon");
            for (Object[] row; (row = reader.next()) != null; ) {
                n++;
                EventKey key = eventKey(h, reader, row);
                if (key == null) {
                    continue;
                }
                try {
                    EclPhoton g = new EclPhoton(h.finite(row, PHOTON_E), h.finite(row, PHOTON_THETA), h.finite(row, PHOTON_PHI));
                    photons.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
                } catch (NtupleHeader.BadValue e) {
                    bad.putIfAbsent(key, "bad photon row, " + e.getMessage().replaceFirst(" \\('.*", ""));
                    if (examples.size() < EXAMPLES) {
                        examples.add(photonsFile.getFileName() + " row " + reader.rowNumber() + ": " + key + ": " + e.getMessage());
                    }
                }
            }
        }
        return n;
    }

    /** The run table, in its order (the dataset's replay order); every value must be right: it is small and hand-made. */
    private Map<RunKey, RunInfo> readRuns() throws IOException {
        Map<RunKey, RunInfo> runs = new LinkedHashMap<>();
        try (NtupleReader reader = NtupleReader.open(runsFile)) {
            NtupleHeader h = new NtupleHeader(runsFile, reader.columns(), RUNS, "run table");
            for (Object[] row; (row = reader.next()) != null; ) {
                try {
                    RunKey key = new RunKey(h.intValue(row, EXPERIMENT), h.intValue(row, RUN));
                    double lumi = h.finite(row, LUMINOSITY);
                    if (lumi < 0) {
                        throw new NtupleHeader.BadValue(LUMINOSITY, "negative", lumi);
                    }
                    Double herAngle = h.optionalFinite(row, HER_ANGLE);
                    Double lerAngle = h.optionalFinite(row, LER_ANGLE);
                    Long start = h.optionalInteger(row, START_MILLIS);
                    Long stop = h.optionalInteger(row, STOP_MILLIS);
                    RunInfo info = RunInfo.newBuilder().setExperiment(key.experiment()).setRun(key.run()).setState(RunState.ENDED)
                            .setIntegratedLuminosity(lumi).setHerEnergy(h.finite(row, HER_ENERGY)).setLerEnergy(h.finite(row, LER_ENERGY))
                            .setHerAngle(herAngle == null ? BeamConditions.NOMINAL.herAngleRad() : herAngle)
                            .setLerAngle(lerAngle == null ? BeamConditions.NOMINAL.lerAngleRad() : lerAngle)
                            .setStartMillis(start == null ? 0 : start).setStopMillis(stop == null ? (start == null ? 0 : start) : stop)
                            .build();
                    if (runs.put(key, info) != null) {
                        throw new IllegalArgumentException("run table " + runsFile + " row " + reader.rowNumber() + ": run "
                                + key.experiment() + "/" + key.run() + " appears twice");
                    }
                } catch (NtupleHeader.BadValue e) {
                    throw new IllegalArgumentException("run table " + runsFile + " row " + reader.rowNumber() + ": " + e.getMessage());
                }
            }
        }
        return runs;
    }
}
