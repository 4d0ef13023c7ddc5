package org.fourmu.app.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;

/**
 * The manifest of a recorded dataset ({@code manifest.json} beside the run files): which runs, how many
 * events, the luminosity and beams of each run, and the SHA-256 of each file. Replay reads it to keep run
 * boundaries and RunInfo, and to refuse a file that changed since it was recorded.
 *
 * @param format     {@link #FORMAT}
 * @param name       dataset name (the key of its results: dataset and calibration)
 * @param runs       the runs in replay order
 * @param skim       the skim applied when the dataset was simulated, or null (recorded data, unskimmed simulation)
 * @param processes  per simulated process: cross section, generated luminosity and events, events kept; null for
 *                   recorded data and for manifests written before it existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetManifest(String format, String name, List<Run> runs, String skim, List<Process> processes) {

    public static final String FORMAT = "fourmu-dataset/1";
    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One recorded run.
     *
     * @param experiment  experiment number
     * @param run         run number
     * @param file        Avro container file of its events, relative to the manifest
     * @param events      events in the file
     * @param integratedLuminosity  the run's integrated luminosity [fb^-1]
     * @param herEnergy   HER beam energy [GeV]
     * @param lerEnergy   LER beam energy [GeV]
     * @param herAngle    HER angle [rad]
     * @param lerAngle    LER angle [rad]
     * @param startMillis run start [ms since the epoch]
     * @param stopMillis  run stop [ms since the epoch]
     * @param sha256      SHA-256 of the file, hex
     */
    public record Run(int experiment, int run, String file, long events, double integratedLuminosity,
                      double herEnergy, double lerEnergy, double herAngle, double lerAngle,
                      long startMillis, long stopMillis, String sha256) {

        /** The run record as it ends: ENDED, with all its luminosity and events. */
        public RunInfo endedRunInfo() {
            return runInfo(RunState.ENDED, integratedLuminosity, events, stopMillis);
        }

        /** The run record as it starts: RUNNING, no luminosity yet. */
        public RunInfo startedRunInfo() {
            return runInfo(RunState.RUNNING, 0, 0, null);
        }

        private RunInfo runInfo(RunState state, double lumi, long n, Long stop) {
            return RunInfo.newBuilder().setExperiment(experiment).setRun(run).setState(state)
                    .setIntegratedLuminosity(lumi).setHerEnergy(herEnergy).setLerEnergy(lerEnergy)
                    .setHerAngle(herAngle).setLerAngle(lerAngle).setStartMillis(startMillis).setStopMillis(stop)
                    .setEvents(n).build();
        }

        /** The Kafka key of its RunInfo on fourmu.runs. */
        public String key() {
            return experiment + "/" + run;
        }

        static Run of(RunInfo info, String file, long events, String sha256) {
            return new Run(info.getExperiment(), info.getRun(), file, events, info.getIntegratedLuminosity(),
                    info.getHerEnergy(), info.getLerEnergy(), info.getHerAngle(), info.getLerAngle(),
                    info.getStartMillis(), info.getStopMillis() == null ? info.getStartMillis() : info.getStopMillis(), sha256);
        }
    }

    /**
     * How one simulated process fills the dataset. Events kept per fb^-1 of the dataset are
     * {@code kept / lumiInvFb}; a process generated at less than the dataset's luminosity (its rate made that
     * too slow) is scaled by {@code datasetLumi / lumiInvFb} to the dataset's expectation.
     *
     * @param process         process name
     * @param crossSectionFb  its cross section inside the generator cuts [fb]
     * @param lumiInvFb       the luminosity generated of it [fb^-1]
     * @param generated       events generated (cross section x luminosity)
     * @param kept            events that passed the skim and are in the run files
     * @param oversampling    detector passes per generator event: the generated events are the detector's, each
     *                        generator event is used for this many consecutive ones (1: each its own; 0 in
     *                        manifests written before it existed reads as 1)
     */
    public record Process(String process, double crossSectionFb, double lumiInvFb, long generated, long kept, int oversampling) {

        public Process {
            oversampling = Math.max(oversampling, 1);
        }

        /** A process without oversampling. */
        public Process(String process, double crossSectionFb, double lumiInvFb, long generated, long kept) {
            this(process, crossSectionFb, lumiInvFb, generated, kept, 1);
        }

        /** Distinct generator events behind the generated ones. */
        public long generatorEvents() {
            return (generated + oversampling - 1) / oversampling;
        }

        /** Fraction of the generated events kept. */
        public double skimEfficiency() {
            return generated == 0 ? 0.0 : (double) kept / generated;
        }
    }

    public DatasetManifest {
        runs = List.copyOf(runs);
        processes = processes == null ? null : List.copyOf(processes);
    }

    /** A manifest without skim or process accounting (recorded data). */
    public DatasetManifest(String format, String name, List<Run> runs) {
        this(format, name, runs, null, null);
    }

    public long events() {
        return runs.stream().mapToLong(Run::events).sum();
    }

    public double integratedLuminosity() {
        return runs.stream().mapToDouble(Run::integratedLuminosity).sum();
    }

    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path tmp = directory.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, directory.resolve(FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a manifest, given its file or the dataset directory; refuses another format with a message naming it. */
    public static DatasetManifest read(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("no dataset manifest at " + file);
        }
        DatasetManifest m;
        try {
            m = JSON.readValue(file.toFile(), DatasetManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("dataset manifest " + file + " is not valid: " + e.getMessage());
        }
        if (!FORMAT.equals(m.format())) {
            throw new IllegalArgumentException("dataset manifest " + file + " has format '" + m.format() + "', expected '" + FORMAT + "'");
        }
        return m;
    }
}
