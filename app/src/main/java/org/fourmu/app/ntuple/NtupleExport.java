package org.fourmu.app.ntuple;

import static org.fourmu.app.ntuple.NtupleLayout.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fourmu.app.dataset.DatasetManifest;
import org.fourmu.app.dataset.RunFiles;
import org.fourmu.avro.EclPhoton;
import org.fourmu.avro.Event;
import org.fourmu.avro.HelixTrack;

/**
 * Writes a dataset as a flat ntuple in the shape {@link NtupleImport} reads: track rows (an event without
 * tracks as one row with {@code __ncandidates__ = 0}), photon rows, and the run table in replay order.
 * Every value is written as stored, so export and import give back the same events.
 */
public final class NtupleExport {

    /** Counts of what was written. */
    public record Counts(long events, long trackRows, long photonRows, int runs) {
    }

    private NtupleExport() {
    }

    public static Counts write(Path dataset, Path tracks, Path photons, Path runs) throws IOException {
        Path directory = Files.isDirectory(dataset) ? dataset : dataset.toAbsolutePath().getParent();
        DatasetManifest manifest = DatasetManifest.read(dataset);
        long[] counts = new long[3];
        try (NtupleWriter t = NtupleWriter.create(tracks, TRACKS); NtupleWriter g = NtupleWriter.create(photons, PHOTONS);
             NtupleWriter r = NtupleWriter.create(runs, RUNS)) {
            for (DatasetManifest.Run run : manifest.runs()) {
                RunFiles.verify(directory, run);
                r.write(runRow(run));
                RunFiles.read(directory.resolve(run.file()), 0, e -> {
                    try {
                        counts[0]++;
                        counts[1] += writeTracks(t, e);
                        counts[2] += writePhotons(g, e);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            }
        }
        return new Counts(counts[0], counts[1], counts[2], manifest.runs().size());
    }

    private static Object[] runRow(DatasetManifest.Run run) {
        Map<String, Object> v = new HashMap<>();
        v.put(EXPERIMENT, run.experiment());
        v.put(RUN, run.run());
        v.put(LUMINOSITY, run.integratedLuminosity());
        v.put(HER_ENERGY, run.herEnergy());
        v.put(LER_ENERGY, run.lerEnergy());
        v.put(HER_ANGLE, run.herAngle());
        v.put(LER_ANGLE, run.lerAngle());
        v.put(START_MILLIS, run.startMillis());
        v.put(STOP_MILLIS, run.stopMillis());
        return row(RUNS, v);
    }

    private static int writeTracks(NtupleWriter out, Event e) throws IOException {
        List<HelixTrack> tracks = e.getTracks();
        Map<String, Object> v = eventColumns(e, tracks.size());
        if (e.getTrigger() != null) {
            v.put(TRG_THREE_TRACK, e.getTrigger().getThreeTrack() ? 1 : 0);
            v.put(TRG_SINGLE_MUON, e.getTrigger().getSingleMuon() ? 1 : 0);
            v.put(TRG_ECL_REFERENCE, e.getTrigger().getEclReference() ? 1 : 0);
        }
        if (e.getTruth() != null) {
            v.put(MC_PROCESS, e.getTruth().getProcess());
            v.put(MC_MASS, e.getTruth().getGeneratedMass());
            v.put(MC_WEIGHT, e.getTruth().getWeight());
        }
        v.put(TIME_SECONDS, Math.floorDiv(e.getTimeMillis(), 1000L));
        v.put(TIME_FRACTION, Math.floorMod(e.getTimeMillis(), 1000L) / 1000.0);
        if (tracks.isEmpty()) {
            // VariablesToNtuple writes no row for an empty list; this row keeps the event (and the event count)
            out.write(row(TRACKS, v));
            return 1;
        }
        for (int k = 0; k < tracks.size(); k++) {
            HelixTrack t = tracks.get(k);
            v.put(CANDIDATE, k);
            v.put(PX, t.getPx());
            v.put(PY, t.getPy());
            v.put(PZ, t.getPz());
            v.put(CHARGE, t.getCharge());
            v.put(D0, t.getD0());
            v.put(PHI0, t.getPhi0());
            v.put(OMEGA, t.getOmega());
            v.put(Z0, t.getZ0());
            v.put(TAN_LAMBDA, t.getTanLambda());
            int index = 0;
            for (int i = 0; i < HELIX_PARAMETERS; i++) {
                for (int j = i; j < HELIX_PARAMETERS; j++) {
                    v.put(covariance(i, j), t.getHelixCovariance().get(index++));
                }
            }
            v.put(MUON_ID, t.getMuonId());
            v.put(ELECTRON_ID, t.getElectronId());
            v.put(CLUSTER_E, t.getEclEnergy());
            v.put(DEDX, t.getDedx());
            v.put(KLM_REACHED, t.getKlmLayersReached());
            v.put(KLM_EXPECTED, t.getKlmLayersExpected());
            out.write(row(TRACKS, v));
        }
        return tracks.size();
    }

    private static int writePhotons(NtupleWriter out, Event e) throws IOException {
        List<EclPhoton> photons = e.getPhotons();
        Map<String, Object> v = eventColumns(e, photons.size());
        for (int k = 0; k < photons.size(); k++) {
            v.put(CANDIDATE, k);
            v.put(PHOTON_E, photons.get(k).getEnergy());
            v.put(PHOTON_THETA, photons.get(k).getTheta());
            v.put(PHOTON_PHI, photons.get(k).getPhi());
            out.write(row(PHOTONS, v));
        }
        return photons.size();
    }

    private static Map<String, Object> eventColumns(Event e, int candidates) {
        Map<String, Object> v = new HashMap<>();
        v.put(EXPERIMENT, e.getExperiment());
        v.put(RUN, e.getRun());
        v.put(EVENT, e.getEventNumber());
        v.put(N_CANDIDATES, candidates);
        return v;
    }

    private static Object[] row(List<NtupleColumn> layout, Map<String, Object> values) {
        Object[] row = new Object[layout.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = values.get(layout.get(i).name());
        }
        return row;
    }
}
