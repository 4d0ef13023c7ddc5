package org.fourmu.app.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileWriter;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;

/**
 * Writes a dataset: events go to their run's file as they come; the manifest, with each run's final
 * RunInfo and the file checksums, is written on {@link #close}.
 */
public final class DatasetWriter implements AutoCloseable {

    private final Path directory;
    private final String name;
    private final Map<String, DataFileWriter<Event>> writers = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, RunInfo> runInfos = new LinkedHashMap<>();
    private String skim;
    private List<DatasetManifest.Process> processes;

    public DatasetWriter(Path directory, String name) {
        this.directory = directory;
        this.name = name;
    }

    private static String key(int experiment, int run) {
        return experiment + "/" + run;
    }

    public void event(Event e) {
        String key = key(e.getExperiment(), e.getRun());
        try {
            DataFileWriter<Event> w = writers.get(key);
            if (w == null) {
                w = RunFiles.create(directory.resolve(RunFiles.fileName(e.getExperiment(), e.getRun())));
                writers.put(key, w);
            }
            w.append(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        counts.merge(key, 1L, Long::sum);
    }

    /** The latest record of a run; the last one given is the one kept. */
    public void runInfo(RunInfo info) {
        runInfos.put(key(info.getExperiment(), info.getRun()), info);
    }

    /** Records the skim and the per-process accounting of a simulated dataset in its manifest. */
    public void simulated(String skimDescription, List<DatasetManifest.Process> processAccounting) {
        this.skim = skimDescription;
        this.processes = List.copyOf(processAccounting);
    }

    public long events() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Abandons an incomplete dataset: closes the run files and writes no manifest, so nothing can replay it. */
    public void discard() throws IOException {
        for (DataFileWriter<Event> w : writers.values()) {
            w.close();
        }
    }

    @Override
    public void close() throws IOException {
        for (DataFileWriter<Event> w : writers.values()) {
            w.close();
        }
        List<DatasetManifest.Run> runs = new ArrayList<>();
        for (Map.Entry<String, RunInfo> e : runInfos.entrySet()) {
            RunInfo info = e.getValue();
            String file = RunFiles.fileName(info.getExperiment(), info.getRun());
            if (!writers.containsKey(e.getKey())) {
                // a run without events still counts its luminosity
                RunFiles.create(directory.resolve(file)).close();
            }
            runs.add(DatasetManifest.Run.of(info, file, counts.getOrDefault(e.getKey(), 0L),
                    RunFiles.sha256(directory.resolve(file))));
        }
        for (String key : writers.keySet()) {
            if (!runInfos.containsKey(key)) {
                throw new IllegalStateException("events of run " + key + " but no RunInfo: the dataset would have no luminosity for them");
            }
        }
        new DatasetManifest(DatasetManifest.FORMAT, name, runs, skim, processes).write(directory);
    }
}
