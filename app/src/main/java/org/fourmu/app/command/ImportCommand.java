package org.fourmu.app.command;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fourmu.app.dataset.DatasetManifest;
import org.fourmu.app.ntuple.ImportReport;
import org.fourmu.app.ntuple.NtupleImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fourmu import}: a flat ntuple (CSV or Parquet, basf2 column names) into a replayable dataset. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Convert a flat ntuple (CSV or Parquet, one row per track as basf2's VariablesToNtuple writes it) into a "
                + "dataset that 'fourmu replay' reads. Columns: docs/ntuple-format.md.",
                "Events with a bad row, or that the stream would dead-letter, are left out and counted in <dataset>/ntuple-import.json."})
public final class ImportCommand implements Callable<Integer> {

    @Option(names = "--ntuple", required = true, paramLabel = "FILE", description = "Track ntuple, .csv or .parquet.")
    Path tracks;

    @Option(names = "--photons", paramLabel = "FILE", description = "Photon ntuple (gamma list), .csv or .parquet; without it no event has photons.")
    Path photons;

    @Option(names = "--runs", required = true, paramLabel = "FILE",
            description = "Run table, .csv or .parquet: luminosity and beam energies per run (no event ntuple carries them).")
    Path runs;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Output dataset directory.")
    Path dataset;

    @Option(names = "--name", description = "Dataset name (default: the directory name).")
    String name;

    @Override
    public Integer call() throws Exception {
        if (photons == null) {
            System.err.println("no --photons: the events have no photons (the photon-energy cuts see none)");
        }
        long t0 = System.nanoTime();
        String datasetName = name != null ? name : dataset.toAbsolutePath().getFileName().toString();
        ImportReport report = new NtupleImport(tracks, photons, runs).into(dataset, datasetName);
        DatasetManifest manifest = DatasetManifest.read(dataset);
        System.out.printf(Locale.ROOT, "imported %d events (%d track rows, %d photon rows) in %d runs, %.4g fb^-1, into %s in %.1f s%n",
                report.eventsWritten(), report.trackRows(), report.photonRows(), report.runs(), manifest.integratedLuminosity(),
                dataset, (System.nanoTime() - t0) * 1e-9);
        if (report.eventsRejected() > 0 || report.rowsRejected() > 0) {
            System.out.printf(Locale.ROOT, "rejected %d events (%d rows):%n", report.eventsRejected(), report.rowsRejected());
            for (Map.Entry<String, Long> e : report.rejectedByReason().entrySet()) {
                System.out.printf(Locale.ROOT, "  %8d  %s%n", e.getValue(), e.getKey());
            }
            System.out.println("first examples in " + dataset.resolve(ImportReport.FILE_NAME));
        }
        if (!report.defaultedColumns().isEmpty()) {
            System.err.println("absent optional columns, read as their defaults: " + String.join(", ", report.defaultedColumns()));
        }
        if (!report.unusedColumns().isEmpty()) {
            System.err.println("columns not used: " + String.join(", ", report.unusedColumns()));
        }
        return 0;
    }
}
