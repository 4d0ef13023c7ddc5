package org.fourmu.app.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.calibration.CalibrationBundleException;
import org.fourmu.physics.calibration.CalibrationBundleFormat;
import org.fourmu.simulation.calibration.CalibrationBuilder;
import org.fourmu.simulation.calibration.CalibrationConfig;
import org.fourmu.simulation.validation.CalibrationValidation;
import org.fourmu.simulation.training.MlpCalibration;
import org.fourmu.simulation.training.MlpReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fourmu calibrate}: builds the calibration bundle from simulation and writes
 * {@code calibration-<id>.json}; the same seed gives the same file.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Build the calibration bundle from simulation (signal shapes, efficiencies, ISR correction, PID PDFs, "
                + "trigger maps, systematics, model cross sections) and write <out>/calibration-<id>.json.")
public final class CalibrateCommand implements Callable<Integer> {

    /** The bundle shipped with fourmu, built by {@code fourmu calibrate --seed 1} (docs/calibration.md). */
    public static final String DEFAULT_BUNDLE_RESOURCE = "calibration/default.json";
    /** The seed of the shipped bundle. */
    public static final long DEFAULT_SEED = 1;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}, the shipped bundle's).")
    long seed;

    @Option(names = "--out", defaultValue = "calibration", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "Three masses and small samples (well under a minute): for tests and smoke runs.")
    boolean quick;

    @Option(names = "--report", description = "Also write the validation report (calibration.md and plots) into this directory.")
    Path report;

    @Override
    public Integer call() throws IOException {
        CalibrationConfig config = quick ? CalibrationConfig.quick(seed) : CalibrationConfig.standard(seed);
        long t0 = System.nanoTime();
        System.err.println("calibrate: training the five MLPs (simulated Z' on a 5 MeV grid against e+e- -> 4mu)");
        MlpCalibration.Result mlp = MlpCalibration.build(quick ? MlpCalibration.Config.quick(seed) : MlpCalibration.Config.standard(seed));
        CalibrationBuilder.Result result = CalibrationBuilder.afterMlp(config, mlp.selection(),
                line -> System.err.println("calibrate: " + line)).build();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path file = CalibrationBundleFormat.write(result.bundle(), out);
        System.out.printf(Locale.ROOT, "calibration bundle %s written to %s in %.0f s%n", result.bundle().id(), file, seconds);
        if (report != null) {
            Optional<CalibrationBundle> shipped = Optional.empty();
            if (!quick && seed == DEFAULT_SEED) {
                try {
                    shipped = Optional.of(shippedDefault());
                } catch (CalibrationBundleException e) {
                    System.err.println("calibrate: no shipped bundle to compare with: " + e.getMessage());
                }
            }
            int failed = CalibrationValidation.write(result, shipped, "fourmu calibrate --seed " + seed + (quick ? " --quick" : "")
                    + " --report " + report, seconds, report);
            System.out.println("calibration report: " + report.resolve("calibration.md") + " (" + failed + " checks failed)");
            int mlpFailed = MlpReport.write(report, mlp, "fourmu calibrate --seed " + seed + (quick ? " --quick" : "") + " --report " + report);
            System.out.println("MLP report: " + report.resolve("mlp.md") + " (" + mlpFailed + " checks failed)");
        }
        return 0;
    }

    /** The bundle shipped in the application's resources, verified. */
    public static CalibrationBundle shippedDefault() throws IOException {
        return CalibrationBundleFormat.readResource(CalibrateCommand.class.getClassLoader(), DEFAULT_BUNDLE_RESOURCE);
    }
}
