package org.fourmu.app.command;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.calibration.CalibrationBundleFormat;
import org.fourmu.topology.SearchTopology;

/** The analysis the commands run: the one a calibration bundle defines (the shipped default unless one is named). */
final class AnalysisSetup {

    private AnalysisSetup() {
    }

    /**
     * The analysis of the bundle in {@code file}, or of the shipped default bundle when {@code file} is null.
     * A missing, corrupted or mismatched bundle stops with a message naming the problem.
     */
    static SearchTopology.Analysis fromBundle(Path file) throws IOException {
        CalibrationBundle bundle;
        try {
            bundle = file == null ? CalibrateCommand.shippedDefault() : CalibrationBundleFormat.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--calibration: no such file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--calibration: cannot read " + file + ": " + e.getMessage());
        }
        return SearchTopology.Analysis.fromBundle(bundle);
    }
}
