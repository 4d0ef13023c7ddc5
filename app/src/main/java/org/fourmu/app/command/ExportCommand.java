package org.fourmu.app.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fourmu.app.ntuple.NtupleExport;
import org.fourmu.app.ntuple.NtupleFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fourmu export}: a dataset as a flat ntuple (track rows, photon rows, run table) that {@code fourmu import} reads back. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a dataset as a flat ntuple, CSV or Parquet by the file name (columns: docs/ntuple-format.md).")
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory or its manifest.json.")
    Path dataset;

    @Option(names = "--ntuple", required = true, paramLabel = "FILE", description = "Track ntuple to write, .csv or .parquet.")
    Path tracks;

    @Option(names = "--photons", paramLabel = "FILE", description = "Photon ntuple (default: <ntuple>-photons.<ext>).")
    Path photons;

    @Option(names = "--runs", paramLabel = "FILE", description = "Run table (default: <ntuple>-runs.<ext>).")
    Path runs;

    @Override
    public Integer call() throws Exception {
        Path g = photons != null ? photons : NtupleFormat.sibling(tracks, "photons");
        Path r = runs != null ? runs : NtupleFormat.sibling(tracks, "runs");
        NtupleExport.Counts c = NtupleExport.write(dataset, tracks, g, r);
        System.out.printf("exported %d events of %d runs: %d track rows to %s, %d photon rows to %s, the run table to %s%n",
                c.events(), c.runs(), c.trackRows(), tracks, c.photonRows(), g, r);
        System.out.printf("read back with: fourmu import --ntuple %s --photons %s --runs %s --dataset DIR%n", tracks, g, r);
        return 0;
    }
}
